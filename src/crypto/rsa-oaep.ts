/**
 * RSAES-OAEP (RFC 8017 section 7.1) with SHA-256 and MGF1-SHA-256, the only RSA encryption
 * Bulwark offers: PKCS#1 v1.5 encryption is not offered at all (Bleichenbacher).
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import { requireBytes, toPrivateKeyObject, toPublicKeyObject } from './asymmetric-key.js';
import type { PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
import { toBytes } from './encoding.js';
import { DecryptionError } from './errors.js';
import { requireRsaKey } from './rsa.js';

const HASH_LENGTH = 32;

export interface RsaOaepOptions {
  /** OAEP label, bound to the ciphertext; empty by default. Decryption needs the same label. */
  label?: string | Uint8Array;
}

/** Longest plaintext OAEP-SHA256 can carry under a key of `modulusBits` (RFC 8017: k - 2hLen - 2). */
export function rsaOaepMaxPlaintextLength(modulusBits: number): number {
  return Math.ceil(modulusBits / 8) - 2 * HASH_LENGTH - 2;
}

/** Encrypts a short plaintext (190 bytes under a 2048-bit key) to the holder of the private key. */
export function rsaOaepEncrypt(publicKey: PublicKeyInput, plaintext: string | Uint8Array, options: RsaOaepOptions = {}): Uint8Array {
  const key = toPublicKeyObject(publicKey);
  const bits = requireRsaKey(key, 'publicKey');
  const data = toBytes(plaintext, 'plaintext');
  const max = rsaOaepMaxPlaintextLength(bits);
  if (data.length > max) {
    throw new TypeError(`plaintext is ${data.length} bytes; RSA-OAEP under this key carries at most ${max} (encrypt a data key instead)`);
  }
  return publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: labelOf(options) },
    data,
  );
}

/**
 * Decrypts an OAEP ciphertext. Every failure (wrong length, out of range, bad padding, wrong
 * label, wrong key) throws the same DecryptionError, so a caller that relays it cannot become
 * a padding oracle (Manger's attack); OpenSSL checks the padding in constant time.
 */
export function rsaOaepDecrypt(privateKey: PrivateKeyInput, ciphertext: Uint8Array, options: RsaOaepOptions = {}): Uint8Array {
  const key = toPrivateKeyObject(privateKey);
  const bits = requireRsaKey(key, 'privateKey');
  const input = requireBytes(ciphertext, 'ciphertext');
  const label = labelOf(options);
  // The length is public, so refusing early leaks nothing the ciphertext did not already show.
  if (input.length !== Math.ceil(bits / 8)) throw new DecryptionError();
  try {
    return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, input);
  } catch {
    throw new DecryptionError();
  }
}

function labelOf(options: RsaOaepOptions): Buffer | undefined {
  if (options.label === undefined) return undefined;
  const label = toBytes(options.label, 'label');
  // An empty label is the RFC default; node wants it omitted rather than empty.
  return label.length === 0 ? undefined : label;
}
