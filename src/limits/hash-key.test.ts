import { describe, expect, it } from 'vitest';
import { hashKey } from './hash-key.js';

describe('hashKey', () => {
  it('gives a short fixed-length key for a huge input', () => {
    expect(hashKey('a'.repeat(1_000_000))).toHaveLength(43);
  });

  it('keeps part boundaries: ("ab", "c") and ("a", "bc") are different keys', () => {
    expect(hashKey('ab', 'c')).not.toBe(hashKey('a', 'bc'));
    expect(hashKey('a:b', 'c')).not.toBe(hashKey('a', 'b:c'));
  });

  it('is deterministic', () => {
    expect(hashKey('alice', '192.0.2.1')).toBe(hashKey('alice', '192.0.2.1'));
  });
});
