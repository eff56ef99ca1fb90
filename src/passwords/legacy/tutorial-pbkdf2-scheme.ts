import type { LegacyHashScheme } from './legacy-hash-scheme.js';
import { parseDecimal } from '../phc.js';
import { verifyPbkdf2 } from './derive-pbkdf2.js';

/** Scheme prefix of the import format built by importTutorialPbkdf2. */
export const TUTORIAL_PBKDF2_PREFIX = 'pbkdf2-sha256-hex';

const tutorialPbkdf2Pattern = /^pbkdf2-sha256-hex\$([0-9]{1,10})\$([0-9a-f]{2,256})\$([0-9a-f]{32,128})$/;

/** Matches the import format; salt and key must be whole bytes (an even number of hex digits). */
export function matchTutorialPbkdf2(stored: string): RegExpExecArray | null {
  const match = tutorialPbkdf2Pattern.exec(stored);
  if (match === null || (match[2] ?? '').length % 2 !== 0 || (match[3] ?? '').length % 2 !== 0) return null;
  return match;
}

/**
 * The classic tutorial's PBKDF2 (`hashlib.pbkdf2_hmac('sha256', password.encode(), salt, 100000)`,
 * salt and key kept as hex in two columns), imported as one string:
 * `pbkdf2-sha256-hex$<iterations>$<salt hex>$<key hex>` (see importTutorialPbkdf2).
 * The salt is used as its decoded bytes; the key length is that of the stored key (32 by default).
 */
export const tutorialPbkdf2Scheme: LegacyHashScheme = {
  identify(stored) {
    return matchTutorialPbkdf2(stored) === null ? null : TUTORIAL_PBKDF2_PREFIX;
  },
  verify(stored, password) {
    const match = matchTutorialPbkdf2(stored);
    if (match === null) return null;
    const iterations = parseDecimal(match[1], 1, Number.MAX_SAFE_INTEGER);
    if (iterations === null) return null;
    const salt = Buffer.from(match[2] ?? '', 'hex');
    const key = Buffer.from(match[3] ?? '', 'hex');
    return verifyPbkdf2(password, salt, iterations, 'sha256', key);
  },
};
