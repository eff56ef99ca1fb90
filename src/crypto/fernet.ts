/**
 * Fernet tokens (https://github.com/fernet/spec), byte-for-byte compatible with Python's
 * cryptography.fernet: AES-128-CBC with PKCS#7 padding, then HMAC-SHA256 over
 * version || timestamp || IV || ciphertext, all as padded URL-safe base64.
 *
 * Keys are what Python's Fernet.generate_key() prints: 32 random bytes as padded URL-safe
 * base64 (the first 16 bytes sign, the last 16 encrypt).
 *
 * Time rules follow Python exactly: without a TTL the timestamp is not checked; with one, a
 * token older than `ttl` seconds, or stamped more than 60 seconds in the future (clock skew),
 * is refused.
 *
 * Decoding is stricter than Python's in one way: only canonical padded URL-safe base64 is read
 * (what every Fernet implementation writes); Python also skips stray characters.
 */
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { pooledRandomBytes } from './random.js';
import { decodeBase64UrlPadded, encodeBase64UrlPadded, toBytes } from './encoding.js';
import { DecryptionError } from './errors.js';

const VERSION = 0x80;
const MAX_CLOCK_SKEW_SECONDS = 60n;
const IV_LENGTH = 16;
const HMAC_LENGTH = 32;
const BLOCK = 16;
const HEADER_LENGTH = 1 + 8 + IV_LENGTH;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}=$/;

/** A Fernet key split into its two halves, ready for node:crypto. */
interface FernetKeyParts {
  signing: KeyObject;
  encryption: KeyObject;
}

// Decoding a key and building its two KeyObjects costs about as much as a small token, and
// callers pass the same few keys again and again; a small bounded cache keeps that off the hot path.
const keyCache = new Map<string, FernetKeyParts>();
const KEY_CACHE_LIMIT = 64;

function keyParts(key: string): FernetKeyParts {
  const cached = keyCache.get(key);
  if (cached) return cached;
  const raw = typeof key === 'string' && KEY_PATTERN.test(key) ? decodeBase64UrlPadded(key) : null;
  if (raw === null || raw.length !== 32) throw new TypeError('Fernet key must be 32 bytes as padded URL-safe base64 (44 characters)');
  const parts = {
    signing: createSecretKey(Buffer.from(raw.subarray(0, 16))),
    encryption: createSecretKey(Buffer.from(raw.subarray(16))),
  };
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(key, parts);
  return parts;
}

/** True when `key` is a well-formed Fernet key (for validating configuration before use). */
export function isFernetKey(key: unknown): key is string {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return false;
  return decodeBase64UrlPadded(key)?.length === 32;
}

/** A new random key, formatted as Python's Fernet.generate_key() does. */
export function generateFernetKey(): string {
  return encodeBase64UrlPadded(randomBytes(32));
}

function toSeconds(now: Date | undefined): bigint {
  if (now === undefined) return BigInt(Math.floor(Date.now() / 1000));
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  return BigInt(Math.floor(now.getTime() / 1000));
}

/**
 * Builds a token from explicit parts. fernetEncrypt calls this with the current time and a fresh
 * random IV; spec vectors call it with theirs. Never reuse an IV.
 */
export function encryptFernetToken(key: string, data: string | Uint8Array, timestamp: bigint, iv: Uint8Array): string {
  const { signing, encryption } = keyParts(key);
  if (!(iv instanceof Uint8Array) || iv.length !== IV_LENGTH) throw new TypeError('iv must be 16 bytes');
  if (typeof timestamp !== 'bigint' || timestamp < 0n || timestamp >= 2n ** 64n) throw new TypeError('timestamp must be a 64-bit unsigned bigint');
  const plaintext = toBytes(data);
  const cipher = createCipheriv('aes-128-cbc', encryption, iv);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  // Assemble in place: version || timestamp || IV || ciphertext || HMAC.
  const token = Buffer.allocUnsafe(HEADER_LENGTH + head.length + tail.length + HMAC_LENGTH);
  token[0] = VERSION;
  token.writeBigUInt64BE(timestamp, 1);
  token.set(iv, 9);
  head.copy(token, HEADER_LENGTH);
  tail.copy(token, HEADER_LENGTH + head.length);
  const body = token.subarray(0, HEADER_LENGTH + head.length + tail.length);
  createHmac('sha256', signing).update(body).digest().copy(token, body.length);
  return encodeBase64UrlPadded(token);
}

export interface FernetEncryptOptions {
  /** The time stamped into the token; default now. */
  now?: Date;
}

/** Encrypts `data` (strings as UTF-8) into a Fernet token. */
export function fernetEncrypt(key: string, data: string | Uint8Array, options: FernetEncryptOptions = {}): string {
  return encryptFernetToken(key, data, toSeconds(options.now), pooledRandomBytes(IV_LENGTH));
}

export interface FernetDecryptOptions {
  /** Maximum token age in seconds; when set, future-dated tokens (beyond 60 s of skew) are refused too. */
  ttl?: number;
  /** The current time; default now. */
  now?: Date;
}

