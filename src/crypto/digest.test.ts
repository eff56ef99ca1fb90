import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash, hmac, verifyHmac, type HashAlgorithm } from './digest.js';
import { hexBytes, loadWycheproof, wycheproofCases, type WycheproofTestBase } from './test-support/wycheproof.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('hash', () => {
  // FIPS 180-4 / FIPS 202 examples for "abc".
  const abc: Record<HashAlgorithm, string> = {
    sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    sha512: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'sha3-256': '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532',
    'sha3-512': 'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
  };

  for (const [alg, expected] of Object.entries(abc)) {
    it(`${alg}("abc") matches the published digest, for text and bytes`, () => {
      expect(hex(hash(alg as HashAlgorithm, 'abc'))).toBe(expected);
      expect(hex(hash(alg as HashAlgorithm, new TextEncoder().encode('abc')))).toBe(expected);
    });
  }

  it('refuses broken or unknown algorithms with TypeError', () => {
    for (const alg of ['md5', 'sha1', 'SHA256', 'toString', '__proto__']) {
      expect(() => hash(alg as HashAlgorithm, 'abc')).toThrow(TypeError);
    }
  });
});

describe('hmac / verifyHmac', () => {
  it('matches RFC 4231 test case 2 (SHA-256) and RFC 2202 test case 2 (SHA-1, for HOTP)', () => {
    const data = 'what do ya want for nothing?';
    expect(hex(hmac('sha256', 'Jefe', data))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hex(hmac('sha1', 'Jefe', data))).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });

  it('verifies its own tags and rejects any single-bit change to tag or data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.uint8Array({ maxLength: 256 }), fc.nat(), (key, data, bit) => {
        const tag = hmac('sha256', key, data);
        expect(verifyHmac('sha256', key, data, tag)).toBe(true);
        const forged = Uint8Array.from(tag);
        forged[(bit >> 3) % forged.length]! ^= 1 << (bit & 7);
        expect(verifyHmac('sha256', key, data, forged)).toBe(false);
        if (data.length > 0) {
          const changed = Uint8Array.from(data);
          changed[(bit >> 3) % changed.length]! ^= 1 << (bit & 7);
          expect(verifyHmac('sha256', key, changed, tag)).toBe(false);
        }
      }),
    );
  });

  it('rejects a truncated tag unless the caller set that tag length (the attacker does not choose it)', () => {
    const tag = hmac('sha256', 'k', 'data');
    expect(verifyHmac('sha256', 'k', 'data', tag.subarray(0, 16))).toBe(false);
    expect(verifyHmac('sha256', 'k', 'data', tag.subarray(0, 0))).toBe(false);
    expect(verifyHmac('sha256', 'k', 'data', tag.subarray(0, 16), { tagLength: 16 })).toBe(true);
    expect(verifyHmac('sha256', 'k', 'data', tag, { tagLength: 16 })).toBe(false);
  });

  it('refuses misuse with TypeError: unknown algorithm, empty key, tag length below 128 bits', () => {
    expect(() => hmac('md5' as HashAlgorithm, 'k', 'd')).toThrow(TypeError);
    expect(() => hmac('sha256', '', 'd')).toThrow(TypeError);
    expect(() => verifyHmac('sha256', 'k', 'd', new Uint8Array(8), { tagLength: 8 })).toThrow(TypeError);
    expect(() => verifyHmac('sha256', 'k', 'd', new Uint8Array(33), { tagLength: 33 })).toThrow(TypeError);
  });
});

interface MacTest extends WycheproofTestBase {
  key: string;
  msg: string;
  tag: string;
}

describe('Wycheproof hmac_sha256_test.json', () => {
  const file = loadWycheproof<MacTest>('hmac_sha256_test.json');

  it.skipIf(file === null)('honours every case (valid and invalid), including truncated-tag groups', () => {
    let checked = 0;
    for (const { group, test } of wycheproofCases(file!)) {
      const tagLength = (group.tagSize as number) / 8;
      const key = hexBytes(test.key);
      const verified = verifyHmac('sha256', key, hexBytes(test.msg), hexBytes(test.tag), { tagLength });
      const context = `tcId ${test.tcId} (${test.comment})`;
      if (test.result === 'valid') {
        expect(verified, context).toBe(true);
        expect(hex(hmac('sha256', key, hexBytes(test.msg)).subarray(0, tagLength)), context).toBe(test.tag);
      } else {
        // No HMAC case is "acceptable"; anything not valid must be refused.
        expect(verified, context).toBe(false);
      }
      checked++;
    }
    expect(checked).toBe(file!.numberOfTests);
  });
});
