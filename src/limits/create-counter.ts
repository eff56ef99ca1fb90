import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
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
      // No insurance limiter: if Redis is down the throttle throws and login fails closed,
      // rather than silently counting per process.
      return new RateLimiterRedis({
        storeClient: backend.client,
        keyPrefix: `${backend.keyPrefix ?? 'bulwark'}:${options.name}`,
        points: options.points,
        duration: options.durationSeconds,
      });
    default:
      throw new TypeError(`Unknown throttle backend kind: ${String((backend as { kind: unknown }).kind)}`);
  }
}
