import { argon2NeedsRehash, isArgon2Hash, verifyArgon2 } from './argon2id.js';
import { encodePassword } from './encode-password.js';
import { MAX_STORED_HASH_LENGTH } from './legacy/identify-hash-scheme.js';
import { findLegacyHashScheme } from './legacy/legacy-hash-schemes.js';
import type { Argon2Parameters, PasswordVerification } from './types.js';

const rejected: PasswordVerification = Object.freeze({ valid: false, needsRehash: false });

function verifyByScheme(stored: string, password: Buffer): boolean | null {
  if (stored.length > MAX_STORED_HASH_LENGTH) return null;
  if (isArgon2Hash(stored)) return verifyArgon2(stored, password);
  return findLegacyHashScheme(stored)?.verify(stored, password) ?? null;
}

/**
 * Verifies a password against a stored hash of any accepted scheme. Never throws for bad input:
 * an unknown or malformed stored hash, or a password with no UTF-8 form, is rejected after
 * verifying against `dummyHash`, so it costs the same time as a real argon2id check.
 * `needsRehash` is only ever true for a valid password.
 * Blocking and CPU-heavy: runs only inside a hash worker thread.
 */
export function verifyStoredHash(
  stored: string,
  password: string,
  parameters: Argon2Parameters,
  dummyHash: string,
): PasswordVerification {
  const bytes = encodePassword(password);
  const valid = bytes === null || typeof stored !== 'string' ? null : verifyByScheme(stored, bytes);
  if (valid === null) {
    verifyArgon2(dummyHash, bytes ?? Buffer.from(String(password), 'utf8'));
    return rejected;
  }
  if (!valid) return rejected;
  return { valid: true, needsRehash: !isArgon2Hash(stored) || argon2NeedsRehash(stored, parameters) };
}
