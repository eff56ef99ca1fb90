import { hashRaw, parseOptions } from '@node-rs/argon2';
import type { Algorithm, Version } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { loadArgon2TestCVectors } from '../test-support/argon2-vectors.js';
import { argon2NeedsRehash, hashArgon2id, isArgon2Hash, verifyArgon2 } from './argon2id.js';
import { DEFAULT_ARGON2_PARAMETERS } from './default-argon2-parameters.js';

const testC = loadArgon2TestCVectors();

const algorithms: Record<string, Algorithm> = { argon2d: 0 as Algorithm, argon2i: 1 as Algorithm, argon2id: 2 as Algorithm };
const versions: Record<number, Version> = { 16: 0 as Version, 19: 1 as Version };
const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe.skipIf(testC === null)('argon2 reference vectors (phc-winner-argon2 src/test.c)', () => {
  // The 1 GiB cases are left out to keep the suite within the machine's memory budget.
  const runnable = (testC?.hashTests ?? []).filter((vector) => !vector.requires_large_ram);

  it('has vectors for every variant the library computes', () => {
    expect(runnable.some((vector) => vector.type === 'argon2id' && vector.version === 19)).toBe(true);
  });

  it.each(runnable.map((vector) => [`${vector.encoded.slice(0, 40)}…`, vector] as const))(
    'raw tag of %s',
    async (_name, vector) => {
      const tag = await hashRaw(vector.password, {
        algorithm: algorithms[vector.type],
        version: versions[vector.version],
        timeCost: vector.t_cost,
        memoryCost: vector.m_cost_kib,
        parallelism: vector.parallelism,
        salt: utf8(vector.salt),
        outputLen: 32,
      });
      expect(tag.toString('hex')).toBe(vector.tag_hex);
    },
  );

  it.each(runnable.map((vector) => [`${vector.encoded.slice(0, 40)}…`, vector] as const))(
    'verifies the encoded string %s and refuses a wrong password',
    (_name, vector) => {
      expect(verifyArgon2(vector.encoded, utf8(vector.password))).toBe(true);
      expect(verifyArgon2(vector.encoded, utf8(`${vector.password}!`))).toBe(false);
    },
  );

  it('answers null (malformed) or false (mismatch) for every reference verify failure, never throws', () => {
    const verifyTests = testC?.verifyTests ?? [];
    expect(verifyTests.length).toBeGreaterThan(0);
    for (const vector of verifyTests) {
      const result = verifyArgon2(vector.encoded, utf8(vector.password));
      expect(result, vector.encoded).toBe(vector.expected === 'ARGON2_VERIFY_MISMATCH' ? false : null);
    }
  });
});

// The RFC 9106 section 5 KAT traces are not run: every one is keyed with associated data, which
// @node-rs/argon2 cannot take (it supports a secret only). The src/test.c vectors above cover
// argon2id v0x13 instead.

const light = { memoryCost: 1024, timeCost: 2, parallelism: 1 };

