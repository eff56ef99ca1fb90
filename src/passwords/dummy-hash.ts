import { randomBytes } from 'node:crypto';
import type { HashPool } from './hash-pool.js';
import type { Argon2Parameters } from './types.js';

/**
 * Makes, on a worker thread, an argon2id hash with the configured parameters of a random
 * password nobody knows. Verifying against it costs what verifying a real current hash costs,
 * which is what unknown users and unusable stored hashes are charged, and what is added to a
 * failed check of a cheaper hash (legacy, or weaker argon2) so no failure costs less.
 */
export async function createDummyHash(pool: HashPool, parameters: Argon2Parameters): Promise<string> {
  const hash = await pool.run({ kind: 'hash', password: randomBytes(32).toString('base64url'), parameters });
  if (typeof hash !== 'string') throw new Error('hash worker returned no hash');
  return hash;
}
