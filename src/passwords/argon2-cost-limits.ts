import type { Argon2Parameters } from './types.js';

/**
 * Ceilings on the argon2 parameters read from a stored hash. Stored rows are data: an imported,
 * mistyped or planted row must not make one login attempt cost more than about a second of CPU
 * or hold more than a bounded amount of memory per hash worker.
 *
 * The work of an argon2 verification is its memory times its passes (every pass fills every
 * block once), whatever the lanes: lanes only spread the same work over more cores. So the
 * memory and the memory-passes product are capped together; the worst row they accept
 * (256 MiB, 8 passes) took about 0.65 s on the 2-core reference machine (docs/passwords-hashing.md).
 * Every configuration in common use fits: OWASP's five argon2id options (at most 47,104 KiB-passes),
 * RFC 9106's second option and argon2-cffi's default (64 MiB, 3 passes), PHP's default (64 MiB,
 * 4 passes), argon2-cffi's before 21.2 (100 MiB, 2 passes, 8 lanes) and libsodium's MODERATE limits
 * (256 MiB, 3 passes).
 * Refused: RFC 9106's first option (2 GiB, 1 pass) and libsodium's SENSITIVE limits (1 GiB,
 * 4 passes), both meant for key derivation rather than interactive logins.
 */
export const ARGON2_COST_LIMITS = Object.freeze({
  /** KiB of memory: 256 MiB, so even four workers on such rows stay within 1 GiB. */
  maxMemoryKib: 262_144,
  /** Memory (KiB) times passes: 256 MiB x 8, 64 MiB x 32. */
  maxMemoryKibTimesPasses: 2_097_152,
  maxTimeCost: 64,
  maxParallelism: 64,
});

/** True when an argon2 hash with these parameters stays within ARGON2_COST_LIMITS. */
export function isWithinArgon2CostLimits(parameters: Readonly<Argon2Parameters>): boolean {
  const { memoryCost, timeCost, parallelism } = parameters;
  return (
    memoryCost <= ARGON2_COST_LIMITS.maxMemoryKib &&
    timeCost <= ARGON2_COST_LIMITS.maxTimeCost &&
    memoryCost * timeCost <= ARGON2_COST_LIMITS.maxMemoryKibTimesPasses &&
    parallelism <= ARGON2_COST_LIMITS.maxParallelism
  );
}
