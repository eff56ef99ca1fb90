import { describe, expect, it } from 'vitest';
import { computeBlockSeconds, MAX_BLOCK_SECONDS } from './compute-block-seconds.js';

describe('computeBlockSeconds', () => {
  it('doubles from the base length and stops at a day', () => {
    const lengths = Array.from({ length: 10 }, (_, i) => computeBlockSeconds(900, i + 1));
    expect(lengths).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400, 86_400, 86_400]);
    expect(computeBlockSeconds(900, 1_000_000)).toBe(MAX_BLOCK_SECONDS);
  });

  it('never shortens a base longer than a day', () => {
    expect(computeBlockSeconds(100_000, 3)).toBe(100_000);
  });

  it('rejects counts and lengths that are not positive integers', () => {
    expect(() => computeBlockSeconds(900, 0)).toThrow(TypeError);
    expect(() => computeBlockSeconds(0, 1)).toThrow(TypeError);
    expect(() => computeBlockSeconds(1.5, 1)).toThrow(TypeError);
  });
});
