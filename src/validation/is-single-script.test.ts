import { describe, expect, it } from 'vitest';
import { isSingleScript } from './is-single-script.js';

describe('isSingleScript', () => {
  it('accepts one script, and digits or punctuation with it', () => {
    expect(isSingleScript('paypal')).toBe(true);
    expect(isSingleScript('Пётр_1990')).toBe(true);
    expect(isSingleScript('ελένη')).toBe(true);
    expect(isSingleScript('2024')).toBe(true);
  });

  it('accepts the combinations used in Japanese, Chinese and Korean names', () => {
    expect(isSingleScript('山田タロウたろう')).toBe(true);
    expect(isSingleScript('yamada山田')).toBe(true);
    expect(isSingleScript('金김')).toBe(true);
    expect(isSingleScript('ㄅ中文')).toBe(true);
  });

  it('rejects Latin mixed with a look-alike script (spoofing attack)', () => {
    expect(isSingleScript('p\u0430ypal')).toBe(false); // Cyrillic а
    expect(isSingleScript('g\u043e\u043egle')).toBe(false); // Cyrillic о
    expect(isSingleScript('\u0391dmin')).toBe(false); // Greek Α
    expect(isSingleScript('Вася\u03b1')).toBe(false); // Cyrillic with Greek
  });

  it('rejects combinations outside the allowed sets', () => {
    expect(isSingleScript('김たろう')).toBe(false); // Hangul with Hiragana
  });
});
