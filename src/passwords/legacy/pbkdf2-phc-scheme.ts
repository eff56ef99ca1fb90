import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { decodePhcBase64, parseDecimal, parsePhcParameters } from '../phc.js';
import { verifyPbkdf2 } from './derive-pbkdf2.js';
import { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';

// `$pbkdf2$` is passlib's PBKDF2-HMAC-SHA1.
const pbkdf2Shape = /^\$pbkdf2(?:-(sha256|sha512))?\$([^$]+)\$([^$]+)\$([^$]+)$/;

/** Reads the iteration count from passlib's bare `<rounds>` or the PHC `i=<rounds>[,l=<bytes>]`. */
function readIterations(segment: string, keyBytes: number): number | null {
  if (/^[0-9]+$/.test(segment)) return parseDecimal(segment, 1, Number.MAX_SAFE_INTEGER);
  const parameters = parsePhcParameters(segment);
  if (parameters === null) return null;
  for (const name of parameters.keys()) if (name !== 'i' && name !== 'l') return null;
  const length = parameters.get('l');
  if (length !== undefined && parseDecimal(length, 1, 1024) !== keyBytes) return null;
  return parseDecimal(parameters.get('i'), 1, Number.MAX_SAFE_INTEGER);
}

/**
 * PBKDF2 in two PHC-like shapes:
 * - passlib (`passlib.hash.pbkdf2_sha256` / `_sha512` / `pbkdf2_sha1`):
 *   `$pbkdf2-sha256$<rounds>$<salt>$<key>` in passlib's adapted base64 (`.` for `+`, no padding);
 * - PHC / RustCrypto `pbkdf2` crate: `$pbkdf2-sha256$i=<rounds>[,l=<key bytes>]$<salt>$<key>`
 *   in unpadded standard base64.
 * In both the salt is used as its decoded bytes and the key length is that of the stored key.
 */
export const pbkdf2PhcScheme: LegacyHashScheme = {
  identify(stored) {
    const match = pbkdf2Shape.exec(stored);
    return match === null ? null : `pbkdf2-${match[1] ?? 'sha1'}`;
  },
  verify(stored, password) {
    const match = pbkdf2Shape.exec(stored);
    if (match === null) return null;
    const digest = match[1] ?? 'sha1';
    const salt = decodePhcBase64(match[3] ?? '');
    const key = decodePhcBase64(match[4] ?? '');
    if (salt === null || key === null || key.length > LEGACY_COST_LIMITS.pbkdf2MaxKeyBytes) return null;
    const iterations = readIterations(match[2] ?? '', key.length);
    if (iterations === null) return null;
    return verifyPbkdf2(password, salt, iterations, digest, key);
  },
};
