import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { parseDecimal } from '../phc.js';
import { verifyPbkdf2 } from './derive-pbkdf2.js';
import { PBKDF2_DIGEST_BYTES } from './pbkdf2-digests.js';

// Django's salt is any text without `$` (get_random_string writes letters and digits).
const djangoShape = /^pbkdf2_(sha256|sha1)\$([0-9]{1,10})\$([^$]{1,255})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * Django's PBKDF2PasswordHasher / PBKDF2SHA1PasswordHasher:
 * `pbkdf2_sha256$<iterations>$<salt>$<base64 key>`, where the salt is used as its UTF-8 text
 * and the key is padded standard base64 of a digest-sized PBKDF2-HMAC output.
 */
export const djangoPbkdf2Scheme: LegacyHashScheme = {
  identify(stored) {
    const match = djangoShape.exec(stored);
    return match === null ? null : `django-pbkdf2-${match[1]}`;
  },
  verify(stored, password) {
    const match = djangoShape.exec(stored);
    if (match === null) return null;
    const digest = match[1] ?? '';
    const iterations = parseDecimal(match[2], 1, Number.MAX_SAFE_INTEGER);
    const encodedKey = match[4] ?? '';
    const key = Buffer.from(encodedKey, 'base64');
    if (iterations === null || key.toString('base64') !== encodedKey || key.length !== PBKDF2_DIGEST_BYTES.get(digest)) {
      return null;
    }
    return verifyPbkdf2(password, Buffer.from(match[3] ?? '', 'utf8'), iterations, digest, key);
  },
};
