import type { ThrottleOptions } from './types.js';
import { assertThrottleOptions } from './assert-throttle-options.js';
import { consumePoint } from './consume-point.js';
import { createCounter } from './create-counter.js';
import { hashKey } from './hash-key.js';
import { memoryBackend, type ThrottleBackend } from './throttle-backend.js';
import { toClientNetwork } from './to-client-network.js';
import { toRetryAfterSeconds } from './to-retry-after-seconds.js';

export type RegistrationDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RegistrationThrottle {
  /** Counts one registration from this client (IPv4 address or IPv6 /64); call before any other work. */
  consume(ip: string): Promise<RegistrationDecision>;
  /**
   * Gives back the point of an attempt the server could not serve (a 503: hash queue full,
   * database or throttle store unreachable), so a client retrying as told keeps its hour.
   */
  refund(ip: string): Promise<void>;
}

const WINDOW_SECONDS = 3_600;

/** At most `registrationsPerIpPerHour` registrations per client in a fixed one-hour window. */
export function createRegistrationThrottle(
  options: ThrottleOptions,
  backend: ThrottleBackend = memoryBackend,
): RegistrationThrottle {
  assertThrottleOptions(options, ['registrationsPerIpPerHour']);
  const registrations = createCounter(backend, {
    name: 'registrations',
    points: options.registrationsPerIpPerHour,
    durationSeconds: WINDOW_SECONDS,
  });
  return {
    async consume(ip) {
      if (typeof ip !== 'string') throw new TypeError('ip must be a string');
      const outcome = await consumePoint(registrations, hashKey(toClientNetwork(ip)));
      if (outcome.ok) return { allowed: true };
      return { allowed: false, retryAfterSeconds: toRetryAfterSeconds(outcome.res.msBeforeNext) };
    },
    async refund(ip) {
      if (typeof ip !== 'string') throw new TypeError('ip must be a string');
      await registrations.reward(hashKey(toClientNetwork(ip)), 1);
    },
  };
}
