import { countCodePoints } from './count-code-points.js';
import { EMAIL_MAX_LENGTH } from './email-schema.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizeUsername } from './normalize-username.js';

/** Longest identifier accepted at login: an email address can be 254 characters. */
export const LOGIN_IDENTIFIER_MAX_LENGTH = EMAIL_MAX_LENGTH;

/**
 * The account key for what was typed in the login "username" box: an email key when it has an
 * '@' (usernames never do), else a username key. The result matches the `key` stored at
 * registration, so one lookup finds either. Validate with `loginBody` first: longer input than
 * LOGIN_IDENTIFIER_MAX_LENGTH code points (after trimming; counted as `loginBody` counts them) is a
 * programming error.
 */
export function normalizeLoginIdentifier(raw: string): string {
  if (typeof raw !== 'string') throw new TypeError('normalizeLoginIdentifier expects a string');
  const trimmed = raw.trim();
  if (countCodePoints(trimmed) > LOGIN_IDENTIFIER_MAX_LENGTH) {
    throw new TypeError(`login identifier longer than ${LOGIN_IDENTIFIER_MAX_LENGTH} characters: validate with loginBody first`);
  }
  // NFKC first: a fullwidth '＠' is an '@' too.
  return trimmed.normalize('NFKC').includes('@') ? normalizeEmail(trimmed).key : normalizeUsername(trimmed).key;
}
