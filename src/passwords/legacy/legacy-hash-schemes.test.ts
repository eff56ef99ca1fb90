import { pbkdf2Sync, scryptSync } from 'node:crypto';
import bcrypt from 'bcrypt';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2_PARAMETERS } from '../default-argon2-parameters.js';
import { encodePhcBase64 } from '../phc.js';
import { hasPythonHashlib, makePythonLegacyHashes, makeWerkzeugHashes } from '../test-support/python-legacy-hashes.js';
import type { PythonLegacyHashes } from '../test-support/python-legacy-hashes.js';
import { verifyStoredHash } from '../verify-stored-hash.js';
import { identifyHashScheme, isLegacyHash } from './identify-hash-scheme.js';
import { importTutorialPbkdf2 } from './import-tutorial-pbkdf2.js';
import { findLegacyHashScheme } from './legacy-hash-schemes.js';

const passwords = ['correct horse battery staple', 'pässwörd ☃ 𝄞 ﬁ'];

/** Near misses an attacker would try: a character more, one fewer, case changed, NFC/NFD swapped, empty. */
function wrongPasswordsFor(password: string): string[] {
  return [`${password}x`, password.slice(0, -1), password.toUpperCase(), password.normalize('NFD'), ''].filter(
    (candidate) => candidate !== password,
  );
}

/** Runs the legacy check directly (synchronously, as the worker does). */
function verifyLegacy(stored: string, password: string): boolean | null {
  const scheme = findLegacyHashScheme(stored);
  if (scheme === null) return null;
  return scheme.verify(stored, Buffer.from(password, 'utf8'));
}

const expectedSchemes: Record<Exclude<keyof PythonLegacyHashes, 'tutorialPbkdf2'>, string> = {
  saltedSha256: 'salted-sha256',
  djangoPbkdf2Sha256: 'django-pbkdf2-sha256',
  djangoPbkdf2Sha1: 'django-pbkdf2-sha1',
  werkzeugPbkdf2Sha256: 'werkzeug-pbkdf2',
  werkzeugPbkdf2Sha512: 'werkzeug-pbkdf2',
  werkzeugScrypt: 'werkzeug-scrypt',
  passlibPbkdf2Sha256: 'pbkdf2-sha256',
  passlibPbkdf2Sha512: 'pbkdf2-sha512',
  passlibPbkdf2Sha1: 'pbkdf2-sha1',
  phcPbkdf2Sha256: 'pbkdf2-sha256',
  passlibScrypt: 'scrypt',
};

describe.skipIf(!hasPythonHashlib())('legacy hashes made by Python hashlib', () => {
  const generated = makePythonLegacyHashes(passwords);

  const cases = passwords.flatMap((password, index) => {
    const hashes = generated[index] as PythonLegacyHashes;
    const entries: [string, string, string, string][] = Object.entries(expectedSchemes).map(([key, scheme]) => [
      key,
      scheme,
      hashes[key as keyof typeof expectedSchemes],
      password,
    ]);
    const { saltHex, keyHex } = hashes.tutorialPbkdf2;
    entries.push(['tutorialPbkdf2', 'pbkdf2-sha256-hex', importTutorialPbkdf2(saltHex, keyHex), password]);
    return entries;
  });

  it.each(cases)('%s is identified as %s', (_key, scheme, stored) => {
    expect(identifyHashScheme(stored)).toBe(scheme);
    expect(isLegacyHash(stored)).toBe(true);
  });

  it.each(cases)('%s (%s) accepts the right password and refuses near misses', (_key, _scheme, stored, password) => {
    expect(verifyLegacy(stored, password)).toBe(true);
    for (const wrong of wrongPasswordsFor(password)) {
      expect(verifyLegacy(stored, wrong), JSON.stringify(wrong)).toBe(false);
    }
  });

  it.each(cases)('%s (%s) is valid and flagged for re-hashing through verifyStoredHash', (_key, _scheme, stored, password) => {
    const dummy = '$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(verifyStoredHash(stored, password, DEFAULT_ARGON2_PARAMETERS, dummy)).toEqual({ valid: true, needsRehash: true });
    expect(verifyStoredHash(stored, `${password}!`, DEFAULT_ARGON2_PARAMETERS, dummy)).toEqual({ valid: false, needsRehash: false });
  });

  it('refuses a hash whose stored key was tampered with (one character flipped)', () => {
    for (const [key, , stored, password] of cases) {
      const last = stored.at(-2) === 'a' ? 'b' : 'a';
      const tampered = `${stored.slice(0, -2)}${last}${stored.slice(-1)}`;
      expect(verifyLegacy(tampered, password) === true, key).toBe(false);
    }
  });
});

