import { describe, expect, it } from 'vitest';
import { foldCase } from '../validation/fold-case.js';
import { foldForComparison } from './fold-for-comparison.js';

describe('foldForComparison', () => {
  it('folds exactly as login keys are folded, for every code point of the Basic Multilingual Plane', () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `a${String.fromCodePoint(code)}Z`;
      if (foldForComparison(text) !== foldCase(text.normalize('NFKC')).replaceAll('ς', 'σ')) expect.fail(`U+${code.toString(16)} folds differently`);
    }
  });

  it('makes Straße, STRASSE and STRAẞE one word', () => {
    expect(new Set(['Straße', 'STRASSE', 'STRAẞE', 'ｓｔｒａｓｓｅ'].map(foldForComparison))).toEqual(new Set(['strasse']));
  });

  it('finds a name ending in final sigma inside a longer password', () => {
    expect(foldForComparison('ΟΔΥΣΣΕΥΣkettle')).toContain(foldForComparison('Οδυσσευς'));
  });
});
