import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a derived key with the stored one without leaking where they differ.
 * Lengths are public (they are fixed by the stored hash), so a length mismatch returns early.
 */
export function equalConstantTime(derived: Uint8Array, stored: Uint8Array): boolean {
  return derived.length === stored.length && timingSafeEqual(derived, stored);
}
