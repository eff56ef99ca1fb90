import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/build-app.js';
import { createLogger } from '../http/logger.js';
import { loadConfig } from '../config/index.js';
import type { CliCommand } from './io.js';
import { createDependencies } from './create-dependencies.js';
import { explainListenFailure } from './explain-listen-failure.js';
import { describeRedisUrl } from './redis-connection-options.js';
import { scheduleSessionHousekeeping } from './session-housekeeping.js';
import { throttleScopeWarning } from './throttle-scope-warning.js';

/** `bulwark serve`: migrate, listen, clean up expired sessions, stop gracefully on SIGINT/SIGTERM. */
export const serveCommand: CliCommand = async (_args, io) => {
  const config = loadConfig(io.env);
  const logger = createLogger(config);
  const deps = await createDependencies(config, { logger });
  let app: FastifyInstance | undefined;
  let stopHousekeeping = (): void => {};
  // Listening for the stop signals before saying "listening": a supervisor may send SIGTERM as
  // soon as it reads that line, and must get a graceful stop, not the default instant exit.
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A failure after this point (e.g. the port is taken) still closes the worker threads and the
  // Redis connection, which would otherwise keep the process alive after its one-line error.
  try {
    app = await buildApp(config, deps, { logger });
    stopHousekeeping = scheduleSessionHousekeeping(deps.store, config, logger, deps.clock);

    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      throw explainListenFailure(config, error);
    }
    const address = config.host.includes(':') ? `[${config.host}]` : config.host;
    // Scheme and host only: both URLs may hold a password.
    const throttles = config.redisUrl === null ? 'memory' : `redis at ${describeRedisUrl(config.redisUrl)}`;
    io.stdout.write(`Bulwark listening on http://${address}:${config.port} (database: ${config.databaseUrl.split(':')[0]}, throttles: ${throttles})\n`);
    const warning = throttleScopeWarning(config);
    if (warning !== null) io.stderr.write(warning);

    await stopped;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    stopHousekeeping();
    await app?.close();
    await deps.close();
  }
  return 0;
};
