import { scryptSync } from 'node:crypto';
import { equalConstantTime } from '../equal-constant-time.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';

/**
 * scrypt check shared by the scrypt-based legacy schemes. Null when N is not a power of two
 * greater than 1, or the memory (128 x N x r) or parallelism is beyond the ceilings.
 */
export function verifyScrypt(
  password: Buffer,
  salt: Uint8Array,
  cost: { N: number; r: number; p: number },
  expected: Uint8Array,
): boolean | null {
  const { N, r, p } = cost;
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0) return null;
  if (!Number.isSafeInteger(r) || r < 1 || !Number.isSafeInteger(p) || p < 1) return null;
  if (p > LEGACY_COST_LIMITS.scryptMaxParallelism) return null;
  const memory = 128 * N * r;
  if (memory > LEGACY_COST_LIMITS.scryptMaxMemoryBytes) return null;
  if (expected.length < 16 || salt.length === 0) return null;
  // OpenSSL counts the V array (128 x r x (N + 2)) plus the B array (128 x r x p) against maxmem.
  const maxmem = 128 * r * (N + 2 + p) + 1024 * 1024;
  const derived = scryptSync(password, salt, expected.length, { N, r, p, maxmem });
  return equalConstantTime(derived, expected);
}
