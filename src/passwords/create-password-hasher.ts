import { assertArgon2Parameters } from './assert-argon2-parameters.js';
import { createDummyHash } from './dummy-hash.js';
import { encodePassword } from './encode-password.js';
import { createHashPool } from './hash-pool.js';
import type { Argon2Parameters, PasswordHasher, PasswordVerification } from './types.js';

export interface PasswordHasherOptions {
  /** Parameters for new hashes (and the bar below which stored argon2 hashes need re-hashing). */
  argon2: Argon2Parameters;
  /** Worker threads (config `hashWorkers`). */
  workers: number;
  /** Jobs allowed to wait when all workers are busy (config `hashQueueMax`); beyond it: OverloadedError. */
  maxQueue: number;
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

/**
 * Password hashing with argon2id (PHC strings) and verification of argon2id plus the imported
 * legacy schemes, all on a small pool of low-priority worker threads. The password is hashed
 * exactly as given, as UTF-8: normalizing it (e.g. NFKC) is the caller's decision.
 * Calls reject with OverloadedError (503) when the queue is full.
 */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const parameters: Argon2Parameters = {
    memoryCost: options.argon2.memoryCost,
    timeCost: options.argon2.timeCost,
    parallelism: options.argon2.parallelism,
  };
  assertArgon2Parameters(parameters);
  const pool = createHashPool({ workers: options.workers, maxQueue: options.maxQueue });
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
    close() {
      return pool.close();
    },
  };
}
