/** Tests only: whether the test Redis answers, and why not when it does not. */
import { Redis } from 'ioredis';
import { redisUrl } from './environment.js';

export async function probeRedis(): Promise<string | null> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let firstError = null as Error | null;
  client.on('error', (error: Error) => {
    firstError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return (firstError ?? (error as Error)).message;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix:` (a test run's namespace). */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    client.disconnect();
  }
}
