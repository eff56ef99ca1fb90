/** The longest a single block may last: growth stops at a day. */
export const MAX_BLOCK_SECONDS = 86_400;

/**
 * Length of the n-th block (n = 1, 2, ...) of one (account, client) pair: the base length,
 * doubling each time, capped at a day (or at the base, if configured longer than a day).
 */
export function computeBlockSeconds(baseSeconds: number, blockNumber: number): number {
  if (!Number.isSafeInteger(baseSeconds) || baseSeconds < 1) throw new TypeError('baseSeconds must be a positive integer');
  if (!Number.isSafeInteger(blockNumber) || blockNumber < 1) throw new TypeError('blockNumber must be a positive integer');
  const cap = Math.max(baseSeconds, MAX_BLOCK_SECONDS);
  // 2^(n-1) overflows nothing here: the exponent is clamped before it can exceed the cap's range.
  const exponent = Math.min(blockNumber - 1, 32);
  return Math.min(baseSeconds * 2 ** exponent, cap);
}
