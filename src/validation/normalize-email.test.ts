import { describe, expect, it } from 'vitest';
import { emailSchema } from './email-schema.js';
import { normalizeEmail } from './normalize-email.js';

function messagesFor(input: unknown): string[] {
  const result = emailSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('normalizeEmail', () => {
  it('trims, keeps the case for sending and lower-cases the whole address for the key', () => {
    expect(normalizeEmail('  Alice.Smith+news@Example.COM ')).toEqual({ address: 'Alice.Smith+news@Example.COM', key: 'alice.smith+news@example.com' });
  });

  it('applies NFKC, so fullwidth input reaches the same key', () => {
    expect(normalizeEmail('ＡＬＩＣＥ＠ｅｘａｍｐｌｅ.ｃｏｍ').key).toBe('alice@example.com');
  });

  it('throws TypeError on a non-string', () => {
    expect(() => normalizeEmail(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('emailSchema', () => {
  it('accepts ordinary addresses and outputs them trimmed', () => {
    expect(emailSchema.parse(' bob@example.com ')).toBe('bob@example.com');
    expect(messagesFor('o.neil+tag@mail.example.co.uk')).toEqual([]);
    expect(messagesFor('user@xn--bcher-kva.example')).toEqual([]);
  });

  it('rejects malformed addresses with a message a person can act on', () => {
    for (const value of ['plainaddress', 'a@b', '@example.com', 'a@@example.com', 'a b@example.com', 'a@example..com', 'a@-example.com', '"a"@example.com', 'a@exam\nple.com', 'a@example.com>\r\nBcc: x@y.z']) {
      expect(messagesFor(value), JSON.stringify(value)).toEqual(['must be a valid email address, like name@example.com']);
    }
  });

  it('bounds the whole address to 254 and the local part to 64 characters', () => {
    const longDomain = `${'d'.repeat(60)}.`.repeat(5) + 'com';
    expect(messagesFor(`a@${longDomain}`)).toEqual(['must be at most 254 characters']);
    expect(messagesFor(`${'l'.repeat(65)}@example.com`)).toEqual(['must have at most 64 characters before the @']);
    expect(messagesFor(`${'l'.repeat(64)}@example.com`)).toEqual([]);
    expect(messagesFor('a'.repeat(1_000_000))).toEqual(['must be at most 254 characters']);
  });

  it('says "is required" for missing or blank values and rejects other types', () => {
    expect(messagesFor(undefined)).toEqual(['is required']);
    expect(messagesFor(' ')).toEqual(['is required']);
    expect(messagesFor(false)).toEqual(['must be text']);
    expect(messagesFor(['a@b.com', 'c@d.com'])).toEqual(['must be a single value']);
  });
});
