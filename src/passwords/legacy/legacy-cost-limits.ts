/**
 * Ceilings on the cost parameters read from stored legacy hashes. Imported rows are data, not
 * code: one poisoned or mistyped row must not pin a hash worker for minutes or exhaust memory.
 * Each ceiling sits well above what the producing frameworks write today.
 */
export const LEGACY_COST_LIMITS = Object.freeze({
  /** Werkzeug 3.1 writes 1,000,000; Django 5.x about 1,000,000. */
  pbkdf2MaxIterations: 10_000_000,
  /** bcrypt cost 16 is about 4-5 s per attempt on one core; common values are 10-13. */
  bcryptMaxCost: 16,
  /** scrypt memory is 128 x N x r bytes: at most 256 MiB. */
  scryptMaxMemoryBytes: 256 * 1024 * 1024,
  scryptMaxParallelism: 16,
});