/** A decoded token whose structure is sound but whose MAC is not yet checked. */
interface ParsedToken {
  bytes: Buffer;
  timestamp: bigint;
}

function parseToken(token: string): ParsedToken {
  if (typeof token !== 'string') throw new TypeError('token must be a string');
  // 1. Canonical padded URL-safe base64.
  const decoded = decodeBase64UrlPadded(token);
  if (decoded === null) throw new DecryptionError();
  const bytes = toBytes(decoded);
  // 2. Version byte 0x80, and room for header, at least one cipher block, and the HMAC.
  if (bytes.length < HEADER_LENGTH + BLOCK + HMAC_LENGTH || bytes[0] !== VERSION) throw new DecryptionError();
  // 3. Whole cipher blocks only.
  if ((bytes.length - HEADER_LENGTH - HMAC_LENGTH) % BLOCK !== 0) throw new DecryptionError();
  return { bytes, timestamp: bytes.readBigUInt64BE(1) };
}

function checkTime(timestamp: bigint, options: FernetDecryptOptions): void {
  if (options.ttl === undefined) return;
  const { ttl } = options;
  if (!Number.isSafeInteger(ttl) || ttl < 0) throw new TypeError('ttl must be a non-negative integer number of seconds');
  const now = toSeconds(options.now);
  // 4. Not older than the TTL.
  if (timestamp + BigInt(ttl) < now) throw new DecryptionError();
  // 5. Not from further in the future than the allowed clock skew.
  if (now + MAX_CLOCK_SKEW_SECONDS < timestamp) throw new DecryptionError();
}

function decryptVerified(parsed: ParsedToken, parts: FernetKeyParts): Buffer | null {
  const { bytes } = parsed;
  const macStart = bytes.length - HMAC_LENGTH;
  // 6. HMAC-SHA256 over everything before it, compared in constant time.
  const expected = createHmac('sha256', parts.signing).update(bytes.subarray(0, macStart)).digest();
  if (!timingSafeEqual(expected, bytes.subarray(macStart))) return null;
  // 7. AES-128-CBC decrypt and strip PKCS#7 padding (a bad pad throws in final()).
  try {
    const decipher = createDecipheriv('aes-128-cbc', parts.encryption, bytes.subarray(9, HEADER_LENGTH));
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_LENGTH, macStart)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * Decrypts and authenticates a Fernet token. Throws DecryptionError on any failure: bad
 * encoding, wrong version, wrong key, tampering, bad padding, expired or future-dated.
 */
export function fernetDecrypt(key: string, token: string, options: FernetDecryptOptions = {}): Uint8Array {
  const parts = keyParts(key);
  const parsed = parseToken(token);
  checkTime(parsed.timestamp, options);
  const plaintext = decryptVerified(parsed, parts);
  if (plaintext === null) throw new DecryptionError();
  return plaintext;
}

/** The verified timestamp (Unix seconds) of a token, or DecryptionError. */
export function fernetTimestamp(key: string, token: string): bigint {
  const parsed = parseToken(token);
  const { bytes } = parsed;
  const macStart = bytes.length - HMAC_LENGTH;
  const expected = createHmac('sha256', keyParts(key).signing).update(bytes.subarray(0, macStart)).digest();
  if (!timingSafeEqual(expected, bytes.subarray(macStart))) throw new DecryptionError();
  return parsed.timestamp;
}

/**
 * Several Fernet keys: encrypts with the first, decrypts with any, and rotates old tokens to the
 * first key (keeping their original timestamp, as Python's MultiFernet.rotate does).
 */
export class MultiFernet {
  readonly #keys: readonly string[];

  constructor(keys: readonly string[]) {
    if (!Array.isArray(keys) || keys.length === 0) throw new TypeError('MultiFernet needs at least one key');
    for (const key of keys) keyParts(key);
    this.#keys = [...keys];
  }

  encrypt(data: string | Uint8Array, options: FernetEncryptOptions = {}): string {
    return fernetEncrypt(this.#keys[0] as string, data, options);
  }

  decrypt(token: string, options: FernetDecryptOptions = {}): Uint8Array {
    const parsed = parseToken(token);
    checkTime(parsed.timestamp, options);
    return this.#decryptWithAnyKey(parsed);
  }

  /** Re-encrypts a token made under any of the keys with the first key. No TTL check. */
  rotate(token: string): string {
    const parsed = parseToken(token);
    const plaintext = this.#decryptWithAnyKey(parsed);
    return encryptFernetToken(this.#keys[0] as string, plaintext, parsed.timestamp, pooledRandomBytes(IV_LENGTH));
  }

  #decryptWithAnyKey(parsed: ParsedToken): Uint8Array {
    for (const key of this.#keys) {
      const plaintext = decryptVerified(parsed, keyParts(key));
      if (plaintext !== null) return plaintext;
    }
    throw new DecryptionError();
  }
}
