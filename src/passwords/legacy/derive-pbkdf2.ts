import { pbkdf2Sync } from 'node:crypto';
import { equalConstantTime } from '../equal-constant-time.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';
import { PBKDF2_DIGEST_BYTES } from './pbkdf2-digests.js';

/**
 * True when a PBKDF2 check with these parameters stays within LEGACY_COST_LIMITS: a known
 * digest, 16 to pbkdf2MaxKeyBytes of key, and iterations times output blocks (PBKDF2 runs the
 * whole iteration count again for every digest-sized block of the key) within pbkdf2MaxIterations.
 */
export function isAffordablePbkdf2(iterations: number, digest: string, keyBytes: number): boolean {
  const digestBytes = PBKDF2_DIGEST_BYTES.get(digest);
  if (digestBytes === undefined || !Number.isSafeInteger(iterations) || iterations < 1) return false;
  if (!Number.isSafeInteger(keyBytes) || keyBytes < 16 || keyBytes > LEGACY_COST_LIMITS.pbkdf2MaxKeyBytes) return false;
  return iterations * Math.ceil(keyBytes / digestBytes) <= LEGACY_COST_LIMITS.pbkdf2MaxIterations;
}

/**
 * PBKDF2-HMAC check shared by the PBKDF2-based legacy schemes: derives as many bytes as the
 * stored key has and compares in constant time. Null when the parameters are beyond the
 * ceilings or the derivation refuses them.
 */
export function verifyPbkdf2(
  password: Buffer,
  salt: Uint8Array,
  iterations: number,
  digest: string,
  expected: Uint8Array,
): boolean | null {
  if (!isAffordablePbkdf2(iterations, digest, expected.length) || salt.length === 0) return null;
  try {
    const derived = pbkdf2Sync(password, salt, iterations, expected.length, digest);
    return equalConstantTime(derived, expected);
  } catch {
    // A stored row is data: whatever it holds, it is not a match, never a thrown 500.
    return null;
  }
}
