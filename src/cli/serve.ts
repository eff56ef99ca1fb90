import { buildApp } from '../http/build-app.js';
import { createLogger } from '../http/logger.js';
import { loadConfig } from '../config/index.js';
import type { CliCommand } from './io.js';
import { createDependencies } from './create-dependencies.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/** `bulwark serve`: migrate, listen, clean up expired sessions, stop gracefully on SIGINT/SIGTERM. */
export const serveCommand: CliCommand = async (_args, io) => {
  const config = loadConfig(io.env);
  const logger = createLogger(config);
  const deps = await createDependencies(config);
  const app = await buildApp(config, deps, { logger });

  const housekeeping = setInterval(() => {
    const now = Date.now();
    deps.store.sessions
      .deleteExpiredSessions(now, now - config.session.idleTimeoutMs)
      .catch((error: unknown) => logger.warn({ err: error }, 'session housekeeping failed'));
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();

  await app.listen({ host: config.host, port: config.port });
  const address = config.host.includes(':') ? `[${config.host}]` : config.host;
  io.stdout.write(`Bulwark listening on http://${address}:${config.port} (database: ${config.databaseUrl.split(':')[0]})\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(housekeeping);
  await app.close();
  await deps.close();
  return 0;
};
