import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, describe, expect, it } from 'vitest';
import { OverloadedError } from '../errors.js';
import { inCi, redisUrl } from '../test-support/environment.js';
import { deleteRedisKeys, probeRedis } from '../test-support/redis.js';
import { FailClosedRateLimiterRedis, STORE_FAILURE_RETRY_AFTER_SECONDS } from './fail-closed-rate-limiter-redis.js';
import { createLoginThrottle } from './login-throttle.js';
import { createRegistrationThrottle } from './registration-throttle.js';

const redisProblem = await probeRedis();
if (redisProblem !== null && inCi) {
  describe('Redis availability (CI)', () => {
    it('reaches the test Redis', () => expect.fail(`Redis is required in CI but unreachable: ${redisProblem}`));
  });
} else if (redisProblem !== null) {
  console.warn(`SKIP: fail-closed Redis throttles: no Redis at ${redisUrl} (${redisProblem})`);
}

const runPrefix = `bulwark-test:${randomUUID()}`;
afterAll(async () => {
  if (redisProblem === null) await deleteRedisKeys(runPrefix);
});

const options = { loginMaxConsecutiveFailures: 5, loginBlockSeconds: 900, loginMaxFailuresPerIpPerHour: 100, registrationsPerIpPerHour: 1 };

/** A real client, connected, that commands fail on at once once it is disconnected (as the server sets it up). */
async function connectedClient(): Promise<Redis> {
  const client = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe.skipIf(redisProblem !== null)('FailClosedRateLimiterRedis', () => {
  it('passes a limit’s own refusal through unchanged', async () => {
    const client = await connectedClient();
    try {
      const limiter = new FailClosedRateLimiterRedis({ storeClient: client, keyPrefix: `${runPrefix}:limit`, points: 1, duration: 60 });
      await limiter.consume('k');
      await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
    } finally {
      client.disconnect();
    }
  });

  it('turns every store failure into a 503 with Retry-After, the cause kept for the log only', async () => {
    const client = await connectedClient();
    const limiter = new FailClosedRateLimiterRedis({ storeClient: client, keyPrefix: `${runPrefix}:down`, points: 5, duration: 60 });
    client.disconnect();
    const calls: (() => Promise<unknown>)[] = [
      () => limiter.consume('k'),
      () => limiter.penalty('k'),
      () => limiter.reward('k'),
      () => limiter.get('k'),
      () => limiter.set('k', 1, 60),
      () => limiter.block('k', 60),
      () => limiter.delete('k'),
    ];
    for (const call of calls) {
      const failure = await call().then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(OverloadedError);
      const refusal = failure as OverloadedError;
      expect(refusal.status).toBe(503);
      expect(refusal.retryAfterSeconds).toBe(STORE_FAILURE_RETRY_AFTER_SECONDS);
      expect(refusal.message).not.toMatch(/redis|stream|offline/i);
      expect((refusal.cause as Error).message).toMatch(/^throttle store \(Redis\) failed: /);
    }
  });

  it('makes both throttles refuse (never allow) while Redis is down', async () => {
    const client = await connectedClient();
    const backend = { kind: 'redis', client, keyPrefix: `${runPrefix}:throttles` } as const;
    const login = createLoginThrottle(options, backend);
    const registration = createRegistrationThrottle(options, backend);
    const gate = await login.beginAttempt('user:1', '203.0.113.7');
    expect(gate.allowed).toBe(true);
    client.disconnect();
    await expect(login.beginAttempt('user:1', '203.0.113.7')).rejects.toBeInstanceOf(OverloadedError);
    await expect(registration.consume('203.0.113.7')).rejects.toBeInstanceOf(OverloadedError);
    if (gate.allowed) await expect(gate.attempt.succeeded()).rejects.toBeInstanceOf(OverloadedError);
  });
});
