/**
 * The raw argon2id rate with the server's parameters: the same number of threads hashing
 * synchronously flat out, nothing else. Logins and sign-ups are compared against this.
 * With `withPolicy`, the rate of the work a sign-up cannot skip: the policy check, then the hash.
 */
import { Worker } from 'node:worker_threads';

export interface HashRateOptions {
  threads: number;
  durationMs: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** The password hashed (and checked); its length does not change argon2's cost, but zxcvbn's. */
  password: string;
  /** Check each password with the server's password policy before hashing it, as sign-ups do. */
  withPolicy?: boolean;
}

/** Hashes per second across `threads` threads, each timed from when it is ready to hash. */
export async function measureHashRate(options: HashRateOptions): Promise<number> {
  const rates = await Promise.all(
    Array.from({ length: options.threads }, () =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(new URL('./hash-rate-worker.mjs', import.meta.url), { workerData: options });
        worker.once('message', ({ count, seconds }: { count: number; seconds: number }) => resolve(count / seconds));
        worker.once('error', reject);
      }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}
