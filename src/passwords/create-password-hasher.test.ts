import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import bcrypt from 'bcrypt';
import { afterEach, describe, expect, it } from 'vitest';
import { OverloadedError } from '../errors.js';
import { createPasswordHasher } from './create-password-hasher.js';
import type { PasswordHasherOptions } from './create-password-hasher.js';
import { DEFAULT_ARGON2_PARAMETERS } from './default-argon2-parameters.js';
import type { PasswordHasher } from './types.js';

const light = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const open: PasswordHasher[] = [];

function startHasher(options: Partial<PasswordHasherOptions> = {}): PasswordHasher {
  const hasher = createPasswordHasher({ argon2: light, workers: 1, maxQueue: 8, ...options });
  open.push(hasher);
  return hasher;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((hasher) => hasher.close()));
});

/** Nice values of this process's threads, read from /proc (Linux only): null elsewhere. */
function threadNiceValues(): number[] | null {
  if (process.platform !== 'linux') return null;
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised name start at field 3; nice is field 19.
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended while we listed
    }
  });
}

const lowPriorityThreads = () => threadNiceValues()?.filter((nice) => nice === 19).length ?? 0;

describe('createPasswordHasher', () => {
  it('hashes to argon2id PHC with the OWASP parameters and verifies the right password only', async () => {
    const hasher = startHasher({ argon2: DEFAULT_ARGON2_PARAMETERS });
    const hash = await hasher.hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    await expect(hasher.verifyPassword(hash, 'correct horse battery staple')).resolves.toEqual({ valid: true, needsRehash: false });
    await expect(hasher.verifyPassword(hash, 'correct horse battery stapl')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('hashes the string exactly as given: no normalization, so NFC and NFD forms differ', async () => {
    const hasher = startHasher();
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const hash = await hasher.hashPassword(composed);
    expect((await hasher.verifyPassword(hash, composed)).valid).toBe(true);
    expect((await hasher.verifyPassword(hash, decomposed)).valid).toBe(false);
  });

  it('refuses lone surrogates instead of hashing a lossy U+FFFD (two passwords must not collide)', async () => {
    const hasher = startHasher();
    await expect(hasher.hashPassword('pw\ud800')).rejects.toThrow(TypeError);
    const replaced = await hasher.hashPassword('pw\ufffd');
    // Attack: a client sends a lone surrogate hoping it is encoded as U+FFFD and matches.
    await expect(hasher.verifyPassword(replaced, 'pw\ud800')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('flags hashes made with weaker parameters for re-hashing, only on success', async () => {
    const weak = startHasher({ argon2: light });
    const strong = startHasher({ argon2: { memoryCost: 2048, timeCost: 2, parallelism: 1 } });
    const weakHash = await weak.hashPassword('pw-123456');
    await expect(strong.verifyPassword(weakHash, 'pw-123456')).resolves.toEqual({ valid: true, needsRehash: true });
    await expect(strong.verifyPassword(weakHash, 'pw-1234567')).resolves.toEqual({ valid: false, needsRehash: false });
    const strongHash = await strong.hashPassword('pw-123456');
    await expect(weak.verifyPassword(strongHash, 'pw-123456')).resolves.toEqual({ valid: true, needsRehash: false });
  });

  it('verifies imported legacy hashes and asks for a re-hash', async () => {
    const hasher = startHasher();
    const legacy = bcrypt.hashSync('imported pw', 4).replace(/^\$2b\$/, '$2y$');
    await expect(hasher.verifyPassword(legacy, 'imported pw')).resolves.toEqual({ valid: true, needsRehash: true });
    await expect(hasher.verifyPassword(legacy, 'imported PW')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('answers valid: false for unknown, malformed or non-string stored hashes, never throwing', async () => {
    const hasher = startHasher();
    for (const stored of ['', 'plaintext', '$argon2id$v=19$m=1024,t=1,p=1$bad', '$2b$04$short', 'x'.repeat(100_000)]) {
      await expect(hasher.verifyPassword(stored, 'plaintext')).resolves.toEqual({ valid: false, needsRehash: false });
    }
    await expect(hasher.verifyPassword(null as unknown as string, 'x')).resolves.toEqual({ valid: false, needsRehash: false });
  });

  it('verifyDummy completes without a result for any password', async () => {
    const hasher = startHasher();
    await expect(hasher.verifyDummy('whatever')).resolves.toBeUndefined();
    await expect(hasher.verifyDummy('')).resolves.toBeUndefined();
  });

  it('throws TypeError for programmer misuse', () => {
    expect(() => createPasswordHasher({ argon2: light, workers: 0, maxQueue: 1 })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: light, workers: 1, maxQueue: -1 })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 4, timeCost: 1, parallelism: 1 }, workers: 1, maxQueue: 1 })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 1024, timeCost: 0, parallelism: 1 }, workers: 1, maxQueue: 1 })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 1024, timeCost: 1.5, parallelism: 1 }, workers: 1, maxQueue: 1 })).toThrow(TypeError);
  });

  it('keeps the event loop turning while a hash is computed', async () => {
    const hasher = startHasher({ argon2: { memoryCost: 32768, timeCost: 2, parallelism: 1 } });
    await hasher.verifyDummy('warm up');
    let turns = 0;
    let done = false;
    // A timer, not a busy setImmediate loop: the nice-19 worker must not be starved by the test itself.
    const tick = (): void => {
      if (done) return;
      turns += 1;
      setTimeout(tick, 1);
    };
    setImmediate(tick);
    await hasher.hashPassword('busy');
    done = true;
    // Hashing on this thread would have resolved before the first setImmediate callback ran.
    expect(turns).toBeGreaterThan(0);
  });
});

