import type { PasswordPolicyOptions } from './types.js';
import type { PasswordPolicyContext } from './policy.js';
import type { Argon2Parameters } from './types.js';

/** Messages sent to a password worker thread (structured-cloned across the thread boundary). */
export type HashTask =
  | { kind: 'hash'; password: string; parameters: Argon2Parameters }
  | { kind: 'verify'; storedHash: string; password: string; parameters: Argon2Parameters; dummyHash: string }
  | { kind: 'policy'; password: string; context: PasswordPolicyContext }
  | { kind: 'policy-then-hash'; password: string; context: PasswordPolicyContext; parameters: Argon2Parameters };

/**
 * Fixed for the life of a pool, so given once as piscina `workerData` rather than cloned into
 * every task: each worker reads the blocklist file itself, once, as it starts.
 */
export interface PasswordWorkerData {
  policy: PasswordPolicyOptions;
  /** Extra blocklist file (PASSWORD_BLOCKLIST_FILE); null = built-in list only. */
  blocklistFile: string | null;
}
