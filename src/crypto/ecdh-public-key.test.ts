import { Buffer } from 'node:buffer';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecdsaVerify } from './ecdsa.js';
import { computeSharedSecret, generateEcdhKeyPair } from './ecdh.js';
import { ecdhCurveOf, exportEcdhPublicKey, importEcdhPublicKey } from './ecdh-public-key.js';
import type { EcdhCurve } from './ecdh-public-key.js';
import { generateEd25519KeyPair } from './ed25519.js';
import { importPublicKeyPem } from './pem.js';

/** DER TLV with a definite length. */
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const integer = (hexValue: string) => der(0x02, Buffer.from(/^[89a-f]/.test(hexValue) ? `00${hexValue}` : hexValue, 'hex'));

/** The SPKI of a P-256 point with the curve spelled out as explicit parameters (FIPS 186 constants). */
function explicitParametersSpki(point: Uint8Array, cofactor: string): Buffer {
  const p = 'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff';
  const a = 'ffffffff00000001000000000000000000000000fffffffffffffffffffffffc';
  const b = '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b';
  const g = '046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5';
  const n = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
  const primeField = der(0x30, der(0x06, Buffer.from('2a8648ce3d0101', 'hex')), integer(p));
  const curve = der(0x30, der(0x04, Buffer.from(a, 'hex')), der(0x04, Buffer.from(b, 'hex')));
  const parameters = der(0x30, integer('01'), primeField, curve, der(0x04, Buffer.from(g, 'hex')), integer(n), integer(cofactor));
  const algorithm = der(0x30, der(0x06, Buffer.from('2a8648ce3d0201', 'hex')), parameters);
  return der(0x30, algorithm, der(0x03, Buffer.from([0]), Buffer.from(point)));
}

