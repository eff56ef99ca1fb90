import { describe, expect, it } from 'vitest';
import { hasOnlyUsernameCharacters } from './has-only-username-characters.js';

describe('hasOnlyUsernameCharacters', () => {
  it('accepts letters of any script, digits and _ . -', () => {
    expect(hasOnlyUsernameCharacters('jean-luc.picard_2')).toBe(true);
    expect(hasOnlyUsernameCharacters('Ελένη')).toBe(true);
  });

  it('accepts the combining marks that Indic and Thai names need', () => {
    expect(hasOnlyUsernameCharacters('राम')).toBe(true); // र + ा (vowel sign) + म
    expect(hasOnlyUsernameCharacters('க்ஷேத்ரா')).toBe(true);
    expect(hasOnlyUsernameCharacters('สมชาย')).toBe(true);
  });

  it('rejects marks with no letter to sit on, and Zalgo stacks', () => {
    expect(hasOnlyUsernameCharacters('\u0301abc')).toBe(false);
    expect(hasOnlyUsernameCharacters('1\u0301')).toBe(false);
    expect(hasOnlyUsernameCharacters('z\u0301\u0302\u0303')).toBe(true);
    expect(hasOnlyUsernameCharacters('z\u0301\u0302\u0303\u0304')).toBe(false);
  });

  it('rejects spaces, symbols, controls, invisible characters and emoji', () => {
    for (const value of ['a b', 'a@b', 'a<b', 'a\u0000', 'a\u200db', 'a\u202eb', 'a😀', 'a\u00adb', 'a/b', 'a\\b', "a'b", 'a"b']) {
      expect(hasOnlyUsernameCharacters(value), JSON.stringify(value)).toBe(false);
    }
  });
});
