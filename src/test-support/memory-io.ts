/** A CLI's standard streams in memory, for running commands in tests. Tests only. */
import type { CliIo } from '../cli/io.js';

export function memoryIo(env: Record<string, string> = {}): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: (chunk) => out.push(String(chunk)) },
    stderr: { write: (chunk) => err.push(chunk) },
    env,
  };
  return { io, out, err };
}
