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

const HELP_WORDS = new Set(['help', '--help', '-h']);

/** Exit status of a process whose reader went away: what a shell reports for one killed by SIGPIPE. */
const BROKEN_PIPE_EXIT = 128 + 13;

/**
 * For commands configured only by the environment: an argument is a mistake (`serve --port 9999`
 * would otherwise listen on PORT, and `migrate --help` migrate), refused before anything is opened.
 */
function withoutArguments(name: string, command: CliCommand): CliCommand {
  return async (args, io) => {
    if (args.length === 1 && HELP_WORDS.has(args[0] ?? '')) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.length > 0) {
      io.stderr.write(`bulwark: ${name} takes no arguments: its settings come from the environment (see the README's configuration table).\n\n${USAGE}`);
      return 2;
    }
    return command(args, io);
  };
}

const COMMANDS: Record<string, CliCommand> = {
  serve: withoutArguments('serve', serveCommand),
  migrate: withoutArguments('migrate', migrateCommand),
  keys: keysCommand,
  fernet: fernetCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP_WORDS.has(name)) {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
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
  // `bulwark keys generate | head -c0`: the reader has gone, so there is no one to tell; Node
  // would throw EPIPE from the write with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(BROKEN_PIPE_EXIT);
      throw error;
    });
  }
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
