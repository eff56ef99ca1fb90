import { argon2NeedsRehash, isArgon2Hash, verifyArgon2 } from './argon2id.js';
import { encodePassword } from './encode-password.js';
import { MAX_STORED_HASH_LENGTH } from './legacy/identify-hash-scheme.js';
import { findLegacyHashScheme } from './legacy/legacy-hash-schemes.js';
import type { Argon2Parameters, PasswordVerification } from './types.js';

const rejected: PasswordVerification = Object.freeze({ valid: false, needsRehash: false });

/** True, false, or null when the stored hash is unknown, malformed or beyond the cost ceilings. */
function verifyByScheme(stored: string, password: Buffer): boolean | null {
  if (stored.length > MAX_STORED_HASH_LENGTH) return null;
  try {
    if (isArgon2Hash(stored)) return verifyArgon2(stored, password);
    return findLegacyHashScheme(stored)?.verify(stored, password) ?? null;
  } catch {
    // Every scheme answers null for what it refuses; this only keeps a row no scheme foresaw
    // from turning a wrong password into a 500 (and from skipping the dummy verification).
    return null;
  }
}

/**
 * True for a stored hash we replace on the next sign-in: a legacy scheme, or argon2 weaker than
 * the current parameters. Those are the hashes that can be cheaper to check than the dummy.
 */
function isUpgradable(stored: string, parameters: Argon2Parameters): boolean {
  return !isArgon2Hash(stored) || argon2NeedsRehash(stored, parameters);
}

/**
 * Verifies a password against a stored hash of any accepted scheme. Never throws for bad input:
 * an unknown or malformed stored hash, or a password with no UTF-8 form, is rejected after
 * verifying against `dummyHash`, so it costs what an unknown user costs (one argon2id check at
 * the current parameters). A wrong password against an upgradable hash (legacy, or weaker
 * argon2) is also verified against `dummyHash` before it is rejected: salted SHA-256 takes
 * microseconds, and without it a failed login would tell accounts with such hashes apart from
 * unknown ones. Hashes slower than the dummy (bcrypt at cost 10, PBKDF2 at 100,000 iterations)
 * stay slower until upgraded: time cannot be taken away, only added.
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
  if (valid === true) return { valid: true, needsRehash: isUpgradable(stored, parameters) };
  if (valid === null || isUpgradable(stored, parameters)) {
    verifyArgon2(dummyHash, bytes ?? Buffer.from(String(password), 'utf8'));
  }
  return rejected;
}
