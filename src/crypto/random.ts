/**
 * The one source of randomness for the toolkit: everything here draws from node:crypto's CSPRNG.
 */
import { Buffer } from 'node:buffer';
import { randomBytes as nodeRandomBytes, randomInt as nodeRandomInt, randomUUID as nodeRandomUUID } from 'node:crypto';

const MAX_BYTES = 2 ** 31 - 1;

function assertByteCount(n: number, name: string, min = 0): void {
  if (!Number.isSafeInteger(n) || n < min || n > MAX_BYTES) {
    throw new TypeError(`${name} must be an integer between ${min} and ${MAX_BYTES}`);
  }
}

/** `n` cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array {
  assertByteCount(n, 'n');
  return nodeRandomBytes(n);
}

const POOL_SIZE = 4096;
let pool: Buffer = Buffer.alloc(0);
let poolOffset = 0;

/**
 * `n` (at most 256) random bytes for nonces and IVs on hot paths. One CSPRNG call fills a 4 KiB
 * pool that is handed out in disjoint slices, never reused and never refilled in place (each
 * refill is a new buffer), so each result is as random as randomBytes(n) for a fraction of the
 * cost of one OpenSSL call per nonce (node's randomUUID pools the same way).
 */
export function pooledRandomBytes(n: number): Buffer {
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new TypeError('n must be an integer from 1 to 256');
  if (poolOffset + n > pool.length) {
    pool = nodeRandomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return slice;
}

/**
 * An unguessable URL-safe token: `bytes` random bytes as unpadded base64url.
 * At least 16 bytes (128 bits), because anything called a token ends up guarding something.
 */
export function randomToken(bytes = 32): string {
  assertByteCount(bytes, 'bytes', 16);
  return nodeRandomBytes(bytes).toString('base64url');
}

/** `bytes` random bytes as lowercase hex (2 characters per byte). */
export function randomHex(bytes: number): string {
  assertByteCount(bytes, 'bytes', 1);
  return nodeRandomBytes(bytes).toString('hex');
}

/**
 * A uniformly distributed integer in [min, max): min inclusive, max exclusive.
 * node's randomInt rejects and redraws instead of reducing modulo the range, so there is no
 * modulo bias. The range must be below 2^48.
 */
export function randomInt(min: number, max: number): number {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) throw new TypeError('min and max must be safe integers');
  if (max <= min) throw new TypeError('max must be greater than min');
  if (max - min >= 2 ** 48) throw new TypeError('max - min must be below 2^48');
  return nodeRandomInt(min, max);
}

/** One element of a non-empty list, uniformly chosen. */
export function randomChoice<T>(list: readonly T[]): T {
  if (!Array.isArray(list) || list.length === 0) throw new TypeError('list must be a non-empty array');
  return list[randomInt(0, list.length)] as T;
}

/** A uniformly shuffled copy of `list` (Fisher-Yates); the input is left untouched. */
export function shuffle<T>(list: readonly T[]): T[] {
  if (!Array.isArray(list)) throw new TypeError('list must be an array');
  const result = list.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    const held = result[i] as T;
    result[i] = result[j] as T;
    result[j] = held;
  }
  return result;
}

export const PASSWORD_LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const PASSWORD_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const PASSWORD_DIGITS = '0123456789';
/** No quotes, backslash, backtick or space, so a password survives shells, .env files and JSON unquoted. */
export const PASSWORD_SYMBOLS = '!#$%&()*+,-./:;<=>?@[]^_{|}~';

export interface GeneratePasswordOptions {
  /** Number of characters, 8 to 1024; default 20. */
  length?: number;
  /** Include the symbol class; default true. */
  symbols?: boolean;
}

/**
 * A random password holding at least one lowercase letter, one uppercase letter, one digit and
 * (unless `symbols: false`) one symbol. Draws uniformly from the whole alphabet and redraws when
 * a class is missing, so the result is uniform over all passwords that satisfy the rule (unlike
 * "one of each, then shuffle", which favours the smaller classes).
 */
export function generatePassword(options: GeneratePasswordOptions = {}): string {
  const length = options.length ?? 20;
  const symbols = options.symbols ?? true;
  if (!Number.isSafeInteger(length) || length < 8 || length > 1024) throw new TypeError('length must be an integer from 8 to 1024');
  if (typeof symbols !== 'boolean') throw new TypeError('symbols must be a boolean');
  const classes = symbols
    ? [PASSWORD_LOWER, PASSWORD_UPPER, PASSWORD_DIGITS, PASSWORD_SYMBOLS]
    : [PASSWORD_LOWER, PASSWORD_UPPER, PASSWORD_DIGITS];
  const alphabet = classes.join('');
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += alphabet[nodeRandomInt(0, alphabet.length)];
    if (classes.every((set) => [...password].some((char) => set.includes(char)))) return password;
  }
}

/** A random (version 4) UUID. */
export function randomUUID(): string {
  return nodeRandomUUID();
}
