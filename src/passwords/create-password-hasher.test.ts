import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OverloadedError } from '../errors.js';
import { createPasswordHasher } from './create-password-hasher.js';
import type { PasswordHasherOptions } from './create-password-hasher.js';
import { DEFAULT_ARGON2_PARAMETERS } from './default-argon2-parameters.js';
import { checkPasswordPolicy, defaultPasswordPolicyOptions } from './policy.js';
import type { PasswordHasher } from './types.js';

const light = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const policy = { ...defaultPasswordPolicyOptions };
const open: PasswordHasher[] = [];

function startHasher(options: Partial<PasswordHasherOptions> = {}): PasswordHasher {
  const hasher = createPasswordHasher({ argon2: light, workers: 1, maxQueue: 8, policy, ...options });
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

  it('answers valid: false for a stored scrypt row OpenSSL refuses, where the worker used to throw (a 500 at login)', async () => {
    const hasher = startHasher();
    for (const stored of [
      `$scrypt$ln=16,r=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$${Buffer.alloc(32).toString('base64').replace(/=+$/, '')}`,
      `scrypt:65536:1:1$salt$${'00'.repeat(64)}`,
    ]) {
      await expect(hasher.verifyPassword(stored, 'any password'), stored).resolves.toEqual({ valid: false, needsRehash: false });
    }
  });

  it('makes a wrong password against an imported salted SHA-256 hash cost at least what an unknown user costs', async () => {
    const hasher = startHasher({ argon2: { memoryCost: 32768, timeCost: 2, parallelism: 1 } });
    const salt = 'c0ffee0123456789';
    const stored = `${salt}:${createHash('sha256').update(`imported pw${salt}`).digest('hex')}`;
    await expect(hasher.verifyPassword(stored, 'imported pw')).resolves.toEqual({ valid: true, needsRehash: true });
    // Attack: an attacker times failed logins to learn which accounts exist (here, which were
    // imported). One SHA-256 alone answers in microseconds; the floor is half the dummy's time.
    const { candidateMs, baselineMs } = await fastestInTurns(() => hasher.verifyPassword(stored, 'guess'), () => hasher.verifyDummy('guess'));
    expect(candidateMs).toBeGreaterThanOrEqual(baselineMs / 2);
  });

  it('verifyDummy completes without a result for any password', async () => {
    const hasher = startHasher();
    await expect(hasher.verifyDummy('whatever')).resolves.toBeUndefined();
    await expect(hasher.verifyDummy('')).resolves.toBeUndefined();
  });

  it('throws TypeError for programmer misuse', () => {
    expect(() => createPasswordHasher({ argon2: light, workers: 0, maxQueue: 1, policy })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: light, workers: 1, maxQueue: -1, policy })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 4, timeCost: 1, parallelism: 1 }, workers: 1, maxQueue: 1, policy })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 1024, timeCost: 0, parallelism: 1 }, workers: 1, maxQueue: 1, policy })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 1024, timeCost: 1.5, parallelism: 1 }, workers: 1, maxQueue: 1, policy })).toThrow(TypeError);
    // Beyond the ceilings on stored hashes (ARGON2_COST_LIMITS): every hash it made would be
    // refused at the next login, so the hasher refuses to start instead.
    expect(() => createPasswordHasher({ argon2: { memoryCost: 524_288, timeCost: 1, parallelism: 1 }, workers: 1, maxQueue: 1, policy })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: { memoryCost: 262_144, timeCost: 9, parallelism: 1 }, workers: 1, maxQueue: 1, policy })).toThrow(TypeError);
    // The policy is checked here, before any thread starts, not on the first sign-up.
    expect(() => createPasswordHasher({ argon2: light, workers: 1, maxQueue: 1, policy: { ...policy, minScore: 5 } })).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: light, workers: 1, maxQueue: 1 } as PasswordHasherOptions)).toThrow(TypeError);
    expect(() => createPasswordHasher({ argon2: light, workers: 1, maxQueue: 1, policy, blocklistFile: '' })).toThrow(TypeError);
  });

  it('keeps the event loop turning while a hash is computed', async () => {
    const hasher = startHasher({ argon2: { memoryCost: 32768, timeCost: 2, parallelism: 1 } });
    await hasher.verifyDummy('warm up');
    const turns = countEventLoopTurns();
    await hasher.hashPassword('busy');
    // Hashing on this thread would have resolved before the first setImmediate callback ran.
    expect(turns.stop()).toBeGreaterThan(0);
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

describe('checkPasswordPolicy on the password worker pool', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bulwark-pool-blocklist-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const context = { username: 'alexander_w', email: 'alex.w+shop@example.com' };
  const cases: ReadonlyArray<[string, { username?: string; email?: string }]> = [
    ['password', {}],
    ['Password123!', {}],
    ['alexander_w', context],
    ['Alexander-W-2024-rocket-blue', context],
    ['short', {}],
    ['correct horse battery staple 42', context],
    ['violet quartz ferry umbrella 1987', context],
  ];

  it('gives the same verdicts as the synchronous checkPasswordPolicy', async () => {
    const hasher = startHasher({ workers: 2 });
    const pooled = await Promise.all(cases.map(([password, ctx]) => hasher.checkPasswordPolicy(password, ctx)));
    expect(pooled).toEqual(cases.map(([password, ctx]) => checkPasswordPolicy(password, ctx, policy)));
    // Attack: the weakest guesses, and the username itself as the password, are refused...
    expect(pooled.slice(0, 5).map((result) => result.ok)).toEqual([false, false, false, false, false]);
    expect(pooled[2]).toMatchObject({ ok: false, errors: expect.arrayContaining(['Do not include your username in your password.']) });
    // ...while a long passphrase passes.
    expect(pooled.slice(5)).toEqual([{ ok: true }, { ok: true }]);
  });

  it('uses the policy options given to the pool', async () => {
    const hasher = startHasher({ policy: { ...policy, minLength: 40, minScore: 0 } });
    await expect(hasher.checkPasswordPolicy('correct horse battery staple 42', {})).resolves.toEqual({
      ok: false,
      errors: ['Use at least 40 characters (this password has 31).'],
    });
  });

  it('honours the blocklist file in every worker, which the main thread never reads', async () => {
    const listed = 'Tr0ub4dor&3-horse-battery';
    // Strong enough on its own: only the deployment's list refuses it.
    expect(checkPasswordPolicy(listed, {}, policy)).toEqual({ ok: true });
    const blocklistFile = join(folder, 'blocklist.txt');
    writeFileSync(blocklistFile, `acme-rocket-2024\r\n${listed}\n`, 'utf8');
    const hasher = startHasher({ workers: 2, blocklistFile });
    const attempts = [listed, listed.toUpperCase(), ...Array.from({ length: 6 }, () => listed)];
    const results = await Promise.all(attempts.map((password) => hasher.checkPasswordPolicy(password, {})));
    for (const result of results) {
      expect(result).toEqual({ ok: false, errors: ['This is one of the most commonly used passwords. Choose one that is harder to guess.'] });
    }
    await expect(hasher.checkPasswordPolicy('violet quartz ferry umbrella 1987', {})).resolves.toEqual({ ok: true });
  });

  it('fails closed when the workers cannot read the blocklist file, while hashing still works', async () => {
    const hasher = startHasher({ blocklistFile: join(folder, 'missing.txt') });
    await expect(hasher.checkPasswordPolicy('violet quartz ferry umbrella 1987', {})).rejects.toThrow(/could not load the password policy/);
    await expect(hasher.hashPassword('still hashing')).resolves.toMatch(/^\$argon2id\$/);
  });

  it('runs on the worker threads: queued behind a hash on a one-thread pool, with the event loop free', async () => {
    const hasher = startHasher({ workers: 1, argon2: { memoryCost: 32768, timeCost: 2, parallelism: 1 } });
    await hasher.verifyDummy('warm up');
    const order: string[] = [];
    const turns = countEventLoopTurns();
    const hashed = hasher.hashPassword('busy').then(() => order.push('hash'));
    const checked = hasher.checkPasswordPolicy('correct horse battery staple 42', {}).then(() => order.push('policy'));
    await Promise.all([hashed, checked]);
    // Checked on this thread, the policy would have answered before the hash it was queued behind.
    expect(order).toEqual(['hash', 'policy']);
    expect(turns.stop()).toBeGreaterThan(0);
  });

  it.skipIf(process.platform !== 'linux')('adds no threads of its own: the policy shares the nice-19 hash workers', async () => {
    const before = lowPriorityThreads();
    const hasher = startHasher({ workers: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => hasher.checkPasswordPolicy(`violet quartz ferry ${i}`, {})));
    expect(lowPriorityThreads() - before).toBe(2);
  });

  it('is bounded by the same queue: beyond workers + maxQueue it rejects with OverloadedError', async () => {
    const hasher = startHasher({ workers: 1, maxQueue: 1 });
    await hasher.verifyDummy('warm up');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => hasher.checkPasswordPolicy(`violet quartz ferry ${i}`, {})));
    const rejected = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    expect(rejected).toHaveLength(8);
    for (const reason of rejected) expect(reason).toBeInstanceOf(OverloadedError);
    // A hash waiting in the queue counts against the same limit as a policy check.
    const mixed = await Promise.allSettled([hasher.hashPassword('a'), hasher.checkPasswordPolicy('b', {}), hasher.checkPasswordPolicy('c', {})]);
    expect(mixed.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('rejects programmer misuse with TypeError on the calling thread', async () => {
    const hasher = startHasher();
    await expect(hasher.checkPasswordPolicy(42 as unknown as string, {})).rejects.toThrow(TypeError);
    await expect(hasher.checkPasswordPolicy('x', null as unknown as object)).rejects.toThrow(TypeError);
    await expect(hasher.checkPasswordPolicy('x', { username: 7 as unknown as string })).rejects.toThrow(TypeError);
    await hasher.close();
    await expect(hasher.checkPasswordPolicy('too late', {})).rejects.toThrow(TypeError);
  });
});

describe('hashIfPolicyAllows: the policy, then the hash, as one worker task', () => {
  const context = { username: 'alexander_w', email: 'alex.w+shop@example.com' };

  it('hashes a password that passes, to a hash that verifies it', async () => {
    const hasher = startHasher({ argon2: DEFAULT_ARGON2_PARAMETERS });
    const { policy: verdict, hash } = await hasher.hashIfPolicyAllows('violet quartz ferry umbrella 1987', context);
    expect(verdict).toEqual({ ok: true });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verifyPassword(hash ?? '', 'violet quartz ferry umbrella 1987')).resolves.toEqual({ valid: true, needsRehash: false });
  });

  it('never hashes a password the policy refuses, and reports exactly what checkPasswordPolicy reports', async () => {
    const hasher = startHasher({ workers: 2 });
    // Attack: weak guesses and the username itself, which must never be stored as a credential.
    for (const password of ['password', 'Password123!', 'alexander_w', 'Alexander-W-2024-rocket-blue', 'short']) {
      await expect(hasher.hashIfPolicyAllows(password, context), password).resolves.toEqual({
        policy: checkPasswordPolicy(password, context, policy),
        hash: null,
      });
    }
  });

  it('reports a lone surrogate as a policy error (a 400), not a TypeError (a 500)', async () => {
    const hasher = startHasher();
    const { policy: verdict, hash } = await hasher.hashIfPolicyAllows('violet quartz ferry \ud800 umbrella', {});
    expect(hash).toBeNull();
    expect(verdict).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringMatching(/cannot be used/)]) });
  });

  it('waits in the queue once: on a one-thread pool with no queue, one call fits where the two separate calls do not', async () => {
    const hasher = startHasher({ workers: 1, maxQueue: 0 });
    await hasher.verifyDummy('warm up');
    const separate = await Promise.allSettled([hasher.checkPasswordPolicy('violet quartz ferry 1', {}), hasher.hashPassword('violet quartz ferry 1')]);
    expect(separate.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    await expect(hasher.hashIfPolicyAllows('violet quartz ferry 1', {})).resolves.toMatchObject({ policy: { ok: true }, hash: expect.stringMatching(/^\$argon2id\$/) });
  });

  it('fails closed when the policy cannot load: no hash without a verdict', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bulwark-pool-missing-'));
    try {
      const hasher = startHasher({ blocklistFile: join(folder, 'missing.txt') });
      await expect(hasher.hashIfPolicyAllows('violet quartz ferry umbrella 1987', {})).rejects.toThrow(/could not load the password policy/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects programmer misuse with TypeError on the calling thread', async () => {
    const hasher = startHasher();
    await expect(hasher.hashIfPolicyAllows(42 as unknown as string, {})).rejects.toThrow(TypeError);
    await expect(hasher.hashIfPolicyAllows('x', { email: 7 as unknown as string })).rejects.toThrow(TypeError);
  });
});

/** The fastest of five runs, in ms: load only ever adds time, so the minimum is the cost. */
/**
 * The fastest of 7 runs of `candidate` and of `baseline`, taken in turns, in ms: load only adds
 * time, and taking them in turns makes a busy spell slow both alike.
 */
async function fastestInTurns(candidate: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ candidateMs: number; baselineMs: number }> {
  let candidateMs = Number.POSITIVE_INFINITY;
  let baselineMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 7; run += 1) {
    let start = performance.now();
    await candidate();
    candidateMs = Math.min(candidateMs, performance.now() - start);
    start = performance.now();
    await baseline();
    baselineMs = Math.min(baselineMs, performance.now() - start);
  }
  return { candidateMs, baselineMs };
}

/**
 * Counts event-loop turns until stopped. A timer, not a busy setImmediate loop: the nice-19
 * workers must not be starved by the test itself.
 */
function countEventLoopTurns(): { stop(): number } {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    if (done) return;
    turns += 1;
    setTimeout(tick, 1);
  };
  setImmediate(tick);
  return {
    stop() {
      done = true;
      return turns;
    },
  };
}
