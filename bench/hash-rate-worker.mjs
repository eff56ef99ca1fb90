// One thread hashing flat out with argon2id, synchronously, for a fixed time (see hash-rate.ts).
// With `withPolicy`, each password is first checked by the server's own password policy (the
// built dist/ code, zxcvbn included), as a sign-up's worker does.
import { randomBytes } from 'node:crypto';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Algorithm, hashSync } from '@node-rs/argon2';

const POLICY_WARMUP_CHECKS = 500;
const { durationMs, memoryCost, timeCost, parallelism, withPolicy, password } = workerData;
const policy = withPolicy ? await import('../dist/passwords/policy.js') : null;
policy?.loadPasswordPolicy();
const checkPolicy = (username) => {
  const verdict = policy.checkPasswordPolicy(password, { username, email: `${username}@example.com` }, policy.defaultPasswordPolicyOptions);
  if (!verdict.ok) throw new Error(`the benchmark password fails the policy: ${verdict.errors.join(' ')}`);
};
// The server's workers have checked many passwords by the time (b) is measured (the bench warms
// them up): compile the check here too, so the baseline is not slowed by a cold JIT.
if (policy !== null) for (let i = 0; i < POLICY_WARMUP_CHECKS; i++) checkPolicy(`warmup${threadId}_${i}`);
// Timed from here, after loading: the rate is of the work itself, not of starting a thread.
const started = performance.now();
const end = Date.now() + durationMs;
let count = 0;
while (Date.now() < end) {
  if (policy !== null) checkPolicy(`baseline${threadId}_${count}`);
  hashSync(password, { algorithm: Algorithm.Argon2id, memoryCost, timeCost, parallelism, salt: randomBytes(16) });
  count++;
}
parentPort.postMessage({ count, seconds: (performance.now() - started) / 1000 });
