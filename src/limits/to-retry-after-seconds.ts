/**
 * Whole seconds for a Retry-After header: rounded up, never below 1, so a client that obeys
 * it never comes back early (and a store answering -1 "no expiry" still gets a usable value).
 */
export function toRetryAfterSeconds(milliseconds: number): number {
  if (!Number.isFinite(milliseconds) || milliseconds <= 0) return 1;
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
