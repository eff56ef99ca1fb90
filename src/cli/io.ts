/** What a CLI command may touch, passed in so commands are testable without a child process. */
export interface CliIo {
  stdin: AsyncIterable<Buffer | string>;
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
}

/** A subcommand: takes its arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

export async function readAll(stdin: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
