/**
 * Entry point of each password worker thread (loaded by piscina, see hash-pool.ts). Hashing,
 * verification and the password-policy check (zxcvbn) run here synchronously on purpose: the
 * thread does nothing else, and keeping the work on this low-priority thread leaves the event
 * loop and the libuv thread pool free.
 */
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { hashArgon2id } from './argon2id.js';
import { readBlocklistFileSync } from './common-passwords.js';
import { encodePassword } from './encode-password.js';
import type { HashTask, PasswordWorkerData } from './hash-task.js';
import { checkPasswordPolicy, loadPasswordPolicy, type PasswordPolicyCheckOptions, type PasswordPolicyResult } from './policy.js';
import type { Argon2Parameters, PasswordVerification, PolicyCheckedHash } from './types.js';
import { verifyStoredHash } from './verify-stored-hash.js';

/** Lowest scheduling priority (highest nice value), so request handling always wins the CPU. */
const LOWEST_PRIORITY = 19;

// On Linux the nice value is per thread and pid 0 means the calling thread, so this lowers only
// this worker. On macOS and Windows the same call would lower the whole process, event loop
// included, so there the workers keep normal priority.
if (process.platform === 'linux') {
  try {
    setPriority(0, LOWEST_PRIORITY);
  } catch {
    // Refused (e.g. a seccomp profile): hashing still runs off the event loop.
  }
}

/**
 * The policy options with the blocklist file's entries, or the error that prevented reading
 * them. Loaded once, as the thread starts, so the first request does not pay for building the
 * blocklist and the zxcvbn estimator (a few hundred ms). A load failure does not stop the
 * thread: hashing still works, and every policy check rejects with the reason (failing closed)
 * instead of piscina restarting a worker that can never load.
 */
function loadPolicy(): PasswordPolicyCheckOptions | Error {
  const data = workerData as PasswordWorkerData | undefined;
  if (data === undefined || typeof data !== 'object' || data === null) return new TypeError('password worker started without its settings');
  try {
    const extraBlocklist = data.blocklistFile === null ? undefined : readBlocklistFileSync(data.blocklistFile);
    loadPasswordPolicy(extraBlocklist);
    return { ...data.policy, ...(extraBlocklist === undefined ? {} : { extraBlocklist }) };
  } catch (error) {
    // The message, not only the cause: causes do not survive the trip back to the main thread.
    const reason = error instanceof Error ? error.message : String(error);
    return new Error(`password worker could not load the password policy: ${reason}`, { cause: error });
  }
}

const policy = loadPolicy();

function hashNewPassword(password: string, parameters: Argon2Parameters): string {
  const bytes = encodePassword(password);
  if (bytes === null) throw new TypeError('password must be a string with no lone surrogates');
  return hashArgon2id(bytes, parameters);
}

export default function runHashTask(task: HashTask): string | PasswordVerification | PasswordPolicyResult | PolicyCheckedHash {
  switch (task.kind) {
    case 'hash':
      return hashNewPassword(task.password, task.parameters);
    case 'verify':
      return verifyStoredHash(task.storedHash, task.password, task.parameters, task.dummyHash);
    case 'policy':
      if (policy instanceof Error) throw policy;
      return checkPasswordPolicy(task.password, task.context, policy);
    case 'policy-then-hash': {
      if (policy instanceof Error) throw policy;
      const verdict = checkPasswordPolicy(task.password, task.context, policy);
      return { policy: verdict, hash: verdict.ok ? hashNewPassword(task.password, task.parameters) : null };
    }
    default:
      throw new TypeError('unknown hash task');
  }
}
