/**
 * Runs Python's `cryptography` package for interop tests: argument arrays only, never a shell
 * string. In CI a missing python3 or cryptography fails the run; locally tests skip with a
 * message. Tests and benchmarks only.
 */
import { spawnSync } from 'node:child_process';
import { inCi } from '../../test-support/environment.js';

const PYTHON = process.env.BULWARK_PYTHON ?? 'python3';

let availability: string | null | undefined;

/** The installed cryptography version, or null (after warning) when it cannot be used here. */
export function pythonCryptographyVersion(): string | null {
  if (availability !== undefined) return availability;
  const result = spawnSync(PYTHON, ['-c', 'import cryptography; print(cryptography.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status === 0) {
    availability = result.stdout.trim();
  } else {
    const message = `python3 with the cryptography package is not available (${result.error?.message ?? result.stderr.trim()})`;
    if (inCi) throw new Error(message);
    console.warn(`SKIP: ${message}`);
    availability = null;
  }
  return availability;
}

/** True when interop tests can run; throws in CI when they cannot. */
export function hasPythonCryptography(): boolean {
  return pythonCryptographyVersion() !== null;
}

/**
 * Runs `script` with `python3 -c`, passing `args` as sys.argv[1:] and `input` on stdin.
 * Returns stdout; throws with Python's stderr when the script exits non-zero.
 */
export function runPython(script: string, args: readonly string[] = [], input?: string | Uint8Array): Buffer {
  const result = spawnSync(PYTHON, ['-c', script, ...args], { input, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python exited with ${result.status}: ${result.stderr.toString('utf8').trim()}`);
  return result.stdout;
}

/** runPython, stdout as trimmed UTF-8 text. */
export function runPythonText(script: string, args: readonly string[] = [], input?: string | Uint8Array): string {
  return runPython(script, args, input).toString('utf8').trim();
}
