import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair, requireRsaKey, usableRsaModulusBits } from './rsa.js';
import { rsaOaepDecrypt, rsaOaepEncrypt } from './rsa-oaep.js';
import { rsaPkcs1v15Sign, rsaPkcs1v15Verify } from './rsa-pkcs1v15.js';
import { rsaPssSign, rsaPssVerify } from './rsa-pss.js';

describe('generateRsaKeyPair', () => {
  it('makes a 3072-bit key with exponent 65537 by default', async () => {
    const { publicKey, privateKey } = await generateRsaKeyPair();
    expect(publicKey.type).toBe('public');
    expect(privateKey.type).toBe('private');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(publicKey.asymmetricKeyDetails?.publicExponent).toBe(65537n);
  });

  it('honours modulusLength', async () => {
    const { publicKey } = await generateRsaKeyPair({ modulusLength: 2048 });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it.each([1024, 2047, 2049, 16392, 0, -2048, 3072.5, Number.NaN])('refuses modulusLength %s with a TypeError', (modulusLength) => {
    expect(() => generateRsaKeyPair({ modulusLength })).toThrow(TypeError);
  });
});

describe('RSA key size policy', () => {
  // The attack: a 1024-bit modulus is within reach of a well-funded factoring effort, so every
  // operation must refuse it rather than quietly sign or encrypt under it.
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });

  it('treats a 1024-bit key as unusable', () => {
    expect(usableRsaModulusBits(weak.publicKey)).toBeNull();
    expect(() => requireRsaKey(weak.publicKey, 'publicKey')).toThrow(TypeError);
  });

  it('refuses 1024-bit keys in every RSA operation with a TypeError', () => {
    const sig = new Uint8Array(128);
    expect(() => rsaOaepEncrypt(weak.publicKey, 'x')).toThrow(TypeError);
    expect(() => rsaOaepDecrypt(weak.privateKey, new Uint8Array(128))).toThrow(TypeError);
    expect(() => rsaPssSign(weak.privateKey, 'x')).toThrow(TypeError);
    expect(() => rsaPssVerify(weak.publicKey, 'x', sig)).toThrow(TypeError);
    expect(() => rsaPkcs1v15Sign(weak.privateKey, 'x')).toThrow(TypeError);
    expect(() => rsaPkcs1v15Verify(weak.publicKey, 'x', sig)).toThrow(TypeError);
  });

  it('refuses non-RSA keys in RSA operations with a TypeError', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => rsaPssSign(ec.privateKey, 'x')).toThrow(TypeError);
    expect(() => rsaOaepEncrypt(ec.publicKey, 'x')).toThrow(TypeError);
  });

  it('refuses a private key where a public key belongs, and the reverse', async () => {
    const { publicKey, privateKey } = await generateRsaKeyPair({ modulusLength: 2048 });
    expect(() => rsaPssVerify(privateKey, 'x', new Uint8Array(256))).toThrow(TypeError);
    expect(() => rsaPssSign(publicKey, 'x')).toThrow(TypeError);
  });
});
