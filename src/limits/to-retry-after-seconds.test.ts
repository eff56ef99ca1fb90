import { describe, expect, it } from 'vitest';
import { toRetryAfterSeconds } from './to-retry-after-seconds.js';

describe('toRetryAfterSeconds', () => {
  it('rounds up to whole seconds', () => {
    expect(toRetryAfterSeconds(1)).toBe(1);
    expect(toRetryAfterSeconds(1000)).toBe(1);
    expect(toRetryAfterSeconds(1001)).toBe(2);
    expect(toRetryAfterSeconds(899_999)).toBe(900);
  });

  it('answers at least 1 for expired, unknown or "no expiry" (-1) times', () => {
    expect(toRetryAfterSeconds(0)).toBe(1);
    expect(toRetryAfterSeconds(-1)).toBe(1);
    expect(toRetryAfterSeconds(Number.NaN)).toBe(1);
  });
});
