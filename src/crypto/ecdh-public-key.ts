/**
 * ECDH public keys as they travel: a peer's key is untrusted input, so importing it answers
 * null for anything that is not a valid point on the expected curve (off-curve points for
 * invalid-curve attacks, another curve, explicit curve parameters, garbage). OpenSSL checks the
 * point when it parses it; we check the curve.
 */
import { KeyObject, createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { toPublicKeyObject } from './asymmetric-key.js';
import type { PublicKeyInput } from './asymmetric-key.js';
import { isP256Key } from './ec.js';

export type EcdhCurve = 'P-256' | 'X25519';

/**
 * 'raw': P-256 as an SEC1 point (65 bytes uncompressed, or 33 compressed), X25519 as its
 * 32-byte u-coordinate (RFC 7748); 'spki': DER SubjectPublicKeyInfo; 'jwk': a JSON Web Key.
 */
export type EcdhPublicKeyFormat = 'raw' | 'spki' | 'jwk';

export interface ImportEcdhPublicKeyOptions {
  /** 'raw' by default. */
  format?: EcdhPublicKeyFormat;
}

// Fixed DER prefixes of the SPKI for each raw form, so a raw point goes through the same
// parser (and the same point validation) as any other public key.
const spkiPrefixes = {
  p256Uncompressed: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
  p256Compressed: Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'),
  x25519: Buffer.from('302a300506032b656e032100', 'hex'),
};

/** No SPKI of a supported key is near this long; longer input is refused before parsing. */
const MAX_SPKI_LENGTH = 512;

/** Checks and returns the curve name, or TypeError. */
export function requireEcdhCurve(curve: unknown): EcdhCurve {
  if (curve !== 'P-256' && curve !== 'X25519') throw new TypeError("curve must be 'P-256' or 'X25519'");
  return curve;
}

/** The curve of an ECDH key (public or private), or null when it is not a P-256 or X25519 key. */
export function ecdhCurveOf(key: KeyObject): EcdhCurve | null {
  if (isP256Key(key)) return 'P-256';
  if (key.asymmetricKeyType === 'x25519') return 'X25519';
  return null;
}

/**
 * Imports a peer's public key for `curve`. Returns null (one answer for every reason) when the
 * key is malformed, not on the curve, or on another curve. Passing the wrong JavaScript type
 * for the format is a TypeError.
 */
export function importEcdhPublicKey(
  curve: EcdhCurve,
  key: Uint8Array | JsonWebKey,
  options: ImportEcdhPublicKeyOptions = {},
): KeyObject | null {
  requireEcdhCurve(curve);
  const format = options.format ?? 'raw';
  let imported: KeyObject | null;
  if (format === 'jwk') {
    if (key === null || typeof key !== 'object' || key instanceof Uint8Array) throw new TypeError('key must be a JWK object');
    imported = importJwk(key);
  } else if (format === 'raw' || format === 'spki') {
    if (!(key instanceof Uint8Array)) throw new TypeError('key must be a Uint8Array');
    const der = format === 'raw' ? rawToSpki(curve, key) : key;
    imported = der === null || der.length > MAX_SPKI_LENGTH ? null : importSpki(der);
    // DER has one encoding per value: lax BER that OpenSSL tolerates (long-form lengths,
    // indefinite lengths, trailing bytes) is refused, so one key has one spelling.
    if (imported !== null && !imported.export({ type: 'spki', format: 'der' }).equals(der ?? new Uint8Array(0))) imported = null;
  } else {
    throw new TypeError("format must be 'raw', 'spki' or 'jwk'");
  }
  return imported !== null && ecdhCurveOf(imported) === curve ? imported : null;
}

/** A public key in raw form: 65-byte uncompressed point for P-256, 32 bytes for X25519. */
export function exportEcdhPublicKey(publicKey: PublicKeyInput): Uint8Array {
  const key = toPublicKeyObject(publicKey);
  const curve = ecdhCurveOf(key);
  if (curve === null) throw new TypeError('publicKey must be a P-256 or X25519 key');
  const jwk = key.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  if (curve === 'X25519') return x;
  return Buffer.concat([Buffer.from([0x04]), x, Buffer.from(jwk.y ?? '', 'base64url')]);
}

function rawToSpki(curve: EcdhCurve, raw: Uint8Array): Buffer | null {
  if (curve === 'X25519') return raw.length === 32 ? Buffer.concat([spkiPrefixes.x25519, raw]) : null;
  if (raw.length === 65 && raw[0] === 0x04) return Buffer.concat([spkiPrefixes.p256Uncompressed, raw]);
  if (raw.length === 33 && (raw[0] === 0x02 || raw[0] === 0x03)) return Buffer.concat([spkiPrefixes.p256Compressed, raw]);
  return null;
}

function importSpki(der: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function importJwk(jwk: JsonWebKey): KeyObject | null {
  // Only the public members are passed on, so a JWK that also carries `d` is not treated as
  // a private key, and unknown members cannot change how it is read.
  const { kty, crv, x, y } = jwk;
  if (typeof kty !== 'string' || typeof crv !== 'string' || typeof x !== 'string') return null;
  const publicJwk: JsonWebKey = kty === 'EC' ? { kty, crv, x, y } : { kty, crv, x };
  if (kty === 'EC' && typeof y !== 'string') return null;
  try {
    return createPublicKey({ key: publicJwk, format: 'jwk' });
  } catch {
    return null;
  }
}