describe('exportEcdhPublicKey / importEcdhPublicKey', () => {
  it('round-trips raw, SPKI and JWK forms on both curves', () => {
    for (const [curve, rawLength] of [['P-256', 65], ['X25519', 32]] as const) {
      const { publicKey } = generateEcdhKeyPair(curve);
      const raw = exportEcdhPublicKey(publicKey);
      expect(raw).toHaveLength(rawLength);
      expect(importEcdhPublicKey(curve, raw)?.equals(publicKey)).toBe(true);
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      expect(importEcdhPublicKey(curve, spki, { format: 'spki' })?.equals(publicKey)).toBe(true);
      const jwk = publicKey.export({ format: 'jwk' });
      expect(importEcdhPublicKey(curve, jwk, { format: 'jwk' })?.equals(publicKey)).toBe(true);
    }
  });

  it('takes compressed P-256 points', () => {
    const { publicKey } = generateEcdhKeyPair('P-256');
    const raw = Buffer.from(exportEcdhPublicKey(publicKey));
    const y = raw.subarray(33);
    const compressed = Buffer.concat([Buffer.from([(y[31] ?? 0) & 1 ? 0x03 : 0x02]), raw.subarray(1, 33)]);
    expect(importEcdhPublicKey('P-256', compressed)?.equals(publicKey)).toBe(true);
  });

  // The attack: an invalid-curve attack sends a point that is not on P-256 (it lies on a weak
  // curve sharing the same a-coefficient); the scalar multiplication then leaks the private key
  // a few bits at a time. The point must be refused at import.
  it('answers null for a point that is not on the curve', () => {
    const { publicKey } = generateEcdhKeyPair('P-256');
    const offCurve = Buffer.from(exportEcdhPublicKey(publicKey));
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(importEcdhPublicKey('P-256', offCurve)).toBeNull();
    // The point at infinity and coordinates past the field prime are refused too.
    expect(importEcdhPublicKey('P-256', Buffer.from([0x00]))).toBeNull();
    expect(importEcdhPublicKey('P-256', Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 0xff)]))).toBeNull();
  });

  it('answers null for keys of another curve or type, and for malformed input', () => {
    const x25519Raw = exportEcdhPublicKey(generateEcdhKeyPair('X25519').publicKey);
    const p256Raw = exportEcdhPublicKey(generateEcdhKeyPair('P-256').publicKey);
    expect(importEcdhPublicKey('P-256', x25519Raw)).toBeNull();
    expect(importEcdhPublicKey('X25519', p256Raw)).toBeNull();
    const spkiOf = (key: { export: (o: { type: 'spki'; format: 'der' }) => Buffer }) => key.export({ type: 'spki', format: 'der' });
    const others = [
      generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey,
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey,
      generateEd25519KeyPair().publicKey,
      generateEcdhKeyPair('X25519').publicKey,
    ];
    for (const other of others) expect(importEcdhPublicKey('P-256', spkiOf(other), { format: 'spki' })).toBeNull();
    expect(importEcdhPublicKey('X25519', spkiOf(generateEcdhKeyPair('P-256').publicKey), { format: 'spki' })).toBeNull();
    for (const garbage of [new Uint8Array(0), new Uint8Array(31), new Uint8Array(33), Buffer.from('30820000', 'hex'), new Uint8Array(10_000)]) {
      expect(importEcdhPublicKey('X25519', garbage)).toBeNull();
      expect(importEcdhPublicKey('P-256', garbage)).toBeNull();
      expect(importEcdhPublicKey('P-256', garbage, { format: 'spki' })).toBeNull();
    }
    const badJwks: JsonWebKey[] = [{}, { kty: 'EC', crv: 'P-256', x: 'AA' }, { kty: 'OKP', crv: 'Ed25519', x: 'AA' }, { kty: 'EC', crv: 'P-256', x: 1 as unknown as string, y: 'AA' }];
    for (const jwk of badJwks) expect(importEcdhPublicKey('P-256', jwk, { format: 'jwk' })).toBeNull();
  });

  // The attack: a key that spells out its own curve parameters can smuggle a different curve
  // (or a bogus cofactor) past a check that only reads the curve's name; OpenSSL even reports
  // such a key as prime256v1 when the numbers match. Only keys that name P-256 are taken.
  it('refuses P-256 keys written with explicit curve parameters, everywhere', () => {
    const genuine = generateEcdhKeyPair('P-256');
    const point = exportEcdhPublicKey(genuine.publicKey);
    for (const cofactor of ['01', 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551']) {
      const spki = explicitParametersSpki(point, cofactor);
      const keyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      expect(keyObject.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(importEcdhPublicKey('P-256', spki, { format: 'spki' })).toBeNull();
      expect(computeSharedSecret(generateEcdhKeyPair('P-256').privateKey, keyObject)).toBeNull();
      expect(importPublicKeyPem(keyObject.export({ type: 'spki', format: 'pem' }).toString())).toBeNull();
      expect(() => ecdsaVerify(keyObject, 'x', new Uint8Array(64))).toThrow(TypeError);
    }
  });

  it('refuses lax (non-DER) SPKI encodings of a good key', () => {
    const spki = generateEcdhKeyPair('P-256').publicKey.export({ type: 'spki', format: 'der' });
    // The same SEQUENCE with its length in long form: BER-valid, not DER.
    const longForm = Buffer.concat([Buffer.from([0x30, 0x81]), spki.subarray(1)]);
    expect(importEcdhPublicKey('P-256', spki, { format: 'spki' })).not.toBeNull();
    expect(importEcdhPublicKey('P-256', longForm, { format: 'spki' })).toBeNull();
  });

  it('reads only the public members of a JWK', () => {
    const pair = generateEcdhKeyPair('P-256');
    const privateJwk = pair.privateKey.export({ format: 'jwk' });
    const imported = importEcdhPublicKey('P-256', privateJwk, { format: 'jwk' });
    expect(imported?.type).toBe('public');
    expect(imported?.equals(pair.publicKey)).toBe(true);
  });

  it('treats wrong JavaScript types, formats and curves as programmer misuse', () => {
    expect(() => importEcdhPublicKey('P-384' as EcdhCurve, new Uint8Array(65))).toThrow(TypeError);
    expect(() => importEcdhPublicKey('P-256', '04ab' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => importEcdhPublicKey('P-256', new Uint8Array(65), { format: 'jwk' })).toThrow(TypeError);
    expect(() => importEcdhPublicKey('P-256', new Uint8Array(65), { format: 'pem' as 'raw' })).toThrow(TypeError);
    expect(() => exportEcdhPublicKey(generateEd25519KeyPair().publicKey)).toThrow(TypeError);
  });

  it('names the curve of a key', () => {
    expect(ecdhCurveOf(generateEcdhKeyPair('P-256').privateKey)).toBe('P-256');
    expect(ecdhCurveOf(generateEcdhKeyPair('X25519').publicKey)).toBe('X25519');
    expect(ecdhCurveOf(generateEd25519KeyPair().publicKey)).toBeNull();
  });
});
