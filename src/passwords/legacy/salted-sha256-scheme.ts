import { createHash } from 'node:crypto';
import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { equalConstantTime } from '../equal-constant-time.js';

// The digest is the part after the last `:` (hex has none), so a salt may itself hold `:`.
const saltedShape = /^([^$]{1,255}):([0-9a-f]{64})$/;

/**
 * The classic tutorial scheme: `hashlib.sha256((password + salt).encode()).hexdigest()` stored
 * as `f"{salt}:{hashed}"`. One unkeyed SHA-256 is far too fast to resist guessing; it is
 * accepted only so that imported users can sign in once and be re-hashed with argon2id.
 */
export const saltedSha256Scheme: LegacyHashScheme = {
  identify(stored) {
    return saltedShape.test(stored) ? 'salted-sha256' : null;
  },
  verify(stored, password) {
    const match = saltedShape.exec(stored);
    if (match === null) return null;
    // UTF-8 of (password + salt) is the UTF-8 of the password followed by that of the salt.
    const derived = createHash('sha256').update(password).update(match[1] ?? '', 'utf8').digest();
    return equalConstantTime(derived, Buffer.from(match[2] ?? '', 'hex'));
  },
};
