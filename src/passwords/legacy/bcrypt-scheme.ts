import bcrypt from 'bcrypt';
import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';

// $2a$ (OpenBSD, most libraries), $2b$ (OpenBSD since 2014), $2y$ (PHP's crypt_blowfish).
// $2x$ marks PHP's known-buggy hashes and is refused.
const bcryptShape = /^\$2([aby])\$([0-9]{2})\$[./A-Za-z0-9]{53}$/;

/**
 * bcrypt, verified with the bcrypt package (its compare is constant time). Like every bcrypt,
 * only the first 72 bytes of the password count; a successful login re-hashes with argon2id,
 * which has no such limit.
 */
export const bcryptScheme: LegacyHashScheme = {
  identify(stored) {
    return bcryptShape.test(stored) ? 'bcrypt' : null;
  },
  verify(stored, password) {
    const match = bcryptShape.exec(stored);
    if (match === null) return null;
    const cost = Number(match[2]);
    if (cost < 4 || cost > LEGACY_COST_LIMITS.bcryptMaxCost) return null;
    // $2y$ is the same algorithm as $2b$, but the bcrypt package only knows the OpenBSD prefixes.
    const normalized = match[1] === 'y' ? `$2b$${stored.slice(4)}` : stored;
    try {
      return bcrypt.compareSync(password, normalized);
    } catch {
      return null;
    }
  },
};
