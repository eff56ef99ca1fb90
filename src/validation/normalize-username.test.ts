import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeUsername } from './normalize-username.js';

describe('normalizeUsername', () => {
  it('maps fullwidth look-alikes to the same key as ASCII (homoglyph attack)', () => {
    expect(normalizeUsername('ＡＬＩＣＥ')).toEqual({ display: 'ALICE', key: 'alice' });
    expect(normalizeUsername('Alice').key).toBe(normalizeUsername('ＡＬＩＣＥ').key);
  });

  it('maps compatibility ligatures and exotic spaces through NFKC, then trims', () => {
    expect(normalizeUsername('ﬁsh')).toEqual({ display: 'fish', key: 'fish' });
    expect(normalizeUsername('\u3000bob\u00a0')).toEqual({ display: 'bob', key: 'bob' });
  });

  it('folds case beyond toLowerCase: ß and SS meet', () => {
    expect(normalizeUsername('Straße').key).toBe('strasse');
    expect(normalizeUsername('STRASSE').key).toBe('strasse');
    expect(normalizeUsername('STRAẞE').key).toBe('strasse');
  });

  it('folds Turkish dotless ı onto i, but keeps dotted İ distinct', () => {
    expect(normalizeUsername('ıvan').key).toBe('ivan');
    expect(normalizeUsername('İvan').key).not.toBe('ivan');
    expect(normalizeUsername('İvan').key).toBe(normalizeUsername('i̇van').key);
  });

  it('keeps the case as typed in the display form', () => {
    expect(normalizeUsername('Dave_Smith').display).toBe('Dave_Smith');
  });

  it('gives a key that is its own key (idempotent), for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const { key } = normalizeUsername(raw);
        expect(normalizeUsername(key).key).toBe(key);
      }),
      { numRuns: 20_000 },
    );
  });

  it('throws TypeError on a non-string (programmer misuse)', () => {
    expect(() => normalizeUsername(42 as unknown as string)).toThrow(TypeError);
  });
});
