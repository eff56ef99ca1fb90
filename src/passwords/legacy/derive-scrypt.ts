import { scryptSync } from 'node:crypto';
import { equalConstantTime } from '../equal-constant-time.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * True when scrypt accepts these parameters and they stay within LEGACY_COST_LIMITS. RFC 7914
 * (section 2) requires N to be a power of two greater than 1 and below 2^(16 x r); OpenSSL
 * refuses anything else with an exception, so a stored `ln=16,r=1` must be turned away here.
 */
function isUsableScryptCost({ N, r, p }: ScryptCost): boolean {
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0) return false;
  if (!Number.isSafeInteger(r) || r < 1 || !Number.isSafeInteger(p) || p < 1) return false;
  // 2 ** (16 * r) is Infinity from r = 64 on, where the rule no longer limits anything.
  if (N >= 2 ** (16 * r)) return false;
  if (p > LEGACY_COST_LIMITS.scryptMaxParallelism) return false;
  if (128 * N * r > LEGACY_COST_LIMITS.scryptMaxMemoryBytes) return false;
  return N * r * p <= LEGACY_COST_LIMITS.scryptMaxWork;
}

/**
 * The bytes OpenSSL allocates for scrypt and checks against maxmem: the V array with its two
 * working blocks (128 x r x (N + 2)) plus the B array (128 x r x p). Passing exactly that
 * lets every accepted cost run while refusing any larger allocation.
 */
function scryptAllocationBytes({ N, r, p }: ScryptCost): number {
  return 128 * r * (N + 2 + p);
}

/**
 * scrypt check shared by the scrypt-based legacy schemes: derives as many bytes as the stored
 * key has and compares in constant time. Null when the cost is not usable (isUsableScryptCost)
 * or the derivation refuses it.
 */
export function verifyScrypt(password: Buffer, salt: Uint8Array, cost: ScryptCost, expected: Uint8Array): boolean | null {
  if (!isUsableScryptCost(cost) || expected.length < 16 || salt.length === 0) return null;
  try {
    const derived = scryptSync(password, salt, expected.length, { ...cost, maxmem: scryptAllocationBytes(cost) });
    return equalConstantTime(derived, expected);
  } catch {
    // A stored row is data: whatever OpenSSL still refuses is not a match, never a thrown 500.
    return null;
  }
}
