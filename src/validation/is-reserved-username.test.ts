import { describe, expect, it } from 'vitest';
import { isReservedUsername } from './is-reserved-username.js';
import { RESERVED_USERNAMES } from './reserved-usernames.js';
import { usernameSchema } from './username-schema.js';

describe('RESERVED_USERNAMES', () => {
  it('holds only lower-case ASCII letters, the form the matcher compares (else an entry could never match)', () => {
    for (const name of RESERVED_USERNAMES) {
      expect(name, name).toMatch(/^[a-z]+$/);
      expect(isReservedUsername(name), name).toBe(true);
    }
  });

  it('covers the RFC 2142 mailboxes, the system senders and the operator roles', () => {
    for (const name of ['postmaster', 'hostmaster', 'webmaster', 'abuse', 'security', 'support', 'info', 'noreply', 'mailerdaemon', 'root', 'admin', 'administrator', 'sysadmin', 'moderator', 'staff', 'bulwark']) {
      expect(RESERVED_USERNAMES.has(name), name).toBe(true);
    }
  });
});

describe('isReservedUsername', () => {
  it('refuses a reserved name in any case or width (NFKC and case folding)', () => {
    for (const name of ['admin', 'Admin', 'ADMIN', 'aDmIn', 'ａｄｍｉｎ', 'ＡＤＭＩＮ', 'ROOT', 'PostMaster']) {
      expect(isReservedUsername(name), name).toBe(true);
    }
  });

  it('refuses a reserved name with the separators _ . - anywhere', () => {
    for (const name of ['Ad.min', 'ad_min', 'a-d-m-i-n', 'a.d.m.i.n', 'admin_', '_admin', 'no-reply', 'no_reply', 'noreply', 'mailer-daemon', 'Mailer.Daemon', 'm.e', 'sys-admin']) {
      expect(isReservedUsername(name), name).toBe(true);
    }
  });

  it('refuses a reserved name followed only by digits and separators', () => {
    for (const name of ['admin1', 'admin01', 'admin2024', 'root_2', 'root.2', 'admin_1_2', 'support-24', 'me123', 'ａｄｍｉｎ１', 'admin٣', 'admin१']) {
      expect(isReservedUsername(name), name).toBe(true);
    }
  });

  it('refuses accented and "Zalgo" spellings of a reserved name (combining marks dropped)', () => {
    for (const name of ['ädmin', 'ÁDMIN', 'rôot', 'a\u0334d\u0334m\u0334i\u0334n\u0334', 'supp\u0301ort', 'İnfo']) {
      expect(isReservedUsername(name), name).toBe(true);
    }
  });

  it('allows names that merely contain or start with a reserved name (documented: exact names only)', () => {
    for (const name of ['admin-team', 'administrator_fan', 'adminx', 'admin1x', '1admin', 'the_admin', 'rootbeer', 'allison', 'megan', 'information', 'helpful', 'stafford', 'systematic', 'support_bot']) {
      expect(isReservedUsername(name), name).toBe(false);
    }
  });

  it('allows ordinary names and names in other scripts', () => {
    for (const name of ['alice', 'Bob_99', 'jean-luc.picard', 'Вася', '山田taro', 'Straße', '123456']) {
      expect(isReservedUsername(name), name).toBe(false);
    }
  });

  it('leaves look-alike letters from another script to the single-script rule', () => {
    // Mixed: Cyrillic 'а' (U+0430) in a Latin name. Not equal to 'admin' here, refused by the schema.
    const mixed = '\u0430dmin';
    expect(isReservedUsername(mixed)).toBe(false);
    expect(usernameSchema.safeParse(mixed).error?.issues.map((issue) => issue.message)).toEqual([
      'must not mix letters from different alphabets (for example Latin and Cyrillic)',
    ]);
    // 'админ' is the Russian word, wholly Cyrillic: a different name, not a look-alike, and allowed.
    expect(isReservedUsername('админ')).toBe(false);
    expect(usernameSchema.safeParse('админ').success).toBe(true);
  });

  it('stays linear on a long run of digits (no regex backtracking)', () => {
    const started = performance.now();
    expect(isReservedUsername(`${'1'.repeat(200_000)}x`)).toBe(false);
    expect(isReservedUsername(`admin${'1'.repeat(200_000)}`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('throws TypeError on a non-string (programmer misuse)', () => {
    expect(() => isReservedUsername(42 as unknown as string)).toThrow(TypeError);
  });
});
