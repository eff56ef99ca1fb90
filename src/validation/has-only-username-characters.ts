const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
const DIGIT_OR_PUNCTUATION = /^[\p{Nd}_.-]$/u;
/** Real words need at most a few combining marks on one letter; more is "Zalgo" text. */
const MAX_MARKS_PER_LETTER = 3;

/**
 * True when the value has only letters (any script), decimal digits and `_ . -`, plus
 * combining marks placed on a letter (scripts such as Devanagari or Thai need them even after
 * NFKC), at most three per letter.
 */
export function hasOnlyUsernameCharacters(value: string): boolean {
  let marksAllowed = 0;
  for (const character of value) {
    if (LETTER.test(character)) {
      marksAllowed = MAX_MARKS_PER_LETTER;
    } else if (MARK.test(character) && marksAllowed > 0) {
      marksAllowed -= 1;
    } else if (DIGIT_OR_PUNCTUATION.test(character)) {
      marksAllowed = 0;
    } else {
      return false;
    }
  }
  return true;
}
