import { isAffordablePbkdf2 } from './derive-pbkdf2.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';
import { TUTORIAL_PBKDF2_PREFIX, matchTutorialPbkdf2 } from './tutorial-pbkdf2-scheme.js';

/**
 * Builds the one-string import form of the tutorial's two-column PBKDF2-HMAC-SHA256 record
 * (`salt.hex()`, `key.hex()`): `pbkdf2-sha256-hex$<iterations>$<salt hex>$<key hex>`.
 * Hex is accepted in either case and written in lowercase.
 * Throws TypeError when the columns cannot be such a record (an import script's bug, not user input).
 */
export function importTutorialPbkdf2(saltHex: string, keyHex: string, iterations = 100_000): string {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > LEGACY_COST_LIMITS.pbkdf2MaxIterations) {
    throw new TypeError(`iterations must be an integer from 1 to ${LEGACY_COST_LIMITS.pbkdf2MaxIterations}`);
  }
  if (typeof saltHex !== 'string' || typeof keyHex !== 'string') {
    throw new TypeError('salt and key must be hex strings');
  }
  const encoded = `${TUTORIAL_PBKDF2_PREFIX}$${iterations}$${saltHex.toLowerCase()}$${keyHex.toLowerCase()}`;
  if (matchTutorialPbkdf2(encoded) === null) {
    throw new TypeError('salt must be 1-128 bytes and key 16-64 bytes, both in hex');
  }
  // A key longer than one SHA-256 block costs the iterations once per block: past the ceiling
  // the row would never verify, so it is refused here rather than written.
  if (!isAffordablePbkdf2(iterations, 'sha256', keyHex.length / 2)) {
    throw new TypeError(`iterations x 32-byte blocks of key must be at most ${LEGACY_COST_LIMITS.pbkdf2MaxIterations}`);
  }
  return encoded;
}
