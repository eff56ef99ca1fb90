import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeBase64Url,
  decodeBase64UrlPadded,
  encodeBase64,
  encodeBase64Url,
  encodeBase64UrlPadded,
  toBytes,
} from './encoding.js';

const same = (a: Uint8Array | null, b: Uint8Array): boolean => a !== null && Buffer.from(a).equals(Buffer.from(b));

describe('base64 codecs', () => {
  it('round-trip any bytes in all three forms', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(same(decodeBase64Url(encodeBase64Url(bytes)), bytes)).toBe(true);
        expect(same(decodeBase64UrlPadded(encodeBase64UrlPadded(bytes)), bytes)).toBe(true);
        expect(same(decodeBase64(encodeBase64(bytes)), bytes)).toBe(true);
      }),
    );
  });

  it('write the forms Python writes: padded URL-safe matches urlsafe_b64encode', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x00]);
    expect(encodeBase64UrlPadded(bytes)).toBe('-__-AA==');
    expect(encodeBase64Url(bytes)).toBe('-__-AA');
    expect(encodeBase64(bytes)).toBe('+//+AA==');
  });

  it('accept only the canonical spelling (a token has one string form)', () => {
    // Node's decoder would accept every one of these for the same bytes.
    expect(decodeBase64Url('-__-AA')).not.toBeNull();
    for (const variant of ['-__-AB', '-__-AA==', '+//+AA', '-__-A A', '-__-AA\n', '-__-A']) {
      expect(decodeBase64Url(variant), JSON.stringify(variant)).toBeNull();
    }
    expect(decodeBase64UrlPadded('-__-AA==')).not.toBeNull();
    for (const variant of ['-__-AA', '-__-AB==', '+//+AA==', '-__-AA=', '-__-AA===', '-__-A===', '-_=-AA==']) {
      expect(decodeBase64UrlPadded(variant), JSON.stringify(variant)).toBeNull();
    }
    expect(decodeBase64('+//+AA==')).not.toBeNull();
    for (const variant of ['-__-AA==', '+//+AA', '+//+AB==', ' +//+AA==']) {
      expect(decodeBase64(variant), JSON.stringify(variant)).toBeNull();
    }
  });

  it('any string that decodes re-encodes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AB-_=+/ a'), maxLength: 12 }), (text) => {
        const url = decodeBase64Url(text);
        if (url !== null) expect(encodeBase64Url(url)).toBe(text);
        const padded = decodeBase64UrlPadded(text);
        if (padded !== null) expect(encodeBase64UrlPadded(padded)).toBe(text);
        const standard = decodeBase64(text);
        if (standard !== null) expect(encodeBase64(standard)).toBe(text);
      }),
    );
  });

  it('toBytes encodes text as UTF-8, views bytes without copying, and refuses other types', () => {
    expect([...toBytes('é')]).toEqual([0xc3, 0xa9]);
    const array = new Uint8Array([1, 2, 3]);
    const view = toBytes(array);
    array[0] = 9;
    expect(view[0]).toBe(9);
    expect(() => toBytes(5 as unknown as string)).toThrow(TypeError);
  });
});
