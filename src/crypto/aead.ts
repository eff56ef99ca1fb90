/**
 * Authenticated encryption with a self-describing, versioned binary format:
 *
 *   byte 0      format version (1)
 *   byte 1      algorithm id (1 = aes-256-gcm, 2 = chacha20-poly1305)
 *   bytes 2-13  random 96-bit nonce
 *   then        ciphertext (same length as the plaintext)
 *   last 16     authentication tag
 *
 * The two header bytes are prepended to the caller's associated data, so changing the version
 * or algorithm byte breaks the tag; the nonce is authenticated by the AEAD itself. `open` takes
 * the algorithm from the caller, never from the message, and refuses a message whose header
 * names another one (no algorithm confusion).
 *
 * Random 96-bit nonces: stay well below 2^32 messages per key (NIST SP 800-38D section 8.3).
 *
 * `open` throws the one DecryptionError on anything wrong with the sealed value; it never
 * returns partial plaintext.
 */
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, type CipherGCMTypes, type CipherChaCha20Poly1305Types } from 'node:crypto';
import { toBytes } from './encoding.js';
import { DecryptionError } from './errors.js';
import { pooledRandomBytes } from './random.js';

export type AeadAlgorithm = 'aes-256-gcm' | 'chacha20-poly1305';

export const AEAD_KEY_LENGTH = 32;
export const AEAD_NONCE_LENGTH = 12;
export const AEAD_TAG_LENGTH = 16;

const FORMAT_VERSION = 1;
const HEADER_LENGTH = 2;
const algorithmIds: Readonly<Record<AeadAlgorithm, number>> = { 'aes-256-gcm': 1, 'chacha20-poly1305': 2 };

function assertAlgorithm(alg: unknown): asserts alg is AeadAlgorithm {
  if (typeof alg !== 'string' || !Object.hasOwn(algorithmIds, alg)) throw new TypeError(`unsupported AEAD algorithm: ${String(alg)}`);
}

function assertKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== AEAD_KEY_LENGTH) throw new TypeError(`key must be a ${AEAD_KEY_LENGTH}-byte Uint8Array`);
}

/**
 * The AEAD primitive the sealed format (and the keyring) are built on: encrypts with an explicit
 * nonce and returns ciphertext and tag separately. Callers must never repeat a nonce under one key.
 */
export function encryptAead(
  alg: AeadAlgorithm,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): { ciphertext: Buffer; tag: Buffer } {
  assertAlgorithm(alg);
  assertKey(key);
  if (!(nonce instanceof Uint8Array) || nonce.length !== AEAD_NONCE_LENGTH) throw new TypeError(`nonce must be ${AEAD_NONCE_LENGTH} bytes`);
  const cipher = createCipheriv(alg as CipherGCMTypes & CipherChaCha20Poly1305Types, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  if (aad.length > 0) cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const ciphertext = plaintext.length === 0 ? cipher.final() : Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/**
 * The inverse of encryptAead: the plaintext, or null when the tag does not verify. Never
 * returns unauthenticated plaintext.
 */
export function decryptAead(
  alg: AeadAlgorithm,
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Buffer | null {
  assertAlgorithm(alg);
  assertKey(key);
  if (!(nonce instanceof Uint8Array) || nonce.length !== AEAD_NONCE_LENGTH) throw new TypeError(`nonce must be ${AEAD_NONCE_LENGTH} bytes`);
  // The tag length is fixed here, not taken from the input, so a truncated tag cannot pass.
  if (tag.length !== AEAD_TAG_LENGTH) return null;
  const decipher = createDecipheriv(alg as CipherGCMTypes & CipherChaCha20Poly1305Types, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  decipher.setAuthTag(tag);
  if (aad.length > 0) decipher.setAAD(aad, { plaintextLength: ciphertext.length });
  const head = ciphertext.length === 0 ? Buffer.alloc(0) : decipher.update(ciphertext);
  try {
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    head.fill(0);
    return null;
  }
}

function headerAad(header: Uint8Array, aad: Uint8Array | string | undefined): Buffer {
  return aad === undefined ? Buffer.from(header) : Buffer.concat([header, toBytes(aad, 'aad')]);
}

/**
 * Encrypts `plaintext` (strings as UTF-8) under a 32-byte key with a fresh random nonce,
 * binding the optional associated data. Returns the sealed bytes described above.
 */
export function seal(alg: AeadAlgorithm, key: Uint8Array, plaintext: string | Uint8Array, aad?: string | Uint8Array): Uint8Array {
  assertAlgorithm(alg);
  assertKey(key);
  const header = Buffer.from([FORMAT_VERSION, algorithmIds[alg]]);
  const nonce = pooledRandomBytes(AEAD_NONCE_LENGTH);
  const { ciphertext, tag } = encryptAead(alg, key, nonce, toBytes(plaintext, 'plaintext'), headerAad(header, aad));
  return Buffer.concat([header, nonce, ciphertext, tag]);
}

/**
 * Decrypts a value made by `seal` with the same algorithm, key and associated data.
 * Throws DecryptionError when the value is malformed, truncated, tampered with, sealed with
 * another algorithm or key, or bound to other associated data.
 */
export function open(alg: AeadAlgorithm, key: Uint8Array, sealed: Uint8Array, aad?: string | Uint8Array): Uint8Array {
  assertAlgorithm(alg);
  assertKey(key);
  if (!(sealed instanceof Uint8Array)) throw new TypeError('sealed must be a Uint8Array');
  // 1. Long enough for header, nonce and tag.
  if (sealed.length < HEADER_LENGTH + AEAD_NONCE_LENGTH + AEAD_TAG_LENGTH) throw new DecryptionError();
  // 2. A version this code knows, and the algorithm the caller asked for.
  if (sealed[0] !== FORMAT_VERSION || sealed[1] !== algorithmIds[alg]) throw new DecryptionError();
  const bytes = toBytes(sealed);
  const header = bytes.subarray(0, HEADER_LENGTH);
  const nonce = bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + AEAD_NONCE_LENGTH);
  const ciphertext = bytes.subarray(HEADER_LENGTH + AEAD_NONCE_LENGTH, bytes.length - AEAD_TAG_LENGTH);
  const tag = bytes.subarray(bytes.length - AEAD_TAG_LENGTH);
  // 3. The tag verifies over header, associated data and ciphertext.
  const plaintext = decryptAead(alg, key, nonce, ciphertext, tag, headerAad(header, aad));
  if (plaintext === null) throw new DecryptionError();
  return plaintext;
}
