import { describe, expect, it } from 'vitest';
import { normalizeUsername } from './normalize-username.js';
import { usernameSchema } from './username-schema.js';

function messagesFor(input: unknown): string[] {
  const result = usernameSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('usernameSchema', () => {
  it('accepts letters of any one script, digits and _ . -', () => {
    for (const name of ['alice', 'Bob_99', 'jean-luc.picard', 'Ωμέγα', 'Вася', 'محمد', '山田taro', 'すずき', '김민준', 'Straße', 'रामा', 'สมชาย']) {
      expect(messagesFor(name), name).toEqual([]);
    }
  });

  it('outputs the NFKC, trimmed form', () => {
    expect(usernameSchema.parse('  ＡＬＩＣＥ ')).toBe('ALICE');
  });

  it('counts length in code points after NFKC: 3 to 32', () => {
    expect(messagesFor('ab')).toEqual(['must be at least 3 characters']);
    expect(messagesFor('a'.repeat(33))).toEqual(['must be at most 32 characters']);
    expect(messagesFor('a'.repeat(32))).toEqual([]);
    // Three astral letters are six UTF-16 units but three characters.
    expect(messagesFor('𝒜𝒷𝒸')).toEqual([]);
    expect(messagesFor('𐐀𐐁𐐂')).toEqual([]);
    expect(messagesFor('𐐀'.repeat(33))).toEqual(['must be at most 32 characters']);
  });

  it('counts length on the case-folded key, so a name cannot carry a key longer than 32', () => {
    // 32 'ß' display as 32 characters but fold to 64 's': the stored, indexed key would be double the bound.
    expect(normalizeUsername('ß'.repeat(32)).key).toHaveLength(64);
    expect(messagesFor('ß'.repeat(32))).toEqual(['must be at most 32 characters']);
    expect(messagesFor('ß'.repeat(17))).toEqual(['must be at most 32 characters']);
    expect(messagesFor('ß'.repeat(16))).toEqual([]);
    expect(messagesFor('ẞ'.repeat(17))).toEqual(['must be at most 32 characters']);
    // 'İ' folds to 'i' plus a combining dot: 17 of them make a 34-code-point key.
    expect(messagesFor('İ'.repeat(17))).toEqual(['must be at most 32 characters']);
  });

  it('counts the minimum on the case-folded key too: "ßß" folds to "ssss"', () => {
    expect(normalizeUsername('ßß').key).toBe('ssss');
    expect(messagesFor('ßß')).toEqual([]);
    expect(messagesFor('ß')).toEqual(['must be at least 3 characters']);
  });

  it('stops at a raw bound before normalizing huge input', () => {
    expect(messagesFor('a'.repeat(100_000))).toEqual(['must be at most 32 characters']);
  });

  it('says "is required" for missing, null and blank values', () => {
    expect(messagesFor(undefined)).toEqual(['is required']);
    expect(messagesFor(null)).toEqual(['is required']);
    expect(messagesFor('   ')).toEqual(['is required']);
  });

  it('rejects non-string types and repeated form fields', () => {
    expect(messagesFor(123)).toEqual(['must be text']);
    expect(messagesFor({ toString: () => 'alice' })).toEqual(['must be text']);
    expect(messagesFor(['alice', 'bob'])).toEqual(['must be a single value']);
  });

  it('rejects characters outside letters, digits and _ . -', () => {
    for (const name of ['al ice', 'alice@example.com', '<script>', "o'neil", 'a/../b', 'bob\u0000', 'bob\u200bby', 'emoji😀x', 'tab\tx']) {
      expect(messagesFor(name), JSON.stringify(name)).toContain('may only contain letters, digits and the characters _ . -');
    }
  });

  it('rejects names starting or ending with punctuation', () => {
    for (const name of ['.hidden', 'bob.', '_x_', '-dash', '...']) {
      expect(messagesFor(name), name).toContain('must start and end with a letter or a digit');
    }
  });

  it('rejects mixed-script look-alikes (Cyrillic а inside a Latin name)', () => {
    expect(messagesFor('p\u0430ypal')).toEqual(['must not mix letters from different alphabets (for example Latin and Cyrillic)']);
    expect(messagesFor('\u03bfscar')).toContain('must not mix letters from different alphabets (for example Latin and Cyrillic)');
  });

  it('reports every problem with one value together', () => {
    expect(messagesFor('.a')).toEqual(['must be at least 3 characters', 'must start and end with a letter or a digit']);
  });
});
