import type { Argon2Parameters } from './types.js';

/** Throws TypeError when the configured argon2 parameters are not ones argon2 accepts. */
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
}
