import type { Argon2Parameters } from './types.js';

/** Messages sent to a hash worker thread (structured-cloned across the thread boundary). */
export type HashTask =
  | { kind: 'hash'; password: string; parameters: Argon2Parameters }
  | { kind: 'verify'; storedHash: string; password: string; parameters: Argon2Parameters; dummyHash: string };
