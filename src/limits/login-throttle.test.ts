import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ThrottleOptions } from '../config/types.js';
import { createLoginThrottle, type BeginAttemptResult, type LoginThrottle } from './login-throttle.js';
import { openTestBackends } from './test-support/test-backends.js';

const defaults: ThrottleOptions = {
  loginMaxConsecutiveFailures: 5,
  loginBlockSeconds: 900,
  loginMaxFailuresPerIpPerHour: 100,
  registrationsPerIpPerHour: 10,
};
const IP = '203.0.113.7';
const OTHER_IP = '198.51.100.20';
/** A little over one second: long enough for a 1 s block (memory timers, Redis TTLs) to be gone. */
const ONE_SECOND_BLOCK_OVER = 1_250;

const backends = await openTestBackends();
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

async function fail(throttle: LoginThrottle, account: string, ip = IP): Promise<void> {
  const gate = await throttle.beginAttempt(account, ip);
  expect(gate.allowed).toBe(true);
  if (gate.allowed) await gate.attempt.failed();
}

async function succeed(throttle: LoginThrottle, account: string, ip = IP): Promise<void> {
  const gate = await throttle.beginAttempt(account, ip);
  expect(gate.allowed).toBe(true);
  if (gate.allowed) await gate.attempt.succeeded();
}

function retryAfter(result: BeginAttemptResult): number {
  if (result.allowed) throw new Error('expected the attempt to be refused');
  expect(Number.isInteger(result.retryAfterSeconds)).toBe(true);
  return result.retryAfterSeconds;
}

