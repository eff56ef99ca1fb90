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
});
