import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import type { ThrottleBackend } from '../limits/index.js';
import { describeRedisUrl, redisConnectionOptions, REDIS_STARTUP_TIMEOUT_MS } from './redis-connection-options.js';

export interface OpenedThrottleBackend {
  backend: ThrottleBackend;
  close(): Promise<void>;
}

/** Where outages of the throttle store are reported; only messages and host names, never the URL's password. */
export type ThrottleStoreLogger = Pick<Logger, 'error' | 'info'>;

/**
 * The throttles' store from configuration: in memory without REDIS_URL, else one ioredis client
 * shared by every throttle. Starting fails (one line, no password) unless Redis connects and
 * answers PING within REDIS_STARTUP_TIMEOUT_MS: serving with a throttle store that cannot work
 * would refuse every login anyway, and hide the mistake until the first user tries.
 */
export async function openThrottleBackend(
  config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>,
  logger?: ThrottleStoreLogger,
): Promise<OpenedThrottleBackend> {
  if (config.redisUrl === null) return { backend: { kind: 'memory' }, close: async () => {} };

  const where = describeRedisUrl(config.redisUrl);
  const options = redisConnectionOptions(config.redisUrl);
  const client = new Redis(options);
  // ioredis reports connection failures as events; the first one says why starting failed.
  let firstError = null as Error | null;
  let serving = false;
  let closing = false;
  let outage = false;
  const reportOutage = (reason: string): void => {
    if (!serving || closing || outage) return;
    outage = true;
    logger?.error({ redis: where, reason }, 'throttle store (Redis) unreachable: logins, password changes and sign-ups answer 503 until it is back');
  };
  client.on('error', (error: Error) => {
    firstError ??= error;
    // Only the message: ioredis attaches the failed command and its arguments to reply errors.
    reportOutage(error.message);
  });
  client.on('close', () => reportOutage('connection closed'));
  client.on('ready', () => {
    if (!outage) return;
    outage = false;
    logger?.info({ redis: where }, 'throttle store (Redis) reachable again');
  });

  try {
    await withTimeout(
      client.connect().then(() => client.ping()),
      REDIS_STARTUP_TIMEOUT_MS,
      `no answer within ${REDIS_STARTUP_TIMEOUT_MS / 1000} s`,
    );
  } catch (error) {
    client.disconnect();
    const reason = firstError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(
      `Redis at ${where} (REDIS_URL) is not reachable: ${reason}. Start it or fix REDIS_URL; ` +
        'unset REDIS_URL to keep throttles in memory (one instance only).',
    );
  }
  // ioredis reports a refused SELECT only as an event and goes on in database 0, where the
  // counters would mix with whatever else uses it: ask for the database again and wait for the answer.
  const database = options.db ?? 0;
  if (database !== 0) {
    try {
      await client.select(database);
    } catch (error) {
      client.disconnect();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Redis at ${where} (REDIS_URL) has no database ${database}: ${reason}. ` +
          "Use a database number below the server's `databases` setting (16 by default), or fix REDIS_URL.",
      );
    }
  }
  serving = true;

  return {
    backend: { kind: 'redis', client, keyPrefix: config.redisKeyPrefix },
    async close() {
      closing = true;
      try {
        await client.quit();
      } catch {
        // Already unreachable: nothing to say goodbye to; stop reconnecting.
        client.disconnect();
      }
    },
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  // Once the timeout has won, a late rejection of `work` has no one left to hear it.
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
