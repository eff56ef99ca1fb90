import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { decodePhcBase64, parseDecimal, parsePhcParameters } from '../phc.js';
import { verifyScrypt } from './derive-scrypt.js';

const scryptShape = /^\$scrypt\$([^$]+)\$([^$]+)\$([^$]+)$/;

/**
 * scrypt PHC strings as written by passlib (`passlib.hash.scrypt`) and by the RustCrypto
 * `scrypt` crate: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`, salt and key in unpadded
 * base64 (standard or passlib's `.` alphabet), the salt used as its decoded bytes, the key
 * length taken from the stored key. passlib's `$7$` form is not accepted.
 */
export const scryptScheme: LegacyHashScheme = {
  identify(stored) {
    return scryptShape.test(stored) ? 'scrypt' : null;
  },
  verify(stored, password) {
    const match = scryptShape.exec(stored);
    if (match === null) return null;
    const parameters = parsePhcParameters(match[1] ?? '');
    if (parameters === null || parameters.size !== 3) return null;
    const logN = parseDecimal(parameters.get('ln'), 1, 30);
    const r = parseDecimal(parameters.get('r'), 1, 1024);
    const p = parseDecimal(parameters.get('p'), 1, 1024);
    const salt = decodePhcBase64(match[2] ?? '');
    const key = decodePhcBase64(match[3] ?? '');
    if (logN === null || r === null || p === null || salt === null || key === null) return null;
    return verifyScrypt(password, salt, { N: 2 ** logN, r, p }, key);
  },
};
