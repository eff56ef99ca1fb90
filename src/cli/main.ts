import { ConfigError } from '../errors.js';
import { fernetCommand } from './commands/fernet.js';
import { keysCommand } from './commands/keys.js';
import type { CliCommand, CliIo } from './io.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';

const USAGE = `Usage: bulwark <command>

Commands:
  serve                          start the HTTP server (settings from the environment; see README)
  migrate                        bring the database to the latest schema
  keys generate                  print a new random 32-byte master key (base64)
  fernet generate-key            print a new Fernet key (as Python's Fernet.generate_key())
  fernet encrypt --key-file F    encrypt standard input to a Fernet token
  fernet decrypt --key-file F [--ttl S]
                                 decrypt a Fernet token from standard input
`;

const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  migrate: migrateCommand,
  keys: keysCommand,
  fernet: fernetCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(`bulwark: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`bulwark: ${error.message}\n`);
      return 78; // EX_CONFIG
    }
    // Operators get one line; the stack only when they ask for it.
    const verbose = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace';
    const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
    io.stderr.write(`bulwark: ${detail}\n`);
    return 1;
  }
}

function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
