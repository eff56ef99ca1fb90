import type { Argon2Parameters } from './types.js';

/** OWASP Password Storage Cheat Sheet, argon2id option 2: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2_PARAMETERS: Readonly<Argon2Parameters> = Object.freeze({
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});
