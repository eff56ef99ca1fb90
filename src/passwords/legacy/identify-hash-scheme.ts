import { findLegacyHashScheme } from './legacy-hash-schemes.js';

const argon2Shape = /^\$(argon2id|argon2i|argon2d)\$/;

/** Longest stored hash looked at; real ones are under 200 characters. */
export const MAX_STORED_HASH_LENGTH = 1024;

/**
 * Names the scheme of a stored password hash from its shape alone (no key derivation):
 * 'argon2id' | 'argon2i' | 'argon2d' | 'bcrypt' | 'scrypt' | 'pbkdf2-sha1' | 'pbkdf2-sha256' |
 * 'pbkdf2-sha512' | 'django-pbkdf2-sha256' | 'django-pbkdf2-sha1' | 'werkzeug-pbkdf2' |
 * 'werkzeug-scrypt' | 'pbkdf2-sha256-hex' | 'salted-sha256', or null when none fits.
 * A shape match does not promise the parameters are valid: verification still checks them.
 */
export function identifyHashScheme(stored: string): string | null {
  if (typeof stored !== 'string' || stored.length > MAX_STORED_HASH_LENGTH) return null;
  const argon2 = argon2Shape.exec(stored);
  if (argon2 !== null) return argon2[1] ?? null;
  return findLegacyHashScheme(stored)?.identify(stored) ?? null;
}

/** True for a recognised scheme other than argon2id: such hashes are re-hashed on the next sign-in. */
export function isLegacyHash(stored: string): boolean {
  const scheme = identifyHashScheme(stored);
  return scheme !== null && scheme !== 'argon2id';
}
