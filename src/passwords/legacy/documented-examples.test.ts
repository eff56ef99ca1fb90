import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identifyHashScheme } from './identify-hash-scheme.js';
import { findLegacyHashScheme } from './legacy-hash-schemes.js';
import { verifyArgon2 } from '../argon2id.js';

/**
 * docs/passwords-hashing.md promises that every example hash in its table verifies: an operator
 * importing users copies these forms, so a doc example that stopped verifying would send them
 * down a wrong path. The table is read as published.
 */
const doc = readFileSync(new URL('../../../docs/passwords-hashing.md', import.meta.url), 'utf8');
const table = doc.slice(doc.indexOf('## Imported (legacy) hashes that verify'), doc.indexOf('Not accepted:'));
const examples = table
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| scheme name'))
  .map((line) => {
    const cells = line.split(' | ');
    const example = /`([^`]+)`/.exec(cells.at(-1) ?? '')?.[1];
    if (example === undefined) throw new Error(`no example in row: ${line}`);
    return example;
  });

/** The passwords the doc states for its examples. */
function documentedPasswordOf(example: string): string {
  if (example.startsWith('$argon2i$') || example.startsWith('$scrypt$')) return 'password';
  if (example.startsWith('$2')) return 'rasmuslerdorf';
  return 'correct horse';
}

function verify(stored: string, password: string): boolean | null {
  const bytes = Buffer.from(password, 'utf8');
  if (stored.startsWith('$argon2')) return verifyArgon2(stored, bytes);
  return findLegacyHashScheme(stored)?.verify(stored, bytes) ?? null;
}

describe('the example hashes in docs/passwords-hashing.md', () => {
  it('lists one example per row of the table', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples)('%s verifies for its documented password and for no other', (example) => {
    expect(identifyHashScheme(example)).not.toBeNull();
    const password = documentedPasswordOf(example);
    expect(verify(example, password)).toBe(true);
    expect(verify(example, `${password}!`)).toBe(false);
    expect(verify(example, password.toUpperCase())).toBe(false);
  });
});
