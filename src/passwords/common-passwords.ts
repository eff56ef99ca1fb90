import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dictionary } from '@zxcvbn-ts/language-common';
import { foldForComparison } from './fold-for-comparison.js';

/**
 * The built-in blocklist is the password list @zxcvbn-ts/language-common ships (about 49,000 of
 * the most common passwords from breach corpora, ranked). It comes with the strength estimator
 * we already depend on, so there is no second copy to keep up to date, and no list is vendored
 * into this repository. Deployments add their own with PASSWORD_BLOCKLIST_FILE.
 */
let builtIn: ReadonlySet<string> | null = null;

/** Extra lists are normalized once per list object and reused while that object lives. */
const extraCache = new WeakMap<object, ReadonlySet<string>>();

/** The key both sides are compared by: NFKC, then case folded as login keys are, so 'STRASSE' matches a listed 'straße'. */
function toBlocklistKey(entry: string): string {
  return foldForComparison(entry);
}

function buildSet(entries: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new TypeError('blocklist entries must be strings');
    const key = toBlocklistKey(entry);
    if (key.length > 0) set.add(key);
  }
  return set;
}

function builtInBlocklist(): ReadonlySet<string> {
  // Built on first use: 49k normalizations cost tens of milliseconds, not worth paying at import.
  builtIn ??= buildSet(dictionary['passwords-common']);
  return builtIn;
}

/** Builds the built-in list (and `extraBlocklist`'s, when given) now, at start-up, instead of on the first check. */
export function loadCommonPasswords(extraBlocklist?: Iterable<string>): void {
  builtInBlocklist();
  if (extraBlocklist !== undefined) extraBlocklistSet(extraBlocklist);
}

function extraBlocklistSet(extra: Iterable<string>): ReadonlySet<string> {
  const cached = extraCache.get(extra);
  if (cached) return cached;
  const set = buildSet(extra);
  extraCache.set(extra, set);
  return set;
}

/**
 * True when the whole password, compared case-insensitively after NFKC, is on the built-in list
 * or on `extraBlocklist`. Pass the same list object every time (it is normalized once and
 * cached by identity, so do not mutate it afterwards).
 */
export function isCommonPassword(password: string, extraBlocklist?: Iterable<string>): boolean {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  const key = toBlocklistKey(password);
  if (builtInBlocklist().has(key)) return true;
  return extraBlocklist !== undefined && extraBlocklistSet(extraBlocklist).has(key);
}

function assertPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError('path must be a non-empty string');
}

function parseBlocklist(text: string): readonly string[] {
  const entries = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  return Object.freeze(entries);
}

/**
 * Reads a blocklist file: UTF-8, one password a line (LF or CRLF). Blank lines are skipped.
 * Lines are kept as they are otherwise, spaces included, since a password may start or end with
 * one; there is no comment syntax because "#1password" is a password too.
 * Returns a frozen array, meant to be passed as `extraBlocklist` for the life of the process.
 */
export async function readBlocklistFile(path: string): Promise<readonly string[]> {
  assertPath(path);
  return parseBlocklist(await readFile(path, 'utf8'));
}

/**
 * readBlocklistFile, blocking. Only for the password worker threads, which read the file once
 * as they start and have nothing else to do meanwhile; never call it on the event loop.
 */
export function readBlocklistFileSync(path: string): readonly string[] {
  assertPath(path);
  return parseBlocklist(readFileSync(path, 'utf8'));
}
