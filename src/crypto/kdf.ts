/**
 * Key derivation. The slow, password-based KDFs (PBKDF2, scrypt, Argon2id) are asynchronous so
 * they run on libuv's or the Argon2 binding's thread pool, never on the event loop. HKDF costs a
 * few HMAC calls, so a synchronous form is offered too for hot paths such as the keyring.
 */
import { hkdf as nodeHkdf, hkdfSync as nodeHkdfSync, pbkdf2 as nodePbkdf2, scrypt as nodeScrypt } from 'node:crypto';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { toBytes } from './encoding.js';

export type KdfHash = 'sha256' | 'sha384' | 'sha512';

const kdfHashLengths: Readonly<Record<KdfHash, number>> = { sha256: 32, sha384: 48, sha512: 64 };

/** Largest derived key any KDF here will produce; a programmer asking for more made a mistake. */
const MAX_OUTPUT = 1024 * 1024;

function assertHash(hash: unknown): asserts hash is KdfHash {
  if (typeof hash !== 'string' || !Object.hasOwn(kdfHashLengths, hash)) throw new TypeError(`unsupported KDF hash: ${String(hash)}`);
}

function assertInteger(value: unknown, name: string, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`);
  }
}

export interface Pbkdf2Options {
  /** At least 1. OWASP (2023) suggests 600,000 for PBKDF2-HMAC-SHA256 password storage. */
  iterations: number;
  /** Output length in bytes. */
  length: number;
  /** Default 'sha256'. */
  hash?: KdfHash;
}

/** PBKDF2 (RFC 8018) with HMAC-`hash`, computed off the event loop. */
export function pbkdf2(password: string | Uint8Array, salt: string | Uint8Array, options: Pbkdf2Options): Promise<Uint8Array> {
  const hash = options.hash ?? 'sha256';
  assertHash(hash);
  assertInteger(options.iterations, 'iterations', 1, 2 ** 31 - 1);
  assertInteger(options.length, 'length', 1, MAX_OUTPUT);
  const passwordBytes = toBytes(password, 'password');
  const saltBytes = toBytes(salt, 'salt');
  return new Promise((resolve, reject) => {
    nodePbkdf2(passwordBytes, saltBytes, options.iterations, options.length, hash, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface ScryptOptions {
  /** CPU/memory cost: a power of two above 1. */
  N: number;
  /** Block size, at least 1. */
  r: number;
  /** Parallelisation, at least 1. */
  p: number;
  /** Output length in bytes. */
  length: number;
}

/** Memory scrypt may use; above this the parameters are a mistake rather than a policy. */
const SCRYPT_MAX_MEMORY = 2 * 1024 ** 3;

/** scrypt (RFC 7914), computed off the event loop. */
export function scrypt(password: string | Uint8Array, salt: string | Uint8Array, options: ScryptOptions): Promise<Uint8Array> {
  const { N, r, p, length } = options;
  assertInteger(N, 'N', 2, 2 ** 30);
  if ((N & (N - 1)) !== 0) throw new TypeError('N must be a power of two');
  assertInteger(r, 'r', 1, 2 ** 20);
  assertInteger(p, 'p', 1, 2 ** 20);
  assertInteger(length, 'length', 1, MAX_OUTPUT);
  // node refuses to run when 128 * N * r exceeds maxmem (32 MiB by default), which would
  // reject RFC 7914's own parameters; allow what the parameters need, up to a hard cap.
  const needed = 128 * N * r + 128 * r * p + 1024 * 1024;
  if (needed > SCRYPT_MAX_MEMORY) throw new TypeError('scrypt parameters need more than 2 GiB of memory');
  const passwordBytes = toBytes(password, 'password');
  const saltBytes = toBytes(salt, 'salt');
  return new Promise((resolve, reject) => {
    nodeScrypt(passwordBytes, saltBytes, length, { N, r, p, maxmem: needed }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface HkdfOptions {
  /** Optional salt (RFC 5869 section 3.1); default empty, which HKDF treats as hashLen zero bytes. */
  salt?: string | Uint8Array;
  /** Context and purpose binding; default empty. At most 1024 bytes (node's limit). */
  info?: string | Uint8Array;
  /** Output length in bytes, at most 255 * hash length. */
  length: number;
  /** Default 'sha256'. */
  hash?: KdfHash;
}

function hkdfArguments(ikm: string | Uint8Array, options: HkdfOptions): [KdfHash, Buffer, Buffer, Buffer, number] {
  const hash = options.hash ?? 'sha256';
  assertHash(hash);
  assertInteger(options.length, 'length', 1, 255 * kdfHashLengths[hash]);
  const info = toBytes(options.info ?? '', 'info');
  if (info.length > 1024) throw new TypeError('info must be at most 1024 bytes');
  return [hash, toBytes(ikm, 'ikm'), toBytes(options.salt ?? '', 'salt'), info, options.length];
}

/** HKDF (RFC 5869) extract-and-expand, on the thread pool. */
export function hkdf(ikm: string | Uint8Array, options: HkdfOptions): Promise<Uint8Array> {
  const [hash, ikmBytes, salt, info, length] = hkdfArguments(ikm, options);
  return new Promise((resolve, reject) => {
    nodeHkdf(hash, ikmBytes, salt, info, length, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))));
  });
}

/** HKDF (RFC 5869), synchronously: cheap enough for per-request use with short outputs. */
export function hkdfSync(ikm: string | Uint8Array, options: HkdfOptions): Uint8Array {
  const [hash, ikmBytes, salt, info, length] = hkdfArguments(ikm, options);
  return new Uint8Array(nodeHkdfSync(hash, ikmBytes, salt, info, length));
}

export interface Argon2idOptions {
  /** Memory in KiB; at least 8 * parallelism. OWASP minimum: 19456 (19 MiB). */
  memoryCost: number;
  /** Passes over memory, at least 1. */
  timeCost: number;
  /** Lanes, 1 to 255. */
  parallelism: number;
  /** Output length in bytes, at least 4. */
  length: number;
}

// @node-rs/argon2 declares these as const enums, which isolatedModules cannot read; the values
// are fixed by its API (Algorithm.Argon2id = 2, Version.V0x13 = 1).
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_13 = 1 as Version;

/**
 * Raw Argon2id (RFC 9106, version 0x13) output bytes, computed on the binding's thread pool.
 * For storing passwords use the PHC-string hasher in src/passwords instead, which records the
 * parameters beside the hash.
 */
export function argon2id(password: string | Uint8Array, salt: Uint8Array | string, options: Argon2idOptions): Promise<Uint8Array> {
  assertInteger(options.parallelism, 'parallelism', 1, 255);
  assertInteger(options.memoryCost, 'memoryCost', 8 * options.parallelism, 2 ** 32 - 1);
  assertInteger(options.timeCost, 'timeCost', 1, 2 ** 32 - 1);
  assertInteger(options.length, 'length', 4, MAX_OUTPUT);
  const saltBytes = toBytes(salt, 'salt');
  if (saltBytes.length < 8) throw new TypeError('salt must be at least 8 bytes');
  return hashRaw(toBytes(password, 'password'), {
    algorithm: ARGON2ID,
    version: ARGON2_VERSION_13,
    memoryCost: options.memoryCost,
    timeCost: options.timeCost,
    parallelism: options.parallelism,
    outputLen: options.length,
    salt: saltBytes,
  });
}

const DERIVE_KEYS_INFO_PREFIX = 'bulwark/derive-keys/v1:';

/**
 * One independent 32-byte key per purpose from a master key, via HKDF-SHA256 with the purpose
 * in `info`. Knowing one derived key reveals nothing about the master key or the other keys.
 * The master key must be at least 32 random bytes (not a password: use a password KDF first).
 */
export function deriveKeys(masterKey: Uint8Array, purposes: readonly string[]): Record<string, Uint8Array> {
  if (!(masterKey instanceof Uint8Array) || masterKey.length < 32) throw new TypeError('masterKey must be a Uint8Array of at least 32 bytes');
  if (!Array.isArray(purposes)) throw new TypeError('purposes must be an array of strings');
  const seen = new Set<string>();
  for (const purpose of purposes) {
    if (typeof purpose !== 'string' || purpose.length === 0) throw new TypeError('each purpose must be a non-empty string');
    if (seen.has(purpose)) throw new TypeError(`duplicate purpose: ${purpose}`);
    seen.add(purpose);
  }
  // Object.fromEntries defines own properties, so a purpose named "__proto__" stays a plain key.
  return Object.fromEntries(
    purposes.map((purpose) => [purpose, hkdfSync(masterKey, { info: DERIVE_KEYS_INFO_PREFIX + purpose, length: 32 })]),
  );
}
