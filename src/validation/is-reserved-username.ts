import { normalizeUsername } from './normalize-username.js';
import { RESERVED_USERNAMES } from './reserved-usernames.js';

const SEPARATOR = /^[_.-]$/;
const COMBINING_MARK = /^\p{M}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * True when the name is one of RESERVED_USERNAMES once the usual impersonation tricks are undone:
 * case and width (NFKC and case folding, as for the lookup key: `ADMIN`, `ａｄｍｉｎ`), the
 * separators `_ . -` anywhere (`a-d-m-i-n`, `ad.min`), accents and other combining marks
 * (`ädmin`, `a̴d̴m̴i̴n̴`) and trailing digits of any script (`admin1`, `root_2`, `ａｄｍｉｎ１`).
 * A reserved name with anything else around it (`admin-team`, `1admin`) is not reserved.
 * Look-alike letters from another script are the single-script rule's job, not this one's.
 * Only registration asks: an account that already holds such a name still signs in.
 */
export function isReservedUsername(value: string): boolean {
  if (typeof value !== 'string') throw new TypeError('isReservedUsername expects a string');
  // NFD splits precomposed letters such as 'ä' into a base letter and a mark to drop.
  const kept: string[] = [];
  for (const character of normalizeUsername(value).key.normalize('NFD')) {
    if (!SEPARATOR.test(character) && !COMBINING_MARK.test(character)) kept.push(character);
  }
  // A loop rather than /\p{Nd}+$/, whose backtracking is quadratic on a long run of digits.
  let end = kept.length;
  while (end > 0 && DECIMAL_DIGIT.test(kept[end - 1] ?? '')) end -= 1;
  return RESERVED_USERNAMES.has(kept.slice(0, end).join(''));
}
