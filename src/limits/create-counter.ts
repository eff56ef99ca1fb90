import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { FailClosedRateLimiterRedis } from './fail-closed-rate-limiter-redis.js';
import type { ThrottleBackend } from './throttle-backend.js';

export interface CounterOptions {
  /** Distinguishes this counter's keys from every other counter's on the same backend. */
  name: string;
  /** Points allowed per window before `consume` is refused. */
  points: number;
  /** Window length in whole seconds, counted from the first point (fixed window). */
  durationSeconds: number;
}

/** One rate-limiter-flexible counter on the chosen backend; the only place that knows the backends. */
export function createCounter(backend: ThrottleBackend, options: CounterOptions): RateLimiterAbstract {
  switch (backend.kind) {
    case 'memory':
      return new RateLimiterMemory({
        keyPrefix: options.name,
        points: options.points,
        duration: options.durationSeconds,
      });
    case 'redis':
      // No insurance limiter: if Redis is down the throttle refuses (503) rather than silently
      // counting per process.
      return new FailClosedRateLimiterRedis({
        storeClient: backend.client,
        keyPrefix: `${backend.keyPrefix ?? 'bulwark'}:${options.name}`,
        points: options.points,
        duration: options.durationSeconds,
      });
    default:
      throw new TypeError(`Unknown throttle backend kind: ${String((backend as { kind: unknown }).kind)}`);
  }
}
