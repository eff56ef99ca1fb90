/**
 * Entry point of each hash worker thread (loaded by piscina, see hash-pool.ts). Hashing here is
 * synchronous on purpose: the thread does nothing else, and keeping the work on this
 * low-priority thread leaves the event loop and the libuv thread pool free.
 */
import { setPriority } from 'node:os';
import { hashArgon2id } from './argon2id.js';
import { encodePassword } from './encode-password.js';
import type { HashTask } from './hash-task.js';
import type { PasswordVerification } from './types.js';
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

export default function runHashTask(task: HashTask): string | PasswordVerification {
  switch (task.kind) {
    case 'hash': {
      const bytes = encodePassword(task.password);
      if (bytes === null) throw new TypeError('password must be a string with no lone surrogates');
      return hashArgon2id(bytes, task.parameters);
    }
    case 'verify':
      return verifyStoredHash(task.storedHash, task.password, task.parameters, task.dummyHash);
    default:
      throw new TypeError('unknown hash task');
  }
}
