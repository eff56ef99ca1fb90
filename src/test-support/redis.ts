/** Tests only: the test Redis at `redisUrl`, connected once per use, with its failure reason. */
import { Redis } from 'ioredis';
import { redisUrl } from './environment.js';

/** A connected client, or why the test Redis does not answer (connect and PING). */
export async function connectTestRedis(): Promise<{ client: Redis } | { problem: string }> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  // ioredis reports connection failures as events too; the first one says why.
  let firstError = null as Error | null;
  client.on('error', (error: Error) => {
    firstError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return { client };
  } catch (error) {
    client.disconnect();
    return { problem: (firstError ?? (error as Error)).message };
  }
}

/** Null when the test Redis answers, else the reason it does not. */
export async function probeRedis(): Promise<string | null> {
  const connected = await connectTestRedis();
  if ('problem' in connected) return connected.problem;
  connected.client.disconnect();
  return null;
}

/** Every key under `prefix:` (a test run's namespace). */
export async function scanRedisKeys(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under `prefix:`; returns how many there were. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await scanRedisKeys(client, prefix);
    return keys.length > 0 ? await client.del(...keys) : 0;
  } finally {
    client.disconnect();
  }
}