describe('hashes made by Werkzeug itself (required in CI)', () => {
  const password = 'pässwörd ☃';
  const made = makeWerkzeugHashes(password);
  it.skipIf(made === null)('verifies generate_password_hash output: its default method and pbkdf2:sha256', () => {
    for (const stored of made ?? []) {
      expect(identifyHashScheme(stored), stored).toMatch(/^werkzeug-/);
      expect(verifyLegacy(stored, password), stored).toBe(true);
      expect(verifyLegacy(stored, 'passwörd ☃'), stored).toBe(false);
    }
  });
});

describe('bcrypt', () => {
  const password = 'correct horse';

  it.each(['a', 'b'] as const)('verifies $2%s$ hashes from the bcrypt package', (minor) => {
    const stored = bcrypt.hashSync(password, bcrypt.genSaltSync(4, minor));
    expect(stored.startsWith(`$2${minor}$04$`)).toBe(true);
    expect(identifyHashScheme(stored)).toBe('bcrypt');
    expect(verifyLegacy(stored, password)).toBe(true);
    for (const wrong of wrongPasswordsFor(password)) expect(verifyLegacy(stored, wrong)).toBe(false);
  });

  it("verifies PHP's $2y$ hashes (the password_verify example from the PHP manual)", () => {
    const stored = '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a';
    expect(identifyHashScheme(stored)).toBe('bcrypt');
    expect(verifyLegacy(stored, 'rasmuslerdorf')).toBe(true);
    expect(verifyLegacy(stored, 'rasmuslerdorF')).toBe(false);
  });

  it('verifies $2y$ written for a bcrypt-package hash (same algorithm, PHP prefix)', () => {
    const stored = bcrypt.hashSync('pässwörd ☃', 4).replace(/^\$2b\$/, '$2y$');
    expect(verifyLegacy(stored, 'pässwörd ☃')).toBe(true);
    expect(verifyLegacy(stored, 'passwörd ☃')).toBe(false);
  });

  it("refuses PHP's $2x$ (hashes made by the buggy crypt_blowfish)", () => {
    const stored = bcrypt.hashSync(password, 4).replace(/^\$2b\$/, '$2x$');
    expect(identifyHashScheme(stored)).toBeNull();
    expect(verifyLegacy(stored, password)).toBeNull();
  });

  it('refuses to run a stored cost of 31, far above the cap (one poisoned row could pin a worker for hours)', () => {
    const stored = bcrypt.hashSync(password, 4).replace(/^\$2b\$04\$/, '$2b$31$');
    expect(identifyHashScheme(stored)).toBe('bcrypt');
    expect(verifyLegacy(stored, password)).toBeNull();
  });
});

