import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import { describe, expect, it } from 'vitest';
import { hashArgon2id } from './argon2id.js';
import { DEFAULT_ARGON2_PARAMETERS } from './default-argon2-parameters.js';
import { encodePhcBase64 } from './phc.js';
import { verifyStoredHash } from './verify-stored-hash.js';

const current = DEFAULT_ARGON2_PARAMETERS;
const password = 'correct horse battery staple';
const wrong = 'correct horse battery stapler';
const runs = 7;

/**
 * The fastest of `runs` calls of `candidate` and of `baseline`, taken in turns, in ms. Load on
 * the machine only ever adds time, so each minimum is that call's cost; taking the two in turns
 * means a busy spell slows both alike instead of inflating one (a baseline measured apart, in a
 * busy moment, once made a correct candidate look too fast).
 */
function fastestInTurns(candidate: () => unknown, baseline: () => unknown): { candidateMs: number; baselineMs: number } {
  let candidateMs = Number.POSITIVE_INFINITY;
  let baselineMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    for (const [call, record] of [
      [candidate, (ms: number) => (candidateMs = Math.min(candidateMs, ms))],
      [baseline, (ms: number) => (baselineMs = Math.min(baselineMs, ms))],
    ] as const) {
      const start = performance.now();
      call();
      record(performance.now() - start);
    }
  }
  return { candidateMs, baselineMs };
}

/**
 * Stored hashes that take far less than an argon2id check at the current parameters, made here
 * with node:crypto, bcrypt and argon2 exactly as the producing frameworks write them.
 */
function cheapStoredHashes(): [string, string][] {
  const textSalt = randomBytes(12).toString('hex');
  const rawSalt = randomBytes(16);
  const bytes = Buffer.from(password, 'utf8');
  return [
    ['salted SHA-256 (the classic tutorial)', `${textSalt}:${createHash('sha256').update(password + textSalt).digest('hex')}`],
    ['Django PBKDF2 at 1,000 iterations', `pbkdf2_sha256$1000$${textSalt}$${pbkdf2Sync(bytes, textSalt, 1000, 32, 'sha256').toString('base64')}`],
    ['bcrypt cost 4', bcrypt.hashSync(password, 4)],
    ['passlib scrypt ln=4', `$scrypt$ln=4,r=8,p=1$${encodePhcBase64(rawSalt)}$${encodePhcBase64(scryptSync(bytes, rawSalt, 32, { N: 16, r: 8, p: 1 }))}`],
    ['argon2id weaker than configured', hashArgon2id(bytes, { memoryCost: 1024, timeCost: 1, parallelism: 1 })],
  ];
}

/** Rows OpenSSL's scrypt refuses with an exception: N must stay below 2^(16 x r) (RFC 7914). */
const unusableScryptRows = [
  `$scrypt$ln=16,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$${encodePhcBase64(Buffer.alloc(32))}`,
  `$scrypt$ln=17,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$${encodePhcBase64(Buffer.alloc(32))}`,
  `scrypt:65536:1:1$salt$${'00'.repeat(64)}`,
];

describe('verifyStoredHash', () => {
  const dummyHash = hashArgon2id(randomBytes(32), current);
  /** What an unknown user costs: the dummy verification alone, as verifyDummy runs it. */
  const unknownUser = () => verifyStoredHash(dummyHash, wrong, current, dummyHash);
  /** A failed check of `stored` costs at least half an unknown user's (a floor noise cannot break). */
  const expectUnknownUserCost = (stored: string, attempt: string) => {
    const { candidateMs, baselineMs } = fastestInTurns(() => verifyStoredHash(stored, attempt, current, dummyHash), unknownUser);
    expect(candidateMs, stored).toBeGreaterThanOrEqual(baselineMs / 2);
  };

  it.each(cheapStoredHashes())(
    'a wrong password against %s takes at least as long as an unknown user (no enumeration by timing)',
    (_scheme, stored) => {
      expect(verifyStoredHash(stored, password, current, dummyHash)).toEqual({ valid: true, needsRehash: true });
      expect(verifyStoredHash(stored, wrong, current, dummyHash)).toEqual({ valid: false, needsRehash: false });
      // Attack: time failed logins to find the accounts with imported hashes. Without the dummy
      // verification these answer in microseconds; with it they cost one full argon2id check.
      expectUnknownUserCost(stored, wrong);
    },
  );

  it.each(unusableScryptRows)('answers valid: false for %s, which scrypt refuses, instead of throwing (a 500)', (stored) => {
    expect(verifyStoredHash(stored, password, current, dummyHash)).toEqual({ valid: false, needsRehash: false });
    // ...after the same dummy verification as an unknown hash.
    expectUnknownUserCost(stored, password);
  });

  it('costs an unknown or malformed stored hash the dummy verification too', () => {
    for (const stored of ['', 'plaintext', '$argon2id$v=19$m=19456,t=2,p=1$bad', `$2b$31$${'a'.repeat(53)}`]) {
      expect(verifyStoredHash(stored, wrong, current, dummyHash), stored).toEqual({ valid: false, needsRehash: false });
      expectUnknownUserCost(stored, wrong);
    }
  });

  it('accepts the right password against a current argon2id hash without asking for a re-hash', () => {
    const stored = hashArgon2id(Buffer.from(password, 'utf8'), current);
    expect(verifyStoredHash(stored, password, current, dummyHash)).toEqual({ valid: true, needsRehash: false });
    expect(verifyStoredHash(stored, wrong, current, dummyHash)).toEqual({ valid: false, needsRehash: false });
  });
});
