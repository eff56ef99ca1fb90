/**
 * Ed25519 signatures (RFC 8032): deterministic, small, and free of the nonce pitfalls of ECDSA.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { requireBytes, toPrivateKeyObject, toPublicKeyObject } from './asymmetric-key.js';
import type { AsymmetricKeyPair, PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
import { toBytes } from './encoding.js';

export const ED25519_SIGNATURE_LENGTH = 64;

export function generateEd25519KeyPair(): AsymmetricKeyPair {
  return generateKeyPairSync('ed25519');
}

/** Signs `data` (the whole message; Ed25519 hashes internally); 64 bytes. */
export function ed25519Sign(privateKey: PrivateKeyInput, data: string | Uint8Array): Uint8Array {
  const key = toPrivateKeyObject(privateKey);
  requireEd25519Key(key, 'privateKey');
  return sign(null, toBytes(data), key);
}

/**
 * True only when `signature` is a valid Ed25519 signature of `data`. OpenSSL rejects S >= L
 * (malleability) and non-canonical encodings of R.
 */
export function ed25519Verify(publicKey: PublicKeyInput, data: string | Uint8Array, signature: Uint8Array): boolean {
  const key = toPublicKeyObject(publicKey);
  requireEd25519Key(key, 'publicKey');
  const message = toBytes(data);
  const sig = requireBytes(signature, 'signature');
  if (sig.length !== ED25519_SIGNATURE_LENGTH) return false;
  try {
    return verify(null, message, key, sig);
  } catch {
    return false;
  }
}

function requireEd25519Key(key: KeyObject, name: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${name} must be an Ed25519 key`);
}
