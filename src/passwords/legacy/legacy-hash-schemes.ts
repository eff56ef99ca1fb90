import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { bcryptScheme } from './bcrypt-scheme.js';
import { djangoPbkdf2Scheme } from './django-pbkdf2-scheme.js';
import { pbkdf2PhcScheme } from './pbkdf2-phc-scheme.js';
import { saltedSha256Scheme } from './salted-sha256-scheme.js';
import { scryptScheme } from './scrypt-scheme.js';
import { tutorialPbkdf2Scheme } from './tutorial-pbkdf2-scheme.js';
import { werkzeugScheme } from './werkzeug-scheme.js';

/**
 * Every accepted legacy scheme. Their shapes are disjoint; the loosest one (salted SHA-256,
 * `<salt>:<hex>`) goes last all the same, so a tighter shape always wins.
 */
export const LEGACY_HASH_SCHEMES: readonly LegacyHashScheme[] = Object.freeze([
  bcryptScheme,
  scryptScheme,
  pbkdf2PhcScheme,
  djangoPbkdf2Scheme,
  werkzeugScheme,
  tutorialPbkdf2Scheme,
  saltedSha256Scheme,
]);

/** The legacy scheme whose shape the stored string has, or null. */
export function findLegacyHashScheme(stored: string): LegacyHashScheme | null {
  return LEGACY_HASH_SCHEMES.find((scheme) => scheme.identify(stored) !== null) ?? null;
}
