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

/** Hashes off the event loop (a bounded pool of low-priority worker threads). */
export interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
  verifyPassword(storedHash: string, password: string): Promise<PasswordVerification>;
  /** Verifies against a fixed dummy hash with the same cost, so unknown users take as long as known ones. */
  verifyDummy(password: string): Promise<void>;
  close(): Promise<void>;
}
