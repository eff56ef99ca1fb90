import { pbkdf2Sync } from 'node:crypto';
import { equalConstantTime } from '../equal-constant-time.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';

/**
 * PBKDF2-HMAC check shared by the PBKDF2-based legacy schemes: derives as many bytes as the
 * stored key has and compares in constant time. Null when the iteration count is out of bounds.
 */
export function verifyPbkdf2(
  password: Buffer,
  salt: Uint8Array,
  iterations: number,
  digest: string,
  expected: Uint8Array,
): boolean | null {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > LEGACY_COST_LIMITS.pbkdf2MaxIterations) {
    return null;
  }
  if (expected.length < 16 || salt.length === 0) return null;
  const derived = pbkdf2Sync(password, salt, iterations, expected.length, digest);
  return equalConstantTime(derived, expected);
}
