import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { parseDecimal } from '../phc.js';
import { verifyPbkdf2 } from './derive-pbkdf2.js';
import { verifyScrypt } from './derive-scrypt.js';
import { PBKDF2_DIGEST_BYTES } from './pbkdf2-digests.js';

const pbkdf2Shape = /^pbkdf2:(sha1|sha224|sha256|sha384|sha512):([0-9]{1,10})\$([^$]{1,255})\$([0-9a-f]{2,256})$/;
const scryptShape = /^scrypt:([0-9]{1,10}):([0-9]{1,4}):([0-9]{1,4})\$([^$]{1,255})\$([0-9a-f]{2,256})$/;

/** Werkzeug's scrypt always derives 64 bytes (hashlib.scrypt's default dklen). */
const WERKZEUG_SCRYPT_KEY_BYTES = 64;

/**
 * Werkzeug's `generate_password_hash` (werkzeug.security), salt used as its UTF-8 text, key in
 * lowercase hex:
 * - `pbkdf2:<hash>:<iterations>$<salt>$<hex>` (key as long as the digest);
 * - `scrypt:<N>:<r>:<p>$<salt>$<hex>` (64-byte key).
 * The short forms without iterations (`pbkdf2:sha256$...`, `scrypt$...`) are not accepted:
 * Werkzeug never writes them, and for PBKDF2 the implied default changed between releases.
 */
export const werkzeugScheme: LegacyHashScheme = {
  identify(stored) {
    if (pbkdf2Shape.test(stored)) return 'werkzeug-pbkdf2';
    if (scryptShape.test(stored)) return 'werkzeug-scrypt';
    return null;
  },
  verify(stored, password) {
    const pbkdf2 = pbkdf2Shape.exec(stored);
    if (pbkdf2 !== null) {
      const digest = pbkdf2[1] ?? '';
      const iterations = parseDecimal(pbkdf2[2], 1, Number.MAX_SAFE_INTEGER);
      const keyHex = pbkdf2[4] ?? '';
      if (iterations === null || keyHex.length !== 2 * (PBKDF2_DIGEST_BYTES.get(digest) ?? 0)) return null;
      const key = Buffer.from(keyHex, 'hex');
      return verifyPbkdf2(password, Buffer.from(pbkdf2[3] ?? '', 'utf8'), iterations, digest, key);
    }
    const scrypt = scryptShape.exec(stored);
    if (scrypt !== null) {
      const N = parseDecimal(scrypt[1], 2, Number.MAX_SAFE_INTEGER);
      const r = parseDecimal(scrypt[2], 1, 1024);
      const p = parseDecimal(scrypt[3], 1, 1024);
      const keyHex = scrypt[5] ?? '';
      if (N === null || r === null || p === null || keyHex.length !== 2 * WERKZEUG_SCRYPT_KEY_BYTES) return null;
      const key = Buffer.from(keyHex, 'hex');
      return verifyScrypt(password, Buffer.from(scrypt[4] ?? '', 'utf8'), { N, r, p }, key);
    }
    return null;
  },
};
