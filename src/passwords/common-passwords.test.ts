import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, readBlocklistFile, readBlocklistFileSync } from './common-passwords.js';

describe('isCommonPassword', () => {
  it('finds the most common passwords in the built-in list', () => {
    for (const password of ['123456', 'password', 'qwerty', 'abc123', 'letmein', 'iloveyou', '1q2w3e4r5t6y']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('matches case-insensitively, so capitalizing a common password does not get it past', () => {
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('QwErTy')).toBe(true);
  });

  it('matches after NFKC, so fullwidth characters do not get a common password past', () => {
    expect(isCommonPassword('\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44')).toBe(true);
  });

  it('matches the whole password only', () => {
    expect(isCommonPassword('password-glacier-marmot')).toBe(false);
    expect(isCommonPassword('vK3#p9Lq!zR2')).toBe(false);
  });

  it('refuses entries of an extra list, case-insensitively and after NFKC', () => {
    const extra = ['Bulwark2024!', 'ｃｏｍｐａｎｙｎａｍｅ'];
    expect(isCommonPassword('bulwark2024!', extra)).toBe(true);
    expect(isCommonPassword('CompanyName', extra)).toBe(true);
    expect(isCommonPassword('Bulwark2025!', extra)).toBe(false);
    // The built-in list still applies alongside an extra one.
    expect(isCommonPassword('123456', extra)).toBe(true);
  });

  it('case folds like login keys, so ß and ss, or a final sigma, do not get a listed password past', () => {
    const extra = ['Großstadtliebe', 'Οδυσσευς2024'];
    expect(isCommonPassword('GROSSSTADTLIEBE', extra)).toBe(true);
    expect(isCommonPassword('grossstadtliebe', extra)).toBe(true);
    expect(isCommonPassword('ΟΔΥΣΣΕΥΣ2024', extra)).toBe(true);
  });

  it('throws TypeError for a non-string entry in an extra list', () => {
    expect(() => isCommonPassword('anything-at-all', [42 as unknown as string])).toThrow(TypeError);
  });
});

describe('readBlocklistFile', () => {
  it('reads one password a line, LF or CRLF, skipping blank lines and a BOM, keeping spaces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-blocklist-'));
    try {
      const path = join(dir, 'blocklist.txt');
      await writeFile(path, '\uFEFFacme-rocket-2024\r\n\r\n#1password\n  padded \nlast', 'utf8');
      const entries = await readBlocklistFile(path);
      expect(entries).toEqual(['acme-rocket-2024', '#1password', '  padded ', 'last']);
      // The workers' blocking read parses the same way.
      expect(readBlocklistFileSync(path)).toEqual(entries);
      expect(Object.isFrozen(entries)).toBe(true);
      expect(isCommonPassword('ACME-Rocket-2024', entries)).toBe(true);
      expect(isCommonPassword('#1Password', entries)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects when the file does not exist', async () => {
    await expect(readBlocklistFile(join(tmpdir(), 'bulwark-no-such-blocklist.txt'))).rejects.toThrow();
    expect(() => readBlocklistFileSync(join(tmpdir(), 'bulwark-no-such-blocklist.txt'))).toThrow();
    expect(() => readBlocklistFileSync('')).toThrow(TypeError);
  });
});
