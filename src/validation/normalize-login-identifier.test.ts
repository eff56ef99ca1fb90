import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './normalize-email.js';
import { normalizeLoginIdentifier } from './normalize-login-identifier.js';
import { normalizeUsername } from './normalize-username.js';

describe('normalizeLoginIdentifier', () => {
  it('gives the registered username key for a username typed in any case or width', () => {
    const key = normalizeUsername('Alice').key;
    expect(normalizeLoginIdentifier('alice')).toBe(key);
    expect(normalizeLoginIdentifier(' ALICE ')).toBe(key);
    expect(normalizeLoginIdentifier('ＡＬＩＣＥ')).toBe(key);
  });

  it('gives the registered email key for an address, including a fullwidth @', () => {
    const key = normalizeEmail('Alice@Example.com').key;
    expect(normalizeLoginIdentifier('ALICE@example.COM')).toBe(key);
    expect(normalizeLoginIdentifier('alice＠example.com')).toBe(key);
  });

  it('folds ß in usernames but not in email keys', () => {
    expect(normalizeLoginIdentifier('STRASSE')).toBe(normalizeLoginIdentifier('straße'));
  });

  it('throws TypeError for input over 254 characters (validate with loginBody first)', () => {
    expect(normalizeLoginIdentifier('a'.repeat(254))).toBe('a'.repeat(254));
    expect(() => normalizeLoginIdentifier('a'.repeat(255))).toThrow(TypeError);
    expect(() => normalizeLoginIdentifier(null as unknown as string)).toThrow(TypeError);
  });
});