describe('cost ceilings (LEGACY_COST_LIMITS): about 1.5 s at worst per attempt, every framework default accepted', () => {
  const password = 'correct horse';
  const bytes = Buffer.from(password, 'utf8');
  const textSalt = 'Qw3rTy8uIoP1aSdF';

  it('verifies Django\'s (1,200,000) and Werkzeug\'s (1,000,000) current PBKDF2 defaults', () => {
    const django = `pbkdf2_sha256$1200000$${textSalt}$${pbkdf2Sync(bytes, textSalt, 1_200_000, 32, 'sha256').toString('base64')}`;
    const djangoSha1 = `pbkdf2_sha1$1200000$${textSalt}$${pbkdf2Sync(bytes, textSalt, 1_200_000, 20, 'sha1').toString('base64')}`;
    const werkzeug = `pbkdf2:sha256:1000000$${textSalt}$${pbkdf2Sync(bytes, textSalt, 1_000_000, 32, 'sha256').toString('hex')}`;
    for (const stored of [django, djangoSha1, werkzeug]) expect(verifyLegacy(stored, password), stored).toBe(true);
  });

  it('verifies PBKDF2 at the ceiling: 3,000,000 iterations of one block', () => {
    const stored = `pbkdf2:sha256:3000000$${textSalt}$${pbkdf2Sync(bytes, textSalt, 3_000_000, 32, 'sha256').toString('hex')}`;
    expect(verifyLegacy(stored, password)).toBe(true);
  });

  it('refuses PBKDF2 beyond 3,000,000 iterations x output blocks, and keys over 64 bytes', () => {
    const salt = encodePhcBase64(Buffer.from(textSalt));
    const hostile = [
      `pbkdf2:sha256:3000001$${textSalt}$${'00'.repeat(32)}`,
      // A 64-byte SHA-256 key runs the iterations twice: 1,500,001 x 2 blocks.
      `$pbkdf2-sha256$i=1500001,l=64$${salt}$${encodePhcBase64(Buffer.alloc(64))}`,
      `pbkdf2-sha256-hex$1500001$${'00'.repeat(16)}$${'00'.repeat(64)}`,
      // Attack: SHA-1 with a 128-byte key at 10,000,000 iterations took 18 s under the old ceiling.
      `$pbkdf2$10000000$${salt}$${encodePhcBase64(Buffer.alloc(128))}`,
      `$pbkdf2$1000$${salt}$${encodePhcBase64(Buffer.alloc(65))}`,
    ];
    for (const stored of hostile) {
      expect(identifyHashScheme(stored), stored).not.toBeNull();
      expect(verifyLegacy(stored, password), stored).toBeNull();
    }
  });

  it('verifies scrypt with RustCrypto\'s default (2^17, 8, 1) and the worst accepted work (2^20, 2, 1)', () => {
    const salt = Buffer.from(textSalt);
    const rustCrypto = `$scrypt$ln=17,r=8,p=1$${encodePhcBase64(salt)}$${encodePhcBase64(scryptSync(bytes, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 }))}`;
    expect(verifyLegacy(rustCrypto, password)).toBe(true);
    // Runs (false, not null): 256 MiB once is within the ceiling.
    expect(verifyLegacy(`$scrypt$ln=20,r=2,p=1$${encodePhcBase64(salt)}$${encodePhcBase64(Buffer.alloc(32))}`, password)).toBe(false);
  });

  it('refuses scrypt whose N x r x p exceeds 2^21 (256 MiB of work once)', () => {
    const salt = encodePhcBase64(Buffer.from(textSalt));
    for (const stored of [
      // Attack: 256 MiB twice (1.4 s); the old ceiling let p go to 16, about 15 s.
      `$scrypt$ln=18,r=8,p=2$${salt}$${encodePhcBase64(Buffer.alloc(32))}`,
      `scrypt:131072:8:16$salt$${'00'.repeat(64)}`,
      `$scrypt$ln=21,r=2,p=1$${salt}$${encodePhcBase64(Buffer.alloc(32))}`,
    ]) {
      expect(verifyLegacy(stored, password), stored).toBeNull();
    }
  });

  it('runs bcrypt up to cost 15 and refuses 16 (3.4 s here)', () => {
    const stored = bcrypt.hashSync(password, 4);
    expect(verifyLegacy(stored.replace(/^\$2b\$04\$/, '$2b$16$'), password)).toBeNull();
    // Runs (false, not null): the salt and hash no longer match the cost, but the check is made.
    expect(verifyLegacy(stored.replace(/^\$2b\$04\$/, '$2b$15$'), password)).toBe(false);
  });
});

describe('published examples', () => {
  it('verifies the passlib documentation scrypt example', () => {
    const stored = '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E';
    expect(verifyLegacy(stored, 'password')).toBe(true);
    expect(verifyLegacy(stored, 'Password')).toBe(false);
  });
});

