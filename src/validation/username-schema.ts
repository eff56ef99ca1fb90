import type * as z from 'zod';
import { countCodePoints } from './count-code-points.js';
import { hasOnlyUsernameCharacters } from './has-only-username-characters.js';
import { isSingleScript } from './is-single-script.js';
import { normalizeUsername } from './normalize-username.js';
import { textField } from './text-field.js';

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
/** Bound on the raw input (UTF-16 units) before NFKC runs, so normalization work stays small. */
const USERNAME_RAW_MAX_LENGTH = 256;

const STARTS_WITH_LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]/u;
const ENDS_WITH_LETTER_OR_DIGIT = /[\p{L}\p{Nd}]\p{M}*$/u;
const TOO_LONG = `must be at most ${USERNAME_MAX_LENGTH} characters`;

/**
 * The length bounds apply to the lookup key, not the display form: case folding changes the
 * length ('ß' becomes 'ss', 'İ' gains a combining dot), and the key is what is stored, indexed
 * and compared. Counting the display form let a 32-character name carry a 64-character key and
 * refused names whose key is long enough.
 */
function countKeyCodePoints(display: string): number {
  return countCodePoints(normalizeUsername(display).key);
}

/**
 * Usernames: NFKC, trimmed, 3 to 32 code points after case folding, of letters (any script,
 * with up to three combining marks each), decimal digits and `_ . -`, starting and ending with
 * a letter or digit, without mixing look-alike scripts.
 * Output is the NFKC display form; `normalizeUsername(output).key` is the lookup key.
 * No '@' is allowed, so a username can never be mistaken for an email address at login.
 */
export const usernameSchema: z.ZodString = textField()
  .max(USERNAME_RAW_MAX_LENGTH, { error: TOO_LONG, abort: true })
  .overwrite((value) => value.normalize('NFKC').trim())
  .min(1, { error: 'is required', abort: true })
  .refine((value) => countKeyCodePoints(value) >= USERNAME_MIN_LENGTH, { error: `must be at least ${USERNAME_MIN_LENGTH} characters` })
  .refine((value) => countKeyCodePoints(value) <= USERNAME_MAX_LENGTH, { error: TOO_LONG })
  .refine((value) => hasOnlyUsernameCharacters(value), { error: 'may only contain letters, digits and the characters _ . -' })
  .refine((value) => STARTS_WITH_LETTER_OR_DIGIT.test(value) && ENDS_WITH_LETTER_OR_DIGIT.test(value), { error: 'must start and end with a letter or a digit' })
  .refine((value) => isSingleScript(value), { error: 'must not mix letters from different alphabets (for example Latin and Cyrillic)' });
