import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256-bit random session token, base64url: what the cookie carries. Never stored. */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Session tokens are 43 base64url characters; anything else is not worth a database lookup. */
export function isWellFormedSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * What the database keeps: SHA-256 of the token. A plain hash (not a slow KDF) is right here
 * because the token has 256 bits of entropy; it keeps the session check synchronous and off
 * the libuv thread pool.
 */
export function hashSessionToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/**
 * The CSRF token is derived from the session token, so it needs no storage, changes with every
 * new session, and cannot be computed from what the database holds (SHA-256 of the token under
 * another domain label). A one-shot SHA-256 of a 256-bit secret with a fixed label is a sound
 * PRF here (no attacker-chosen suffix, so length extension does not apply) and costs a fraction
 * of an HMAC object on the per-request path.
 */
export function deriveCsrfToken(sessionToken: string): string {
  return hash('sha256', `bulwark/csrf/v1:${sessionToken}`, 'base64url');
}

export function verifyCsrfToken(sessionToken: string, candidate: string): boolean {
  const expected = Buffer.from(deriveCsrfToken(sessionToken));
  const given = Buffer.from(candidate);
  // Lengths are public (fixed for every real token); only equal-length values reach the constant-time compare.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Public session id for listing and revoking; unrelated to the token. */
export function generateSessionId(): string {
  return randomBytes(16).toString('base64url');
}
