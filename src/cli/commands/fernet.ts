/**
 * `bulwark fernet generate-key | encrypt --key-file F | decrypt --key-file F [--ttl S]`:
 * Fernet tokens compatible with Python's cryptography.fernet. encrypt and decrypt read stdin
 * and write stdout; the key file holds the key as text (a trailing newline is fine).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DecryptionError } from '../../crypto/errors.js';
import { fernetDecrypt, fernetEncrypt, generateFernetKey, isFernetKey } from '../../crypto/fernet.js';
import { readAll, type CliCommand, type CliIo } from '../io.js';

const USAGE = [
  'usage: bulwark fernet generate-key',
  '       bulwark fernet encrypt --key-file FILE   < plaintext > token',
  '       bulwark fernet decrypt --key-file FILE [--ttl SECONDS]   < token > plaintext',
  '',
].join('\n');

class UsageError extends Error {}
/** The command was right but its key file is not: exit 1 with one line, like a bad token. */
class KeyFileError extends Error {}

function parseOptions(args: string[], allowTtl: boolean): { keyFile: string; ttl: number | undefined } {
  let values: { 'key-file'?: string; ttl?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: allowTtl ? { 'key-file': { type: 'string' }, ttl: { type: 'string' } } : { 'key-file': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const keyFile = values['key-file'];
  if (keyFile === undefined || keyFile === '') throw new UsageError('--key-file is required');
  let ttl: number | undefined;
  if (values.ttl !== undefined) {
    if (!/^\d{1,12}$/.test(values.ttl)) throw new UsageError('--ttl must be a whole number of seconds');
    ttl = Number(values.ttl);
  }
  return { keyFile, ttl };
}

async function readKey(path: string): Promise<string> {
  let contents: string;
  try {
    contents = await readFile(path, 'utf8');
  } catch {
    throw new KeyFileError(`cannot read key file ${path}`);
  }
  // Only surrounding whitespace is forgiven; the key itself must be exact, and is never echoed.
  const key = contents.trim();
  if (!isFernetKey(key)) throw new KeyFileError(`${path} does not hold a Fernet key (32 bytes as URL-safe base64)`);
  return key;
}

async function run(subcommand: string | undefined, args: string[], io: CliIo): Promise<number> {
  switch (subcommand) {
    case 'generate-key': {
      if (args.length > 0) throw new UsageError('generate-key takes no options');
      io.stdout.write(`${generateFernetKey()}\n`);
      return 0;
    }
    case 'encrypt': {
      const { keyFile } = parseOptions(args, false);
      const key = await readKey(keyFile);
      const plaintext = await readAll(io.stdin);
      io.stdout.write(`${fernetEncrypt(key, plaintext)}\n`);
      return 0;
    }
    case 'decrypt': {
      const { keyFile, ttl } = parseOptions(args, true);
      const key = await readKey(keyFile);
      const token = (await readAll(io.stdin)).toString('utf8').trim();
      io.stdout.write(fernetDecrypt(key, token, { ttl }));
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(subcommand === undefined ? 'missing subcommand' : `unknown subcommand: ${subcommand}`);
  }
}

export const fernetCommand: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  try {
    return await run(subcommand, rest, io);
  } catch (error) {
    if (error instanceof DecryptionError) {
      io.stderr.write('error: invalid or expired token\n');
      return 1;
    }
    if (error instanceof KeyFileError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
};
