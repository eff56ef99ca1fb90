/**
 * Elliptic-curve key pairs on NIST P-256, the one Weierstrass curve Bulwark uses (ECDSA and
 * ECDH). Ed25519 and X25519 live in ed25519.ts and ecdh.ts.
 */
import { Buffer } from 'node:buffer';
import { KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { AsymmetricKeyPair } from './asymmetric-key.js';

export type EcCurve = 'P-256';

/** OpenSSL's name for P-256, as KeyObject.asymmetricKeyDetails reports it. */
const P256_OPENSSL_NAME = 'prime256v1';

/** Generates a P-256 key pair (for ecdsaSign, or for ECDH). Any other curve is a TypeError. */
export function generateEcKeyPair(curve: EcCurve = 'P-256'): AsymmetricKeyPair {
  if (curve !== 'P-256') throw new TypeError("curve must be 'P-256'");
  return generateKeyPairSync('ec', { namedCurve: curve });
}

/** DER SPKI of a P-256 key up to the point (uncompressed or compressed): id-ecPublicKey with the prime256v1 OID. */
const P256_SPKI_PREFIXES = [
  { prefix: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'), pointLength: 65 },
  { prefix: Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'), pointLength: 33 },
];

/**
 * True when `key` is a P-256 key (public or private) that names its curve. OpenSSL also reads
 * keys that spell the curve out as explicit parameters, and reports them as prime256v1 when the
 * numbers match, even with a missing or wrong cofactor; such keys are refused here, since no
 * honest P-256 key is written that way (RFC 5480 section 2.1.1 forbids it).
 */
export function isP256Key(key: KeyObject): boolean {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== P256_OPENSSL_NAME) return false;
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return P256_SPKI_PREFIXES.some(
    ({ prefix, pointLength }) => spki.length === prefix.length + pointLength && spki.subarray(0, prefix.length).equals(prefix),
  );
}

/** TypeError unless `key` is a P-256 key. */
export function requireP256Key(key: KeyObject, name: string): void {
  if (!isP256Key(key)) throw new TypeError(`${name} must be a P-256 key`);
}
