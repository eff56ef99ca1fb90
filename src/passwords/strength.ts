import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * zxcvbn only looks at this many UTF-16 units at the start of the password. Its matching cost
 * grows faster than linearly with length (at its default of 256, one check took 0.1 to 3 s on a
 * 2-core machine), while its longest dictionary word is 23 characters and a score of 3 needs
 * 10^8 guesses, which 24 characters of anything but repetition and common words reach. A longer
 * password is judged by its first 24 characters: a weak start is reported as weak even if the
 * rest is good (erring on the safe side); a strong start passes. The blocklist and the username
 * check still see the whole password.
 */
export const strengthCheckedLength = 24;

/**
 * zxcvbn tries up to this many l33t-speak readings of the password (default 100), each a full
 * dictionary pass. 1 scored the same as 100 on the usual disguises ("P4$$w0rd12345",
 * "l3tm31nl3tm31n", "M0nkey!M0nkey!") at a fraction of the cost.
 */
const l33tMaxSubstitutions = 1;

/** Longest user input passed on: longer ones cannot match more of the checked prefix. */
const maxUserInputLength = 64;

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  /** zxcvbn score: 0 too guessable ... 4 very unguessable. */
  score: StrengthScore;
  /** zxcvbn's reason, in English, or null when it has none. */
  warning: string | null;
  /** zxcvbn's advice, in English (may be empty). */
  suggestions: string[];
}

/** zxcvbn's ordered word lists (its Options.wordSequenceNames), used to find "mondaytuesday". */
const WORD_SEQUENCE_LISTS = [
  'cardinalNumbers', 'ordinalNumbers', 'daysOfWeek', 'months', 'seasons', 'timePeriods', 'rainbowColors', 'directions',
  'intermediateDirections', 'sizeProgression', 'militaryAlphabet', 'planets', 'zodiacSigns', 'chineseZodiac',
];

/**
 * zxcvbn matches every substring against every dictionary, twice for the 14 small ordered
 * lists (once as words, once for sequences), so those lists cost more than the 49k-word ones.
 * Concatenated into one list (named so zxcvbn still treats it as a sequence list), they give
 * the same scores on our regression set at about 40% of the cost (3.3 → 1.4 ms per check):
 * ranks stay consecutive within each original list, which is all sequence detection looks at.
 */
export function buildStrengthDictionaries(): Record<string, string[]> {
  const lists: Record<string, string[]> = { ...commonDictionary, ...englishDictionary };
  const isSequenceList = (name: string) => WORD_SEQUENCE_LISTS.some((list) => name === list || name.startsWith(`${list}-`));
  const merged: Record<string, string[]> = {};
  const sequenceWords: string[] = [];
  for (const [name, words] of Object.entries(lists)) {
    if (isSequenceList(name)) sequenceWords.push(...words);
    else merged[name] = words;
  }
  merged['cardinalNumbers-and-other-sequences'] = sequenceWords;
  return merged;
}

let estimator: ZxcvbnFactory | null = null;

function getEstimator(): ZxcvbnFactory {
  // Created once, on first use: ranking the dictionaries takes ~200 ms.
  estimator ??= new ZxcvbnFactory({
    dictionary: buildStrengthDictionaries(),
    graphs: adjacencyGraphs,
    translations,
    maxLength: strengthCheckedLength,
    l33tMaxSubstitutions,
  });
  return estimator;
}

/** Builds the estimator now (at start-up) instead of on the first request. */
export function loadPasswordStrength(): void {
  getEstimator();
}

/**
 * Estimates how guessable a password is with zxcvbn (English and common dictionaries,
 * keyboard graphs). `userInputs` are words an attacker would try for this account (username,
 * email, their parts): they count as very guessable dictionary words.
 * CPU-bound but bounded: only the first `strengthCheckedLength` characters are examined.
 */
export function estimatePasswordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  const inputs = userInputs
    .filter((input) => typeof input === 'string' && input.length > 0)
    .map((input) => input.slice(0, maxUserInputLength));
  const result = getEstimator().check(password, inputs);
  return {
    score: result.score,
    warning: result.feedback.warning || null,
    suggestions: [...result.feedback.suggestions],
  };
}
