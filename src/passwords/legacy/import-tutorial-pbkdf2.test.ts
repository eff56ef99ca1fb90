import { describe, expect, it } from 'vitest';
import { importTutorialPbkdf2 } from './import-tutorial-pbkdf2.js';

const saltHex = 'AB'.repeat(32);
const keyHex = '0f'.repeat(32);

describe('importTutorialPbkdf2', () => {
  it('joins the two hex columns into pbkdf2-sha256-hex$<iterations>$<salt>$<key>, lowercase', () => {
    expect(importTutorialPbkdf2(saltHex, keyHex)).toBe(`pbkdf2-sha256-hex$100000$${'ab'.repeat(32)}$${keyHex}`);
    expect(importTutorialPbkdf2(saltHex, keyHex, 260000)).toBe(`pbkdf2-sha256-hex$260000$${'ab'.repeat(32)}$${keyHex}`);
  });

  it('throws TypeError for columns that cannot be such a record', () => {
    expect(() => importTutorialPbkdf2('abc', keyHex)).toThrow(TypeError);
    expect(() => importTutorialPbkdf2('', keyHex)).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(saltHex, 'zz'.repeat(32))).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(saltHex, '00'.repeat(8))).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(`${saltHex}$1`, keyHex)).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(saltHex, keyHex, 0)).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(saltHex, keyHex, 1.5)).toThrow(TypeError);
    expect(() => importTutorialPbkdf2(saltHex, keyHex, 20_000_000)).toThrow(TypeError);
  });

  it('refuses to write a row that verification would refuse: iterations x 32-byte key blocks over 3,000,000', () => {
    expect(importTutorialPbkdf2(saltHex, keyHex, 3_000_000)).toMatch(/^pbkdf2-sha256-hex\$3000000\$/);
    expect(() => importTutorialPbkdf2(saltHex, keyHex, 3_000_001)).toThrow(TypeError);
    // A 64-byte key costs the iterations twice.
    expect(importTutorialPbkdf2(saltHex, '0f'.repeat(64), 1_500_000)).toMatch(/^pbkdf2-sha256-hex\$1500000\$/);
    expect(() => importTutorialPbkdf2(saltHex, '0f'.repeat(64), 1_500_001)).toThrow(TypeError);
  });
});
