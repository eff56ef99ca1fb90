import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { describe, expect, it } from 'vitest';
import { buildStrengthDictionaries, estimatePasswordStrength, strengthCheckedLength } from './strength.js';

describe('estimatePasswordStrength', () => {
  it('scores common passwords and keyboard walks 0 or 1, with a reason', () => {
    for (const password of ['password', 'qwertyuiop', 'Password123!', 'iloveyou1234']) {
      const strength = estimatePasswordStrength(password);
      expect(strength.score, password).toBeLessThanOrEqual(1);
      expect(strength.warning, password).toEqual(expect.any(String));
    }
  });

  it('sees through l33t-speak disguises', () => {
    expect(estimatePasswordStrength('P4$$w0rd12345').score).toBeLessThan(3);
    expect(estimatePasswordStrength('l3tm31nl3tm31n').score).toBeLessThan(3);
  });

  it('scores a passphrase of uncommon words and a random string 4', () => {
    expect(estimatePasswordStrength('gravel ocean tundra mitten').score).toBe(4);
    expect(estimatePasswordStrength('xK9#mP2$vL5@nQ8&').score).toBe(4);
  });

  it('treats user inputs as very guessable words: a password built from them scores low', () => {
    const password = 'PlinkettQuorvath';
    expect(estimatePasswordStrength(password).score).toBe(4);
    const withInputs = estimatePasswordStrength(password, ['quorvath.plinkett@example.com', 'quorvath', 'plinkett']);
    expect(withInputs.score).toBeLessThan(3);
    expect(withInputs.warning).toMatch(/personal/i);
  });

  it('gives English feedback (translations loaded, not raw keys)', () => {
    const strength = estimatePasswordStrength('aaaaaaaaaaaa');
    expect(strength.warning).toMatch(/repeated/i);
    expect(strength.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of strength.suggestions) expect(suggestion).toMatch(/\s/);
  });

  it(`judges only the first ${strengthCheckedLength} characters, so a 256-character input stays cheap`, () => {
    const strongStart = 'xK9#mP2$vL5@nQ8&Zr4!Tw7%';
    expect(strongStart.length).toBe(strengthCheckedLength);
    // A strong start passes whatever follows...
    expect(estimatePasswordStrength(strongStart + 'a'.repeat(232)).score).toBe(4);
    // ...and a weak start fails whatever follows (the safe side of the cut).
    expect(estimatePasswordStrength('a'.repeat(strengthCheckedLength) + strongStart).score).toBeLessThan(3);
  });

  it('throws TypeError for a non-string password', () => {
    expect(() => estimatePasswordStrength(null as unknown as string)).toThrow(TypeError);
  });
});

describe('merged word-sequence lists', () => {
  it('score exactly as zxcvbn does with its separate lists', () => {
    const settings = { graphs: common.adjacencyGraphs, translations: english.translations, maxLength: strengthCheckedLength, l33tMaxSubstitutions: 1 };
    const separate = new ZxcvbnFactory({ ...settings, dictionary: { ...common.dictionary, ...english.dictionary } });
    const merged = new ZxcvbnFactory({ ...settings, dictionary: buildStrengthDictionaries() });
    const samples = [
      'correct horse battery staple 42', 'mondaytuesday2024', 'summerwinterspring', 'onetwothreefour', 'januaryfebruarymarch',
      'redorangeyellowgreen', 'alphabravocharlie1', 'mercuryvenusearth', 'northsoutheastwest9', 'firstsecondthird',
      'P4$$w0rd12345', 'tjmj72hd!kq0', 'ilovemydog2024!', 'Tr0ub4dor&3horse', 'sundaymonday', 'aries taurus gemini',
    ];
    for (const sample of samples) {
      expect(merged.check(sample, ['alice']).score, sample).toBe(separate.check(sample, ['alice']).score);
    }
  });
});
