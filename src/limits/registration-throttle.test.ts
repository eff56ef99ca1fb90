import { afterAll, describe, expect, it } from 'vitest';
import type { ThrottleOptions } from '../config/types.js';
import { createRegistrationThrottle } from './registration-throttle.js';
import { openTestBackends } from './test-support/test-backends.js';

const defaults: ThrottleOptions = {
  loginMaxConsecutiveFailures: 5,
  loginBlockSeconds: 900,
  loginMaxFailuresPerIpPerHour: 100,
  registrationsPerIpPerHour: 10,
};

const backends = await openTestBackends();
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
});

describe.each(backends)('createRegistrationThrottle on $name', (backend) => {
  it('allows 10 registrations per client per hour and refuses the 11th with a Retry-After', async () => {
    const throttle = createRegistrationThrottle(defaults, backend.create());
    for (let i = 0; i < 10; i++) expect(await throttle.consume('203.0.113.7')).toEqual({ allowed: true });
    const eleventh = await throttle.consume('203.0.113.7');
    expect(eleventh.allowed).toBe(false);
    if (!eleventh.allowed) {
      expect(Number.isInteger(eleventh.retryAfterSeconds)).toBe(true);
      expect(eleventh.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(eleventh.retryAfterSeconds).toBeLessThanOrEqual(3600);
    }
    expect(await throttle.consume('198.51.100.20')).toEqual({ allowed: true });
  });

  it('lets exactly 10 of 30 parallel sign-ups from one client through', async () => {
    const throttle = createRegistrationThrottle(defaults, backend.create());
    const results = await Promise.all(Array.from({ length: 30 }, () => throttle.consume('203.0.113.7')));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });

  it('counts a whole IPv6 /64 as one client', async () => {
    const throttle = createRegistrationThrottle({ ...defaults, registrationsPerIpPerHour: 2 }, backend.create());
    expect((await throttle.consume('2001:db8::1')).allowed).toBe(true);
    expect((await throttle.consume('2001:db8::2')).allowed).toBe(true);
    expect((await throttle.consume('2001:db8:0:0:abcd::3')).allowed).toBe(false);
    expect((await throttle.consume('2001:db8:0:1::1')).allowed).toBe(true);
  });
});

describe('createRegistrationThrottle options', () => {
  it('rejects a limit that is not a positive integer', () => {
    expect(() => createRegistrationThrottle({ ...defaults, registrationsPerIpPerHour: 0 })).toThrow(TypeError);
  });
});
