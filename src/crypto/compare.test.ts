import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './compare.js';

describe('constantTimeEqual', () => {
  it('is true exactly when the inputs hold the same bytes', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
  });

  it('compares strings as UTF-8 bytes', () => {
    expect(constantTimeEqual('é', new Uint8Array([0xc3, 0xa9]))).toBe(true);
  });

  it('answers false for different lengths instead of throwing (no length check that exits early)', () => {
    // node's timingSafeEqual throws on a length mismatch; a guess that is a prefix of the
    // secret must simply be wrong.
    expect(constantTimeEqual('secret', 'secret-and-more')).toBe(false);
    expect(constantTimeEqual('secret', 'secre')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });

  it('agrees with plain equality on arbitrary strings and byte arrays', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqual(a, b) === (a === b)));
    fc.assert(fc.property(fc.string(), (a) => constantTimeEqual(a, a)));
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => constantTimeEqual(a, b) === Buffer.from(a).equals(Buffer.from(b))),
    );
  });

  it('refuses non-string, non-byte inputs with TypeError', () => {
    expect(() => constantTimeEqual(1 as unknown as string, '1')).toThrow(TypeError);
  });
});
