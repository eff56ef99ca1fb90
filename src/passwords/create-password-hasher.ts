import type { PasswordPolicyOptions } from './types.js';
import { assertArgon2Parameters } from './assert-argon2-parameters.js';
import { createDummyHash } from './dummy-hash.js';
import { encodePassword } from './encode-password.js';
import { createHashPool } from './hash-pool.js';
import { assertPasswordPolicyOptions, type PasswordPolicyContext, type PasswordPolicyResult } from './policy.js';
import type { Argon2Parameters, PasswordHasher, PasswordVerification, PolicyCheckedHash } from './types.js';

export interface PasswordHasherOptions {
  /** Parameters for new hashes (and the bar below which stored argon2 hashes need re-hashing). */
  argon2: Argon2Parameters;
  /** Worker threads (config `hashWorkers`). */
  workers: number;
  /** Jobs allowed to wait when all workers are busy (config `hashQueueMax`); beyond it: OverloadedError. */
  maxQueue: number;
  /** Password policy the workers check against (config `passwordPolicy`). */
  policy: PasswordPolicyOptions;
  /** Extra blocklist, one password a line (config `passwordBlocklistFile`); each worker reads it once as it starts. */
  blocklistFile?: string | null;
}

function assertPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
}

function assertEncodablePassword(password: unknown): asserts password is string {
  assertPassword(password);
  // Policy validation runs first and should already refuse these; never store a lossy hash.
  if (encodePassword(password) === null) throw new TypeError('password must not contain lone surrogates');
}

function toVerification(result: unknown): PasswordVerification {
  if (typeof result !== 'object' || result === null) throw new Error('hash worker returned no verification');
  const { valid, needsRehash } = result as Record<string, unknown>;
  return { valid: valid === true, needsRehash: valid === true && needsRehash === true };
}

function policyOptionsOf(policy: PasswordPolicyOptions): PasswordPolicyOptions {
  assertPasswordPolicyOptions(policy);
  // Only the fields the workers use: a plain object that structured-clones as expected.
  const { minLength, maxLength, minScore, requiredCharacterClasses, maxAgeDays, historySize } = policy;
  return { minLength, maxLength, minScore, requiredCharacterClasses, maxAgeDays, historySize };
}

function blocklistFileOf(file: unknown): string | null {
  if (file === undefined || file === null) return null;
  if (typeof file !== 'string' || file.length === 0) throw new TypeError('blocklistFile must be a non-empty string or null');
  return file;
}

/** A copy with only the known fields, checked here so misuse throws TypeError on this thread. */
function policyContextOf(context: PasswordPolicyContext): PasswordPolicyContext {
  if (typeof context !== 'object' || context === null) throw new TypeError('context must be an object');
  const copy: PasswordPolicyContext = {};
  for (const key of ['username', 'email'] as const) {
    const value = context[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`context.${key} must be a string`);
    copy[key] = value;
  }
  return copy;
}

function toPolicyResult(result: unknown): PasswordPolicyResult {
  if (typeof result !== 'object' || result === null) throw new Error('password worker returned no policy result');
  const { ok, errors } = result as Record<string, unknown>;
  if (ok === true) return { ok: true };
  if (ok === false && Array.isArray(errors) && errors.length > 0 && errors.every((error) => typeof error === 'string')) {
    return { ok: false, errors: errors as string[] };
  }
  throw new Error('password worker returned a malformed policy result');
}

function toPolicyCheckedHash(result: unknown): PolicyCheckedHash {
  if (typeof result !== 'object' || result === null) throw new Error('password worker returned no policy result');
  const { policy: verdict, hash } = result as Record<string, unknown>;
  const policy = toPolicyResult(verdict);
  if (policy.ok && typeof hash === 'string') return { policy, hash };
  if (!policy.ok && hash === null) return { policy, hash: null };
  throw new Error('password worker returned a hash that does not match its policy verdict');
}

/**
 * Password hashing with argon2id (PHC strings) and verification of argon2id plus the imported
 * legacy schemes, and the password-policy check, all on the password worker pool (a few
 * low-priority worker threads). The password is hashed exactly as given, as UTF-8: normalizing
 * it (e.g. NFKC) is the caller's decision.
 * Calls reject with OverloadedError (503) when the queue is full.
 */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const parameters: Argon2Parameters = {
    memoryCost: options.argon2.memoryCost,
    timeCost: options.argon2.timeCost,
    parallelism: options.argon2.parallelism,
  };
  assertArgon2Parameters(parameters);
  const workerData = { policy: policyOptionsOf(options.policy), blocklistFile: blocklistFileOf(options.blocklistFile) };
  const pool = createHashPool({ workers: options.workers, maxQueue: options.maxQueue, workerData });
  const dummyHash = createDummyHash(pool, parameters);
  // Failures surface on the calls that await it; this only keeps the start from crashing the process.
  dummyHash.catch(() => undefined);

  async function verifyAgainst(storedHash: string, password: string): Promise<PasswordVerification> {
    return toVerification(await pool.run({ kind: 'verify', storedHash, password, parameters, dummyHash: await dummyHash }));
  }

  return {
    async hashPassword(password) {
      assertEncodablePassword(password);
      const hash = await pool.run({ kind: 'hash', password, parameters });
      if (typeof hash !== 'string') throw new Error('hash worker returned no hash');
      return hash;
    },
    async verifyPassword(storedHash, password) {
      assertPassword(password);
      // Stored hashes are data: anything that is not a string is simply not a match.
      return verifyAgainst(typeof storedHash === 'string' ? storedHash : '', password);
    },
    async verifyDummy(password) {
      assertPassword(password);
      await verifyAgainst(await dummyHash, password);
    },
    async checkPasswordPolicy(password, context) {
      assertPassword(password);
      return toPolicyResult(await pool.run({ kind: 'policy', password, context: policyContextOf(context) }));
    },
    async hashIfPolicyAllows(password, context) {
      // Not assertEncodablePassword: a lone surrogate is the policy's to report (as a 400), and
      // the worker hashes only what passed it.
      assertPassword(password);
      return toPolicyCheckedHash(await pool.run({ kind: 'policy-then-hash', password, context: policyContextOf(context), parameters }));
    },
    close() {
      return pool.close();
    },
  };
}
