/**
 * Ceilings on the cost parameters read from stored legacy hashes. Imported rows are data, not
 * code: one poisoned or mistyped row must not make a login attempt cost more than a second or
 * two of a hash worker's time, or exhaust memory. Each ceiling sits above what the producing
 * frameworks write today; the worst row each one accepts was timed on the 2-core reference
 * machine (docs/passwords-hashing.md).
 */
export const LEGACY_COST_LIMITS = Object.freeze({
  /**
   * PBKDF2 iterations times output blocks: PBKDF2 runs every iteration once per digest-sized
   * block of the derived key, so a 64-byte SHA-256 key at N iterations costs what a 32-byte one
   * at 2N does. Django 6.0 writes 1,200,000 iterations, Werkzeug 3.1 1,000,000, OWASP asks for
   * 1,300,000 with SHA-1; one block each. Worst accepted: SHA-384/512 at 3,000,000, about 1.5 s.
   */
  pbkdf2MaxIterations: 3_000_000,
  /** Longest PBKDF2 key: a SHA-512 digest. Every format we read writes one digest or less. */
  pbkdf2MaxKeyBytes: 64,
  /** bcrypt doubles per step: cost 15 took 1.7 s; common values are 10-12 (PHP 8.4 and Laravel: 12). */
  bcryptMaxCost: 15,
  /** scrypt memory is 128 x N x r bytes: at most 256 MiB. */
  scryptMaxMemoryBytes: 256 * 1024 * 1024,
  /**
   * scrypt repeats its memory-hard step p times over N x r blocks, so N x r x p is its work:
   * 2^21 is 256 MiB once (about 1 s), twice RustCrypto's default (2^17 x 8 x 1) and eight times
   * Werkzeug's (2^15 x 8 x 1).
   */
  scryptMaxWork: 2 ** 21,
  scryptMaxParallelism: 16,
});
