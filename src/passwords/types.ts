import type { PasswordPolicyContext, PasswordPolicyResult } from './policy.js';

export interface Argon2Parameters {
  /** Memory in KiB (OWASP: 19456). */
  memoryCost: number;
  /** Iterations (OWASP: 2). */
  timeCost: number;
  parallelism: number;
}

export interface PasswordVerification {
  valid: boolean;
  /** True when the stored hash is a legacy scheme or weaker argon2 parameters: re-hash on success. */
  needsRehash: boolean;
}

/**
 * Hashes, verifies and checks the password policy off the event loop, on the password worker
 * pool (a bounded pool of low-priority worker threads). Every call rejects with
 * OverloadedError (503) when the pool's queue is full.
 */
export interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
  verifyPassword(storedHash: string, password: string): Promise<PasswordVerification>;
  /**
   * Verifies against a fixed dummy hash with the configured parameters, so an unknown user takes
   * as long as a wrong password for a known one (see verifyStoredHash for the hashes that are slower).
   */
  verifyDummy(password: string): Promise<void>;
  /**
   * checkPasswordPolicy (policy.ts) with the pool's policy options and blocklist file, run on a
   * worker thread: zxcvbn costs a few ms of CPU per call. Judge the normalized password.
   */
  checkPasswordPolicy(password: string, context: PasswordPolicyContext): Promise<PasswordPolicyResult>;
  /**
   * checkPasswordPolicy, then hashPassword only if the policy passed, as one task on one worker:
   * a new password waits in the queue once instead of twice, and crosses the thread boundary once.
   * `hash` is null exactly when `policy.ok` is false.
   */
  hashIfPolicyAllows(password: string, context: PasswordPolicyContext): Promise<PolicyCheckedHash>;
  close(): Promise<void>;
}

/** The policy's verdict on a new password and, only when it passed, the password's hash. */
export interface PolicyCheckedHash {
  policy: PasswordPolicyResult;
  hash: string | null;
}

export interface PasswordPolicyOptions {
  /** Minimum length in Unicode code points after NFKC (NIST SP 800-63B-4: 15 for single-factor, ASVS 5: 12; default 12). */
  minLength: number;
  /** Maximum length in code points after NFKC (default 256). */
  maxLength: number;
  /** Minimum zxcvbn score 0..4 (default 3). */
  minScore: number;
  /** Composition rule: how many of {lowercase, uppercase, digit, symbol} are required. 0 = none (default). */
  requiredCharacterClasses: number;
  /** Passwords older than this many days must be changed; 0 = never (default). */
  maxAgeDays: number;
  /** Reject reuse of the last N passwords; 0 = off (default). */
  historySize: number;
}
