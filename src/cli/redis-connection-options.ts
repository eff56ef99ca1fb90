import type { RedisOptions } from 'ioredis';

/** How long starting up waits for Redis to connect and answer PING before giving up. */
export const REDIS_STARTUP_TIMEOUT_MS = 5_000;
/**
 * A throttle command that has not answered by then fails (and the request gets 503): a Redis
 * that accepts connections but never replies must not hold logins open forever.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** Reconnection attempts are spaced out up to this, so an outage does not become a connection storm. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * ioredis options for a REDIS_URL already validated by the config loader. The URL's parts are
 * passed one by one, rather than the URL itself, so that TLS follows the `rediss:` scheme
 * whatever its spelling, and nothing in the URL can override the timeouts below.
 */
export function redisConnectionOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new TypeError('redisUrl must be a redis:// or rediss:// URL');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const database = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    db: database,
    // Node verifies the server's certificate against the host (its default; nothing here relaxes it).
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    connectionName: 'bulwark-throttle',
    lazyConnect: true,
    connectTimeout: REDIS_STARTUP_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // While disconnected, commands fail at once instead of queueing until Redis returns:
    // the request gets its 503 now, not after the client gives up.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  };
}

/** The URL without its user name and password, for messages and logs. */
export function describeRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
