import { ARGON2_COST_LIMITS, isWithinArgon2CostLimits } from './argon2-cost-limits.js';
import type { Argon2Parameters } from './types.js';

/**
 * Throws TypeError when the configured argon2 parameters are not ones argon2 accepts, or are
 * beyond the ceilings on stored hashes (ARGON2_COST_LIMITS): every hash made with them would
 * be refused at the next login, locking every user who sets or changes a password out.
 */
export function assertArgon2Parameters(parameters: Argon2Parameters): void {
  const { memoryCost, timeCost, parallelism } = parameters;
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 255) {
    throw new TypeError('argon2 parallelism must be an integer from 1 to 255');
  }
  // RFC 9106 section 3.1: at least 8 KiB per lane.
  if (!Number.isInteger(memoryCost) || memoryCost < 8 * parallelism || memoryCost > 0xffff_ffff) {
    throw new TypeError('argon2 memoryCost must be an integer number of KiB, at least 8 x parallelism');
  }
  if (!Number.isInteger(timeCost) || timeCost < 1 || timeCost > 0xffff_ffff) {
    throw new TypeError('argon2 timeCost must be a positive integer');
  }
  if (!isWithinArgon2CostLimits(parameters)) {
    const limits = ARGON2_COST_LIMITS;
    throw new TypeError(
      `argon2 parameters must stay within what stored hashes may ask for: memoryCost at most ${limits.maxMemoryKib} KiB, ` +
        `timeCost at most ${limits.maxTimeCost}, memoryCost x timeCost at most ${limits.maxMemoryKibTimesPasses}, ` +
        `parallelism at most ${limits.maxParallelism}`,
    );
  }
}
