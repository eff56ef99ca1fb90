import type { ThrottleOptions } from './types.js';

/** Throttle options come from validated configuration; anything else is a programmer error. */
export function assertThrottleOptions(options: ThrottleOptions, keys: readonly (keyof ThrottleOptions)[]): void {
  if (options === null || typeof options !== 'object') throw new TypeError('throttle options must be an object');
  for (const key of keys) {
    const value = options[key];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`throttle option ${key} must be a positive integer, got ${String(value)}`);
    }
  }
}
