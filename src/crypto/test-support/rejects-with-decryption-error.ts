import { DecryptionError } from '../errors.js';

/** True when `run` throws the one DecryptionError; any other error is a test failure. */
export function rejectsWithDecryptionError(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    if (error instanceof DecryptionError) return true;
    throw error;
  }
}
