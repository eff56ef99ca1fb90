import type { PasswordPolicyOptions } from './types.js';
import { foldForComparison } from './fold-for-comparison.js';
import { isCommonPassword, loadCommonPasswords } from './common-passwords.js';
import { countCodePoints, normalizePassword } from './normalize-password.js';
import { estimatePasswordStrength, loadPasswordStrength } from './strength.js';

/** NIST SP 800-63B-4 / OWASP ASVS 5 defaults: length, blocklist and strength; no composition, no expiry. */
export const defaultPasswordPolicyOptions: Readonly<PasswordPolicyOptions> = Object.freeze({
  minLength: 12,
  maxLength: 256,
  minScore: 3,
  requiredCharacterClasses: 0,
  maxAgeDays: 0,
  historySize: 0,
});

export interface PasswordPolicyCheckOptions extends PasswordPolicyOptions {
  /** Passwords refused on top of the built-in list (whole password, case-insensitive, after NFKC). Pass the same object each time: it is normalized once. */
  extraBlocklist?: Iterable<string>;
}

/** What an attacker targeting this account would try first. */
export interface PasswordPolicyContext {
  username?: string;
  email?: string;
}

export type PasswordPolicyResult = { ok: true } | { ok: false; errors: string[] };

/**
 * Username and email fragments shorter than this are not looked for inside the password: a
 * two-letter username would refuse half the dictionary. zxcvbn still weighs them as user inputs.
 */
const minFragmentLength = 3;

/**
 * Raw input longer than this many UTF-16 units per allowed character is refused as too long
 * before normalizing: NFKC composes at most a handful of units into one code point, so such a
 * string cannot come under maxLength, and we do not spend time on megabytes of it.
 */
const rawUnitsPerCodePoint = 16;

const loneSurrogate = /\p{Cs}/u;
const notLetterOrDigit = /[^\p{L}\p{N}]+/gu;

const characterClasses: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'lowercase letters', pattern: /\p{Ll}/u },
  { name: 'uppercase letters', pattern: /[\p{Lu}\p{Lt}]/u },
  { name: 'digits', pattern: /\p{N}/u },
  // Anything that is neither a letter nor a digit: punctuation, symbols, spaces.
  { name: 'symbols', pattern: /[^\p{L}\p{N}]/u },
];

function assertInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`);
  }
}

/** Throws TypeError unless the options are usable, so a pool can refuse them before any thread starts. */
export function assertPasswordPolicyOptions(options: PasswordPolicyOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  assertInteger('minLength', options.minLength, 1, Number.MAX_SAFE_INTEGER);
  assertInteger('maxLength', options.maxLength, options.minLength, Number.MAX_SAFE_INTEGER);
  assertInteger('minScore', options.minScore, 0, 4);
  assertInteger('requiredCharacterClasses', options.requiredCharacterClasses, 0, characterClasses.length);
}

function assertContext(context: PasswordPolicyContext): void {
  if (typeof context !== 'object' || context === null) throw new TypeError('context must be an object');
  for (const key of ['username', 'email'] as const) {
    const value = context[key];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`context.${key} must be a string`);
  }
}

function foldSeparators(text: string): string {
  return text.replace(notLetterOrDigit, '');
}

/** The email's local part, and that part without a "+tag" sub-address. */
function emailLocalParts(email: string): string[] {
  const at = email.lastIndexOf('@');
  const local = at === -1 ? email : email.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? [local, local.slice(0, plus)] : [local];
}

/**
 * True when `fragment` appears in the password, either as typed or with separators ignored on
 * both sides ("alexander_w" is found in "Alexander-W-2024..."). Both are already comparable.
 */
function containsFragment(password: string, foldedPassword: string, fragment: string): boolean {
  if (countCodePoints(fragment) < minFragmentLength) return false;
  if (password.includes(fragment)) return true;
  const folded = foldSeparators(fragment);
  return countCodePoints(folded) >= minFragmentLength && foldedPassword.includes(folded);
}

/**
 * Words zxcvbn should treat as the first guesses for this account. zxcvbn only lower-cases the
 * password, so each word goes in lower-cased and then folded: 'Straße' in a password matches
 * 'straße', 'STRASSE' matches 'strasse'. Lower-cased first, so ASCII words keep their ranks.
 */
function userInputsOf(username: string, email: string): string[] {
  const inputs = new Set<string>();
  for (const toForm of [(text: string) => text.normalize('NFKC').toLowerCase(), foldForComparison]) {
    const formOfEmail = toForm(email);
    const localParts = formOfEmail.length > 0 ? emailLocalParts(formOfEmail) : [];
    for (const value of [toForm(username), formOfEmail, ...localParts]) {
      if (value.length === 0) continue;
      inputs.add(value);
      for (const token of value.split(notLetterOrDigit)) {
        if (countCodePoints(token) >= minFragmentLength) inputs.add(token);
      }
    }
  }
  return [...inputs];
}

function countCharacterClasses(password: string): number {
  return characterClasses.filter(({ pattern }) => pattern.test(password)).length;
}

function compositionMessage(required: number): string {
  const names = characterClasses.map(({ name }) => name);
  if (required === names.length) return `Use ${names.slice(0, -1).join(', ')} and ${names.at(-1)}.`;
  return `Use at least ${required} of these kinds of characters: ${names.join(', ')}.`;
}

/**
 * Checks a new password against the policy and reports every rule it breaks at once, as
 * messages a person can act on. The password is judged in its NFKC form: hash
 * `normalizePassword(password)` when it passes. History (reuse of old passwords) needs the
 * hasher and is checked by the use case, not here.
 */
export function checkPasswordPolicy(
  password: string,
  context: PasswordPolicyContext,
  options: PasswordPolicyCheckOptions,
): PasswordPolicyResult {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  assertContext(context);
  assertPasswordPolicyOptions(options);

  const tooLong = `Use at most ${options.maxLength} characters.`;
  // 0. Absurdly long input: refuse before normalizing or estimating anything.
  if (password.length > options.maxLength * rawUnitsPerCodePoint) return { ok: false, errors: [tooLong] };

  const errors: string[] = [];
  const normalized = normalizePassword(password);
  const length = countCodePoints(normalized);

  // 1. Lone surrogates have no UTF-8 form, so the password could not be hashed as typed.
  if (loneSurrogate.test(normalized)) errors.push('This password contains a character that cannot be used. Remove it and try again.');

  // 2. Length in code points after NFKC (SP 800-63B-4 3.1.1.2: at least 15 for a sole factor, 8 with MFA; ASVS 5: 12).
  if (length < options.minLength) {
    errors.push(`Use at least ${options.minLength} characters (this password has ${length}).`);
  }
  if (length > options.maxLength) errors.push(tooLong);

  // 3. Blocklist of common passwords, whole password, case-insensitive.
  if (isCommonPassword(normalized, options.extraBlocklist)) errors.push('This is one of the most commonly used passwords. Choose one that is harder to guess.');

  // 4. Context-specific words: the username and the email's local part, case folded.
  const comparable = foldForComparison(normalized);
  const foldedPassword = foldSeparators(comparable);
  const username = foldForComparison(context.username ?? '');
  const email = foldForComparison(context.email ?? '');
  const localParts = email.length > 0 ? emailLocalParts(email) : [];
  if (containsFragment(comparable, foldedPassword, username)) {
    errors.push('Do not include your username in your password.');
  }
  if (localParts.some((part) => containsFragment(comparable, foldedPassword, part))) {
    errors.push('Do not include your email address, or the part before the @, in your password.');
  }

  // 5. Composition, only when configured (SP 800-63B-4 says verifiers should not impose it).
  if (options.requiredCharacterClasses > 0 && countCharacterClasses(normalized) < options.requiredCharacterClasses) {
    errors.push(compositionMessage(options.requiredCharacterClasses));
  }

  // 6. Estimated guessability, for blocklisted passwords too: every broken rule is reported,
  //    with zxcvbn's advice on what to do instead.
  if (options.minScore > 0) {
    const strength = estimatePasswordStrength(normalized, userInputsOf(context.username ?? '', context.email ?? ''));
    if (strength.score < options.minScore) {
      errors.push(strength.warning ? `This password is too easy to guess: ${strength.warning}` : 'This password is too easy to guess.');
      errors.push(...strength.suggestions);
    }
  }

  const unique = [...new Set(errors)];
  return unique.length === 0 ? { ok: true } : { ok: false, errors: unique };
}

/**
 * Builds the blocklist (with `extraBlocklist`, when given: pass the same object to every check)
 * and the strength estimator now, at start-up, not on the first request. Each password worker
 * thread does this once as it starts.
 */
export function loadPasswordPolicy(extraBlocklist?: Iterable<string>): void {
  loadCommonPasswords(extraBlocklist);
  loadPasswordStrength();
}

const dayMs = 86_400_000;

/**
 * True when a password set at `passwordChangedAt` (ms since the epoch) is older than
 * `maxAgeDays` at `now` (ms since the epoch). 0 days means passwords never expire, the default:
 * SP 800-63B-4 says not to force periodic changes, only on evidence of compromise.
 */
export function isPasswordExpired(passwordChangedAt: number, now: number, maxAgeDays: number): boolean {
  if (!Number.isFinite(passwordChangedAt) || !Number.isFinite(now)) {
    throw new TypeError('passwordChangedAt and now must be finite numbers of milliseconds');
  }
  assertInteger('maxAgeDays', maxAgeDays, 0, Number.MAX_SAFE_INTEGER);
  if (maxAgeDays === 0) return false;
  return now - passwordChangedAt >= maxAgeDays * dayMs;
}
