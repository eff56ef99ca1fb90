/**
 * Hashes and HMACs over an allowlist of algorithms. MD5 and SHA-1 hashing are not offered:
 * both have practical collisions. HMAC-SHA1 is allowed for HOTP/TOTP only (RFC 4226/6238
 * authenticator apps expect it; HMAC does not rely on collision resistance).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { toBytes } from './encoding.js';

export type HashAlgorithm = 'sha256' | 'sha384' | 'sha512' | 'sha3-256' | 'sha3-512';
export type HmacAlgorithm = HashAlgorithm | 'sha1';

const hashLengths: Readonly<Record<HmacAlgorithm, number>> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
  'sha3-256': 32,
  'sha3-512': 64,
};

function assertHashAlgorithm(alg: unknown): asserts alg is HashAlgorithm {
  if (typeof alg !== 'string' || alg === 'sha1' || !Object.hasOwn(hashLengths, alg)) {
    throw new TypeError(`unsupported hash algorithm: ${String(alg)}`);
  }
}

function assertHmacAlgorithm(alg: unknown): asserts alg is HmacAlgorithm {
  if (typeof alg !== 'string' || !Object.hasOwn(hashLengths, alg)) {
    throw new TypeError(`unsupported HMAC algorithm: ${String(alg)}`);
  }
}

/** Output length in bytes of `alg`. */
export function digestLength(alg: HmacAlgorithm): number {
  assertHmacAlgorithm(alg);
  return hashLengths[alg];
}

/** The digest of `data` (strings are hashed as UTF-8). */
export function hash(alg: HashAlgorithm, data: string | Uint8Array): Uint8Array {
  assertHashAlgorithm(alg);
  return createHash(alg).update(toBytes(data)).digest();
}

function keyBytes(key: string | Uint8Array): Buffer {
  const bytes = toBytes(key, 'key');
  if (bytes.length === 0) throw new TypeError('key must not be empty');
  return bytes;
}

/** HMAC of `data` under `key` (full-length tag). */
export function hmac(alg: HmacAlgorithm, key: string | Uint8Array, data: string | Uint8Array): Uint8Array {
  assertHmacAlgorithm(alg);
  return createHmac(alg, keyBytes(key)).update(toBytes(data)).digest();
}

export interface VerifyHmacOptions {
  /**
   * Expected tag length in bytes when the protocol truncates tags (RFC 2104 section 5): at least
   * 16 and at most the digest length. Defaults to the full digest length. A tag of any other
   * length is rejected, so an attacker cannot pick a shorter tag to forge.
   */
  tagLength?: number;
}

/** True when `tag` is the HMAC of `data` under `key`, compared in constant time. */
export function verifyHmac(
  alg: HmacAlgorithm,
  key: string | Uint8Array,
  data: string | Uint8Array,
  tag: Uint8Array,
  options: VerifyHmacOptions = {},
): boolean {
  assertHmacAlgorithm(alg);
  const full = hashLengths[alg];
  const tagLength = options.tagLength ?? full;
  if (!Number.isSafeInteger(tagLength) || tagLength < 16 || tagLength > full) {
    throw new TypeError(`tagLength must be an integer from 16 to ${full}`);
  }
  if (!(tag instanceof Uint8Array)) throw new TypeError('tag must be a Uint8Array');
  const expected = createHmac(alg, keyBytes(key)).update(toBytes(data)).digest().subarray(0, tagLength);
  // The length is fixed by the caller's options, not a secret, so rejecting early leaks nothing.
  if (tag.length !== tagLength) return false;
  return timingSafeEqual(expected, tag);
}
