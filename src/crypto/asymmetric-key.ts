/**
 * How the asymmetric modules take keys. Keys handed to sign/verify/encrypt/decrypt/derive are
 * the caller's own configuration, so a wrong or unusable key is programmer misuse (TypeError).
 * Key material from outside (a client's PEM, a peer's public point) goes through the import
 * functions instead (pem.ts, ecdh.ts), which answer null.
 */
import { KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';

/** A node KeyObject, or an unencrypted PEM string (PKCS#8 private key / SPKI public key). */
export type PrivateKeyInput = KeyObject | string;
export type PublicKeyInput = KeyObject | string;

export interface AsymmetricKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** The key as a private KeyObject, or TypeError. */
export function toPrivateKeyObject(key: PrivateKeyInput, name = 'privateKey'): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'private') throw new TypeError(`${name} must be a private key`);
    return key;
  }
  if (typeof key === 'string') {
    try {
      return createPrivateKey({ key, format: 'pem' });
    } catch {
      // Encrypted PEM lands here too: a passphrase belongs to importPrivateKeyPem.
      throw new TypeError(`${name} is not an unencrypted PEM private key`);
    }
  }
  throw new TypeError(`${name} must be a KeyObject or a PEM string`);
}

/** The key as a public KeyObject, or TypeError. A private key is refused, to catch mix-ups. */
export function toPublicKeyObject(key: PublicKeyInput, name = 'publicKey'): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'public') throw new TypeError(`${name} must be a public key`);
    return key;
  }
  if (typeof key === 'string') {
    if (!key.includes('-----BEGIN PUBLIC KEY-----')) throw new TypeError(`${name} is not an SPKI PEM public key`);
    try {
      return createPublicKey({ key, format: 'pem' });
    } catch {
      throw new TypeError(`${name} is not an SPKI PEM public key`);
    }
  }
  throw new TypeError(`${name} must be a KeyObject or a PEM string`);
}

/** Signatures and ciphertexts are bytes; anything else is a programming error, not bad input. */
export function requireBytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  return value;
}