describe.each(backends)('createLoginThrottle on $name', (backend) => {
  const create = (options: Partial<ThrottleOptions> = {}): LoginThrottle =>
    createLoginThrottle({ ...defaults, ...options }, backend.create());

  describe('per (account, client) failures', () => {
    it('allows 5 wrong guesses and refuses the 6th for loginBlockSeconds', async () => {
      const throttle = create();
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      const sixth = await throttle.beginAttempt('alice', IP);
      expect(retryAfter(sixth)).toBe(900);
      // Later attempts keep being refused, with the time left on the same block.
      const seventh = await throttle.beginAttempt('alice', IP);
      expect(retryAfter(seventh)).toBeGreaterThanOrEqual(1);
      expect(retryAfter(seventh)).toBeLessThanOrEqual(900);
    });

    it('lets exactly 5 of 50 parallel guesses through, then stays blocked', async () => {
      const throttle = create();
      const results = await Promise.all(Array.from({ length: 50 }, () => throttle.beginAttempt('alice', IP)));
      const allowed = results.filter((result) => result.allowed);
      expect(allowed).toHaveLength(5);
      for (const result of results) {
        if (!result.allowed) {
          expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(result.retryAfterSeconds).toBeLessThanOrEqual(900);
        }
      }
      await Promise.all(allowed.map((result) => (result.allowed ? result.attempt.failed() : null)));
      // A second wave finds the pair blocked: not a single further guess.
      const wave = await Promise.all(Array.from({ length: 50 }, () => throttle.beginAttempt('alice', IP)));
      expect(wave.filter((result) => result.allowed)).toHaveLength(0);
    });

    it('tells attempts refused while the block is being placed the wait of that block, not of the next', async () => {
      const throttle = create();
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      const refused = await Promise.all(Array.from({ length: 30 }, () => throttle.beginAttempt('alice', IP)));
      const waits = refused.map(retryAfter);
      expect(Math.max(...waits)).toBeLessThanOrEqual(900);
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(899);
    });

    it.concurrent('keeps refusing the right password while blocked, and accepts it once the block ends', async () => {
      const throttle = create({ loginBlockSeconds: 1 });
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      // The attacker now holds the right password: the gate refuses before it is ever checked.
      expect(retryAfter(await throttle.beginAttempt('alice', IP))).toBe(1);
      expect((await throttle.beginAttempt('alice', IP)).allowed).toBe(false);
      await sleep(ONE_SECOND_BLOCK_OVER);
      await succeed(throttle, 'alice');
    });

    it.concurrent('makes the second block of the same pair longer than the first', async () => {
      const throttle = create({ loginBlockSeconds: 1 });
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      const first = retryAfter(await throttle.beginAttempt('alice', IP));
      expect(first).toBe(1);
      await sleep(ONE_SECOND_BLOCK_OVER);
      // After the block the pair has a fresh allowance of 5, and the next block doubles.
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      const second = retryAfter(await throttle.beginAttempt('alice', IP));
      expect(second).toBe(2);
      expect(second).toBeGreaterThan(first);
    });

    it('forgets failures after a success', async () => {
      const throttle = create();
      for (let i = 0; i < 4; i++) await fail(throttle, 'alice');
      await succeed(throttle, 'alice');
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      expect((await throttle.beginAttempt('alice', IP)).allowed).toBe(false);
    });

    it('does not block other usernames from the same client, nor the same account from another client', async () => {
      const throttle = create();
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      expect((await throttle.beginAttempt('alice', IP)).allowed).toBe(false);
      // The real user, on their own network, is not locked out by the attacker.
      await succeed(throttle, 'alice', OTHER_IP);
      await succeed(throttle, 'bob', IP);
    });

    it('counts every address of one IPv6 /64 as one client, so rotating addresses does not help', async () => {
      const throttle = create();
      for (let i = 1; i <= 5; i++) await fail(throttle, 'alice', `2001:db8:1:2::${i.toString(16)}`);
      expect((await throttle.beginAttempt('alice', '2001:db8:1:2:ffff:ffff:ffff:ffff')).allowed).toBe(false);
      // Another /64 is another client.
      await succeed(throttle, 'alice', '2001:db8:1:3::1');
    });

    it('keeps huge usernames apart and bounded', async () => {
      const throttle = create();
      const huge = 'a'.repeat(1_000_000);
      for (let i = 0; i < 5; i++) await fail(throttle, `${huge}x`);
      expect((await throttle.beginAttempt(`${huge}x`, IP)).allowed).toBe(false);
      await succeed(throttle, `${huge}y`);
      const keys = await backend.listKeys();
      if (keys !== null) {
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(key.length).toBeLessThan(200);
      }
    });
  });

  describe('per-client failures across accounts', () => {
    it('cuts off credential stuffing across 150 usernames at 100 failures', async () => {
      const throttle = create();
      let allowed = 0;
      for (let i = 0; i < 150; i++) {
        const gate = await throttle.beginAttempt(`user${i}`, IP);
        if (gate.allowed) {
          allowed += 1;
          await gate.attempt.failed();
        } else {
          expect(gate.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(gate.retryAfterSeconds).toBeLessThanOrEqual(3600);
        }
      }
      expect(allowed).toBe(100);
      // The whole client is refused for any account, even one with no failures; others are not.
      expect((await throttle.beginAttempt('fresh-account', IP)).allowed).toBe(false);
      await succeed(throttle, 'fresh-account', OTHER_IP);
    });

    it('cuts off 150 parallel guesses across usernames at exactly 100', async () => {
      const throttle = create();
      const results = await Promise.all(Array.from({ length: 150 }, (_, i) => throttle.beginAttempt(`user${i}`, IP)));
      expect(results.filter((result) => result.allowed)).toHaveLength(100);
    });

    it('gives back only the successful attempt\'s own point: interleaved successes do not reset the limit', async () => {
      const throttle = create({ loginMaxFailuresPerIpPerHour: 3 });
      let failures = 0;
      // The attacker owns one real account and logs into it between guesses at others.
      for (let i = 0; i < 10; i++) {
        const own = await throttle.beginAttempt('attacker-own-account', IP);
        if (!own.allowed) break;
        await own.attempt.succeeded();
        const guess = await throttle.beginAttempt(`victim${i}`, IP);
        if (!guess.allowed) break;
        failures += 1;
        await guess.attempt.failed();
      }
      expect(failures).toBe(3);
      // Once the client is cut off, its own account is refused too, until the hour is over.
      expect((await throttle.beginAttempt('attacker-own-account', IP)).allowed).toBe(false);
    });

    it('counts exactly the failures when guesses race an attempt that then succeeds', async () => {
      const throttle = create({ loginMaxFailuresPerIpPerHour: 3 });
      await fail(throttle, 'a');
      await fail(throttle, 'b');
      // Six attempts at once for the last free point: one gets it, five are refused.
      const racing = await Promise.all(['c', 'd', 'e', 'f', 'g', 'h'].map((account) => throttle.beginAttempt(account, IP)));
      const winners = racing.filter((result) => result.allowed);
      expect(winners).toHaveLength(1);
      const [winner] = winners;
      if (winner?.allowed) await winner.attempt.succeeded();
      // The refused five left no trace and the success gave its point back: one failure is left.
      await fail(throttle, 'i');
      expect((await throttle.beginAttempt('j', IP)).allowed).toBe(false);
    });

    it('refuses an attempt on a blocked pair without using up a client point', async () => {
      const throttle = create({ loginMaxFailuresPerIpPerHour: 7 });
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      for (let i = 0; i < 20; i++) expect((await throttle.beginAttempt('alice', IP)).allowed).toBe(false);
      // 5 failures so far; the client still has exactly 2 left.
      await fail(throttle, 'bob');
      await fail(throttle, 'carol');
      expect((await throttle.beginAttempt('dave', IP)).allowed).toBe(false);
    });
  });

  describe('reporting refusals', () => {
    it('marks only the first refusal of a client in a minute as reportable, whatever name it tries', async () => {
      const throttle = create({ loginMaxFailuresPerIpPerHour: 3 });
      for (let i = 0; i < 3; i++) await fail(throttle, `name${i}`);
      // Attack: a refused client keeps sending cheap requests, each of which would be an audit row.
      const refusals: BeginAttemptResult[] = [];
      for (let i = 0; i < 40; i++) refusals.push(await throttle.beginAttempt(`other${i}`, IP));
      expect(refusals.every((result) => !result.allowed)).toBe(true);
      expect(refusals.map((result) => !result.allowed && result.reportable).filter(Boolean)).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ allowed: false, reportable: true });
      // Another client's first refusal is its own.
      for (let i = 0; i < 3; i++) await fail(throttle, `name${i}`, OTHER_IP);
      expect(await throttle.beginAttempt('name0', OTHER_IP)).toMatchObject({ allowed: false, reportable: true });
    });

    it('reports at most five refusals a minute per client, however many names it has blocked', async () => {
      const throttle = create();
      // Attack: block many names, then keep trying each, for one audit row per name and minute.
      const names = Array.from({ length: 12 }, (_, i) => `login:victim${i}`);
      for (const name of names) for (let i = 0; i < 5; i++) await fail(throttle, name);
      const refusals = [];
      for (const name of names) refusals.push(await throttle.beginAttempt(name, IP));
      expect(refusals.every((result) => !result.allowed)).toBe(true);
      expect(refusals.filter((result) => !result.allowed && result.reportable)).toHaveLength(5);
    });

    it('reports each blocked pair once a minute, so one account\'s block cannot hide another\'s', async () => {
      const throttle = create();
      // Attack: get refused on one name each minute, hoping to silence the refusals on another.
      for (const name of ['login:bob', 'user:alice']) {
        for (let i = 0; i < 5; i++) await fail(throttle, name);
        const refusals = [];
        for (let i = 0; i < 5; i++) refusals.push(await throttle.beginAttempt(name, IP));
        expect(refusals.map((result) => !result.allowed && result.reportable), name).toEqual([true, false, false, false, false]);
      }
    });
  });

  describe('settling an attempt', () => {
    it('gives both points back when the password was never checked', async () => {
      const throttle = create({ loginMaxFailuresPerIpPerHour: 5 });
      for (let i = 0; i < 5; i++) {
        const gate = await throttle.beginAttempt('alice', IP);
        if (!gate.allowed) throw new Error('expected allowed');
        await gate.attempt.abandoned();
      }
      for (let i = 0; i < 5; i++) await fail(throttle, 'alice');
      expect((await throttle.beginAttempt('alice', IP)).allowed).toBe(false);
    });

    it('rejects settling the same attempt twice as a programmer error', async () => {
      const throttle = create();
      const gate = await throttle.beginAttempt('alice', IP);
      if (!gate.allowed) throw new Error('expected allowed');
      await gate.attempt.failed();
      await expect(gate.attempt.succeeded()).rejects.toThrow(TypeError);
    });
  });
});