describe('hashArgon2id', () => {
  it('writes argon2id v=19 PHC strings carrying the configured parameters and a 16-byte salt', () => {
    const hash = hashArgon2id(utf8('correct horse'), light);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parseOptions(hash)).toMatchObject({ memoryCost: 1024, timeCost: 2, parallelism: 1, saltLen: 16, outputLen: 32 });
    expect(isArgon2Hash(hash)).toBe(true);
    expect(verifyArgon2(hash, utf8('correct horse'))).toBe(true);
    expect(verifyArgon2(hash, utf8('correct horsE'))).toBe(false);
  });

  it('salts every hash, so equal passwords give different strings', () => {
    expect(hashArgon2id(utf8('same'), light)).not.toBe(hashArgon2id(utf8('same'), light));
  });

  it('uses the OWASP parameters by default', () => {
    expect(DEFAULT_ARGON2_PARAMETERS).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(hashArgon2id(utf8('x'), DEFAULT_ARGON2_PARAMETERS)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('verifyArgon2 cost ceilings', () => {
  const withParameters = (parameters: string) => hashArgon2id(utf8('pw'), light).replace('m=1024,t=2,p=1', parameters);

  it('refuses to run a stored hash that asks for more than 256 MiB (a poisoned row would exhaust memory)', () => {
    expect(verifyArgon2(withParameters('m=4194304,t=2,p=1'), utf8('pw'))).toBeNull();
    // 1 GiB, one pass: what the old ceiling let through, 0.4-0.5 s and 1 GiB per attempt.
    expect(verifyArgon2(withParameters('m=1048576,t=1,p=1'), utf8('pw'))).toBeNull();
    expect(verifyArgon2(withParameters('m=262145,t=1,p=1'), utf8('pw'))).toBeNull();
  });

  it('refuses more than 2^21 KiB-passes of work: memory x passes is what a verification costs', () => {
    expect(verifyArgon2(withParameters('m=262144,t=9,p=1'), utf8('pw'))).toBeNull();
    expect(verifyArgon2(withParameters('m=65536,t=33,p=1'), utf8('pw'))).toBeNull();
    // Attack: an imported row with m=1 GiB, t=16 held a worker for 19 s per login attempt.
    expect(verifyArgon2(withParameters('m=1048576,t=16,p=1'), utf8('pw'))).toBeNull();
  });

  it('refuses more than 64 passes or 64 lanes', () => {
    expect(verifyArgon2(withParameters('m=1024,t=100000,p=1'), utf8('pw'))).toBeNull();
    expect(verifyArgon2(withParameters('m=1024,t=65,p=1'), utf8('pw'))).toBeNull();
    expect(verifyArgon2(withParameters('m=1024,t=1,p=65'), utf8('pw'))).toBeNull();
  });

  it('refuses RFC 9106 first option (2 GiB, 1 pass) and libsodium SENSITIVE (1 GiB, 4 passes), documented as refused', () => {
    expect(verifyArgon2(withParameters('m=2097152,t=1,p=4'), utf8('pw'))).toBeNull();
    expect(verifyArgon2(withParameters('m=1048576,t=4,p=1'), utf8('pw'))).toBeNull();
  });

  it.each([
    ['OWASP option 1', { memoryCost: 47104, timeCost: 1, parallelism: 1 }],
    ['OWASP option 2 (the default)', { memoryCost: 19456, timeCost: 2, parallelism: 1 }],
    ['OWASP option 3', { memoryCost: 12288, timeCost: 3, parallelism: 1 }],
    ['OWASP option 4', { memoryCost: 9216, timeCost: 4, parallelism: 1 }],
    ['OWASP option 5', { memoryCost: 7168, timeCost: 5, parallelism: 1 }],
    ['RFC 9106 second option, argon2-cffi default', { memoryCost: 65536, timeCost: 3, parallelism: 4 }],
    ['PHP password_hash default', { memoryCost: 65536, timeCost: 4, parallelism: 1 }],
    ['argon2-cffi 18.2-21.1 default', { memoryCost: 102400, timeCost: 2, parallelism: 8 }],
    ['libsodium MODERATE', { memoryCost: 262144, timeCost: 3, parallelism: 1 }],
    ['the worst accepted: 256 MiB, 8 passes', { memoryCost: 262144, timeCost: 8, parallelism: 1 }],
  ])('still verifies hashes made with %s', (_name, parameters) => {
    const hash = hashArgon2id(utf8('correct horse'), parameters);
    expect(verifyArgon2(hash, utf8('correct horse'))).toBe(true);
  });
});

describe('argon2NeedsRehash', () => {
  const configured = { memoryCost: 2048, timeCost: 3, parallelism: 1 };

  it('is false for a hash made with the configured parameters or stronger ones', () => {
    expect(argon2NeedsRehash(hashArgon2id(utf8('pw'), configured), configured)).toBe(false);
    expect(argon2NeedsRehash(hashArgon2id(utf8('pw'), { memoryCost: 4096, timeCost: 4, parallelism: 1 }), configured)).toBe(false);
  });

  it('is true when the stored memory or passes are lower', () => {
    expect(argon2NeedsRehash(hashArgon2id(utf8('pw'), { ...configured, memoryCost: 1024 }), configured)).toBe(true);
    expect(argon2NeedsRehash(hashArgon2id(utf8('pw'), { ...configured, timeCost: 2 }), configured)).toBe(true);
  });

  it('ignores a different parallelism alone (same memory and passes cost an attacker the same)', () => {
    expect(argon2NeedsRehash(hashArgon2id(utf8('pw'), { ...configured, parallelism: 2 }), configured)).toBe(false);
  });

  it('is true for argon2i, argon2d, version 0x10, short salts and malformed strings', () => {
    const vectors = testC?.hashTests ?? [];
    for (const vector of vectors.filter((v) => v.type !== 'argon2id' || v.version !== 19)) {
      expect(argon2NeedsRehash(vector.encoded, { memoryCost: 8, timeCost: 1, parallelism: 1 }), vector.encoded).toBe(true);
    }
    // The reference vectors use an 8-byte salt: even with weak configured parameters, re-hash.
    const shortSalt = vectors.find((v) => v.type === 'argon2id' && v.version === 19);
    if (shortSalt) expect(argon2NeedsRehash(shortSalt.encoded, { memoryCost: 8, timeCost: 1, parallelism: 1 })).toBe(true);
    expect(argon2NeedsRehash('$argon2id$v=19$garbage', configured)).toBe(true);
  });
});
