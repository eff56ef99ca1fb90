/**
 * The raw argon2id rate with the server's parameters: the same number of threads hashing
 * synchronously flat out, nothing else. Logins and sign-ups are compared against this.
 */
import { Worker } from 'node:worker_threads';

export interface HashRateOptions {
  threads: number;
  durationMs: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** Hashes per second across `threads` threads. */
export async function measureHashRate(options: HashRateOptions): Promise<number> {
  const started = Date.now();
  const counts = await Promise.all(
    Array.from({ length: options.threads }, () =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(new URL('./hash-rate-worker.mjs', import.meta.url), { workerData: options });
        worker.once('message', (count: number) => resolve(count));
        worker.once('error', reject);
      }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  return counts.reduce((a, b) => a + b, 0) / seconds;
}