const redisBackend = backends.find((backend) => backend.name === 'redis');
describe.skipIf(redisBackend === undefined)('createLoginThrottle on a shared Redis', () => {
  it('shares counters between instances, as several servers behind one load balancer', async () => {
    if (redisBackend === undefined) return;
    const shared = redisBackend.create();
    const first = createLoginThrottle(defaults, shared);
    const second = createLoginThrottle(defaults, shared);
    for (let i = 0; i < 5; i++) await fail(i % 2 === 0 ? first : second, 'alice');
    expect(retryAfter(await first.beginAttempt('alice', IP))).toBe(900);
    expect((await second.beginAttempt('alice', IP)).allowed).toBe(false);
  });
});

describe('createLoginThrottle options', () => {
  it('rejects options that are not positive integers', () => {
    expect(() => createLoginThrottle({ ...defaults, loginMaxConsecutiveFailures: 0 })).toThrow(TypeError);
    expect(() => createLoginThrottle({ ...defaults, loginBlockSeconds: 1.5 })).toThrow(TypeError);
    expect(() => createLoginThrottle({ ...defaults, loginMaxFailuresPerIpPerHour: Number.NaN })).toThrow(TypeError);
  });

  it('rejects a non-string account key as a programmer error', async () => {
    const throttle = createLoginThrottle(defaults);
    await expect(throttle.beginAttempt(42 as unknown as string, IP)).rejects.toThrow(TypeError);
  });
});