describe('worker pool', () => {
  it.skipIf(process.platform !== 'linux')('runs the hashing on its own threads at nice 19, leaving this thread alone', async () => {
    const before = lowPriorityThreads();
    const mainPriority = getPriority(0);
    const hasher = startHasher({ workers: 2 });
    await Promise.all([hasher.hashPassword('a'), hasher.hashPassword('b'), hasher.verifyDummy('c')]);
    expect(lowPriorityThreads() - before).toBe(2);
    expect(getPriority(0)).toBe(mainPriority);
    await hasher.close();
    // close() terminated the worker threads.
    expect(lowPriorityThreads()).toBe(before);
  });

  it('rejects with OverloadedError (503, Retry-After) once workers + maxQueue jobs are in flight', async () => {
    const hasher = startHasher({ workers: 1, maxQueue: 1 });
    await hasher.verifyDummy('warm up'); // the dummy hash is ready and the queue is empty
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => hasher.hashPassword(`pw ${i}`)));
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(fulfilled).toHaveLength(2);
    expect(rejected).toHaveLength(8);
    for (const reason of rejected) {
      expect(reason).toBeInstanceOf(OverloadedError);
      expect(reason).toMatchObject({ status: 503, code: 'overloaded' });
      expect((reason as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // Verification is bounded by the same queue.
    const verifications = await Promise.allSettled(Array.from({ length: 5 }, () => hasher.verifyDummy('x')));
    expect(verifications.filter((result) => result.status === 'rejected')).toHaveLength(3);
    // Once the burst is over, the hasher serves again.
    await expect(hasher.hashPassword('after the burst')).resolves.toMatch(/^\$argon2id\$/);
  });

  it('close() lets accepted jobs finish, then refuses new ones; closing twice is fine', async () => {
    const hasher = startHasher();
    const pending = hasher.hashPassword('finishing');
    const closed = hasher.close();
    await expect(pending).resolves.toMatch(/^\$argon2id\$/);
    await closed;
    await expect(hasher.hashPassword('too late')).rejects.toThrow(TypeError);
    await expect(hasher.verifyPassword('$2b$04$x', 'too late')).rejects.toThrow(TypeError);
    await expect(hasher.close()).resolves.toBeUndefined();
  });
});
