import { describe, expect, it } from 'vitest';
import { decodePhcBase64, encodePhcBase64, parseDecimal, parsePhcParameters } from './phc.js';

describe('decodePhcBase64', () => {
  it('round-trips unpadded standard base64 of every length', () => {
    for (let length = 0; length < 40; length += 1) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 251) % 256));
      const encoded = encodePhcBase64(bytes);
      expect(encoded).not.toContain('=');
      expect(decodePhcBase64(encoded)).toEqual(bytes);
    }
  });

  it("accepts passlib's adapted alphabet ('.' for '+')", () => {
    const bytes = Buffer.from([0xfb, 0xef, 0xbe]);
    expect(encodePhcBase64(bytes)).toBe('++++');
    expect(decodePhcBase64('....')).toEqual(bytes);
  });

  it('rejects padding, foreign characters, impossible lengths and non-canonical trailing bits', () => {
    expect(decodePhcBase64('QQ==')).toBeNull();
    expect(decodePhcBase64('QQ-_')).toBeNull();
    expect(decodePhcBase64('QUJDR')).toBeNull();
    // 'QR' carries stray low bits that Buffer.from would silently drop.
    expect(decodePhcBase64('QR')).toBeNull();
    expect(decodePhcBase64('QQ')).toEqual(Buffer.from('A'));
  });
});

describe('parsePhcParameters', () => {
  it('parses name=value lists in order', () => {
    expect([...(parsePhcParameters('ln=14,r=8,p=1') ?? [])]).toEqual([['ln', '14'], ['r', '8'], ['p', '1']]);
  });

  it('rejects empty names, missing values and repeated names', () => {
    expect(parsePhcParameters('=1')).toBeNull();
    expect(parsePhcParameters('ln=')).toBeNull();
    expect(parsePhcParameters('ln=1,ln=2')).toBeNull();
    expect(parsePhcParameters('ln')).toBeNull();
  });
});

describe('parseDecimal', () => {
  it('reads plain decimals within bounds only', () => {
    expect(parseDecimal('100000', 1, 10_000_000)).toBe(100000);
    expect(parseDecimal('0', 1, 10)).toBeNull();
    expect(parseDecimal('011', 1, 100)).toBeNull();
    expect(parseDecimal('1e3', 1, 10_000)).toBeNull();
    expect(parseDecimal('-1', -5, 5)).toBeNull();
    expect(parseDecimal('99999999999', 1, Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(parseDecimal(undefined, 1, 10)).toBeNull();
  });
});
