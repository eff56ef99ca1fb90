/**
 * The backends every throttle test runs against: memory always, and the real Redis at
 * redisUrl when it answers (required in CI, skipped with a message locally).
 */
import { randomUUID } from 'node:crypto';
import { inCi, redisUrl } from '../../test-support/environment.js';
import { connectTestRedis, scanRedisKeys } from '../../test-support/redis.js';
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
  const connected = await connectTestRedis();
  if ('problem' in connected) {
    const message = `Redis not reachable at ${redisUrl}: ${connected.problem}`;
    if (inCi) throw new Error(message);
    console.warn(`SKIP (redis backend): ${message}`);
    return null;
  }
  const { client } = connected;
  const runPrefix = `bulwark-test:${randomUUID()}`;
  const listKeys = (): Promise<string[]> => scanRedisKeys(client, runPrefix);
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
