import { describe, expect, it } from 'vitest';
import { countCodePoints, normalizePassword } from './normalize-password.js';

describe('normalizePassword', () => {
  it('maps precomposed and decomposed accents to the same string, so both hash alike', () => {
    expect(normalizePassword('caf\u00e9-s\u00fcd')).toBe(normalizePassword('cafe\u0301-su\u0308d'));
  });

  it('folds compatibility forms (fullwidth from an IME, ligatures) to their plain letters', () => {
    expect(normalizePassword('\uff30\uff41\uff53\uff53\uff57\uff4f\uff52\uff44')).toBe('Password');
    expect(normalizePassword('\ufb03')).toBe('ffi');
  });

  it('leaves case alone: case still matters to the hash', () => {
    expect(normalizePassword('CorrectHorse')).toBe('CorrectHorse');
  });

  it('throws TypeError for a non-string (programmer error)', () => {
    expect(() => normalizePassword(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('countCodePoints', () => {
  it('counts a surrogate pair (emoji) once, unlike String#length', () => {
    const lock = '\u{1F512}';
    expect(lock.length).toBe(2);
    expect(countCodePoints(lock.repeat(5))).toBe(5);
  });

  it('counts combining marks separately before normalization and not after', () => {
    const decomposed = 'e\u0301'.repeat(4);
    expect(countCodePoints(decomposed)).toBe(8);
    expect(countCodePoints(normalizePassword(decomposed))).toBe(4);
  });
});