describe('malformed and hostile stored hashes', () => {
  it('refuses cost parameters that would exhaust a worker (denial of service through a stored row)', () => {
    const salt = 'c29tZXNhbHRzb21lc2FsdA';
    const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const hostile = [
      `$pbkdf2-sha256$2000000000$${salt}$${key}`,
      `$pbkdf2-sha256$i=99999999,l=32$${salt}$${key}`,
      `pbkdf2_sha256$2000000000$salt$${Buffer.alloc(32).toString('base64')}`,
      `pbkdf2:sha256:2000000000$salt$${'00'.repeat(32)}`,
      `pbkdf2-sha256-hex$2000000000$${'00'.repeat(16)}$${'00'.repeat(32)}`,
      // scrypt asking for 2^30 x 8 x 128 bytes = 1 TiB of memory
      `$scrypt$ln=30,r=8,p=1$${salt}$${key}`,
      `scrypt:1073741824:8:1$salt$${'00'.repeat(64)}`,
      // N not a power of two, parallelism beyond the ceiling
      `scrypt:1000:8:1$salt$${'00'.repeat(64)}`,
      `$scrypt$ln=10,r=8,p=1000$${salt}$${key}`,
    ];
    for (const stored of hostile) {
      expect(identifyHashScheme(stored), stored).not.toBeNull();
      expect(verifyLegacy(stored, 'password'), stored).toBeNull();
    }
  });

  it('refuses scrypt parameters OpenSSL would throw on (N must stay below 2^(16 x r), RFC 7914) instead of throwing', () => {
    const key = encodePhcBase64(Buffer.alloc(32));
    for (const stored of [
      `$scrypt$ln=16,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$${key}`,
      `$scrypt$ln=20,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$${key}`,
      `scrypt:65536:1:1$salt$${'00'.repeat(64)}`,
    ]) {
      expect(identifyHashScheme(stored), stored).toBe(stored.startsWith('$') ? 'scrypt' : 'werkzeug-scrypt');
      expect(verifyLegacy(stored, 'password'), stored).toBeNull();
    }
    // Just below the bound, r=1 still works: N=2^15 < 2^16.
    const salt = Buffer.from('somesalt');
    const derived = scryptSync(Buffer.from('password'), salt, 32, { N: 2 ** 15, r: 1, p: 1 });
    expect(verifyLegacy(`$scrypt$ln=15,r=1,p=1$${encodePhcBase64(salt)}$${encodePhcBase64(derived)}`, 'password')).toBe(true);
  });

  it('refuses strings that only look close to a scheme', () => {
    const salt = 'c29tZXNhbHRzb21lc2FsdA';
    const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const malformed = [
      '',
      'password',
      '$2b$04$short',
      `$scrypt$ln=14,r=8$${salt}$${key}`,
      `$scrypt$ln=14,r=8,p=1,x=2$${salt}$${key}`,
      `$scrypt$ln=14,r=8,p=1$${salt}$not*base64`,
      `$pbkdf2-sha256$i=1000,l=16$${salt}$${key}`,
      `$pbkdf2-sha256$i=1000,x=1$${salt}$${key}`,
      `$pbkdf2-sha256$01000$${salt}$${key}`,
      'pbkdf2_sha256$1000$salt$not-base64!',
      `pbkdf2_sha256$1000$salt$${Buffer.alloc(20).toString('base64')}`,
      `pbkdf2:md5:1000$salt$${'00'.repeat(16)}`,
      `pbkdf2:sha256:1000$salt$${'0'.repeat(65)}`,
      `pbkdf2:sha256$salt$${'00'.repeat(32)}`,
      `pbkdf2-sha256-hex$100000$abc$${'00'.repeat(32)}`,
      `salt:${'0'.repeat(63)}`,
      `${'x'.repeat(2000)}:${'0'.repeat(64)}`,
    ];
    for (const stored of malformed) {
      const result = verifyStoredHash(stored, 'password', DEFAULT_ARGON2_PARAMETERS, '$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect(result, stored).toEqual({ valid: false, needsRehash: false });
      expect(verifyLegacy(stored, 'password') === true, stored).toBe(false);
    }
  });

  it('identifies argon2 variants and nothing for unknown strings', () => {
    expect(identifyHashScheme('$argon2id$v=19$m=19456,t=2,p=1$x$y')).toBe('argon2id');
    expect(identifyHashScheme('$argon2i$v=19$m=19456,t=2,p=1$x$y')).toBe('argon2i');
    expect(isLegacyHash('$argon2id$v=19$m=19456,t=2,p=1$x$y')).toBe(false);
    expect(isLegacyHash('$argon2d$v=19$m=19456,t=2,p=1$x$y')).toBe(true);
    expect(identifyHashScheme('$1$saltsalt$hash')).toBeNull();
    expect(isLegacyHash('plaintext-password')).toBe(false);
    expect(identifyHashScheme(undefined as unknown as string)).toBeNull();
  });
});
