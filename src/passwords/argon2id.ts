/**
 * argon2 in PHC format via @node-rs/argon2. These calls are synchronous and CPU-heavy on
 * purpose: they run only inside the hash worker threads (hash-worker.ts), never on the event loop.
 */
import { hashSync, parseOptions, verifySync } from '@node-rs/argon2';
import type { Algorithm, ParsedHashOptions, Version } from '@node-rs/argon2';
import { isWithinArgon2CostLimits } from './argon2-cost-limits.js';
import type { Argon2Parameters } from './types.js';

// The library's enums are ambient `const enum`s, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

/** Output and salt sizes of the hashes we write; shorter stored ones are re-hashed. */
const OUTPUT_BYTES = 32;
const SALT_BYTES = 16;

export function hashArgon2id(password: Uint8Array, parameters: Argon2Parameters): string {
  return hashSync(password, {
    algorithm: ARGON2ID,
    version: VERSION_0X13,
    memoryCost: parameters.memoryCost,
    timeCost: parameters.timeCost,
    parallelism: parameters.parallelism,
    outputLen: OUTPUT_BYTES,
  });
}

/** True for a string in the argon2 PHC shape ($argon2id$, $argon2i$, $argon2d$). */
export function isArgon2Hash(stored: string): boolean {
  return /^\$argon2(id|i|d)\$/.test(stored);
}

function readArgon2Options(stored: string): ParsedHashOptions | null {
  if (!isArgon2Hash(stored)) return null;
  try {
    return parseOptions(stored);
  } catch {
    return null;
  }
}

/**
 * Verifies a password against any argon2 variant and version (argon2i/argon2d are accepted
 * so that imported hashes keep working; they are flagged for re-hashing).
 * Returns null when the stored string is malformed or its cost exceeds ARGON2_COST_LIMITS.
 */
export function verifyArgon2(stored: string, password: Uint8Array): boolean | null {
  const options = readArgon2Options(stored);
  if (options === null || !isWithinArgon2CostLimits(options)) return null;
  try {
    // The library compares the derived tag with the stored one in constant time.
    return verifySync(stored, password);
  } catch {
    return null;
  }
}

/**
 * True when a stored argon2 hash is weaker than the configured parameters: another variant or
 * version, less memory, fewer passes, or a shorter salt or output. A different parallelism alone
 * does not count: with equal memory and passes it does not lower an attacker's cost.
 */
export function argon2NeedsRehash(stored: string, parameters: Argon2Parameters): boolean {
  const options = readArgon2Options(stored);
  if (options === null) return true;
  return (
    options.algorithm !== ARGON2ID ||
    options.version !== VERSION_0X13 ||
    options.memoryCost < parameters.memoryCost ||
    options.timeCost < parameters.timeCost ||
    options.outputLen < OUTPUT_BYTES ||
    options.saltLen < SALT_BYTES
  );
}
