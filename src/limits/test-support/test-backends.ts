/**
 * The backends every throttle test runs against: memory always, and the real Redis at
 * redisUrl when it answers (required in CI, skipped with a message locally).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inCi, redisUrl } from '../../test-support/environment.js';
import type { ThrottleBackend } from '../throttle-backend.js';

export interface TestBackend {
  name: string;
  /** A fresh, empty namespace on every call, so tests never see each other's counters. */
  create(): ThrottleBackend;
  /** Keys written under this run's namespace (Redis only; memory returns null). */
  listKeys(): Promise<string[] | null>;
  close(): Promise<void>;
}

const memory: TestBackend = {
  name: 'memory',
  create: () => ({ kind: 'memory' }),
  listKeys: async () => null,
  close: async () => {},
};

async function connectRedis(): Promise<TestBackend | null> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // ioredis reports connection failures as events too; keep the first for the message.
  let connectionError: Error | null = null;
  client.on('error', (error: Error) => {
    connectionError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    const message = `Redis not reachable at ${redisUrl}: ${(connectionError ?? (error as Error)).message}`;
    if (inCi) throw new Error(message);
    console.warn(`SKIP (redis backend): ${message}`);
    return null;
  }
  const runPrefix = `bulwark-test:${randomUUID()}`;
  const listKeys = async (): Promise<string[]> => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${runPrefix}:*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  };
  return {
    name: 'redis',
    create: () => ({ kind: 'redis', client, keyPrefix: `${runPrefix}:${randomUUID()}` }),
    listKeys,
    close: async () => {
      const keys = await listKeys();
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    },
  };
}

export async function openTestBackends(): Promise<TestBackend[]> {
  const redis = await connectRedis();
  return redis === null ? [memory] : [memory, redis];
}
