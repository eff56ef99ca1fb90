/**
 * `bulwark keys generate`: prints a new random 32-byte master key as base64 on one line, the
 * form Keyring.fromConfig and the BULWARK keyring settings expect.
 */
import { encodeBase64 } from '../../crypto/encoding.js';
import { randomBytes } from '../../crypto/random.js';
import type { CliCommand } from '../io.js';

const USAGE = 'usage: bulwark keys generate\n';

export const keysCommand: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === 'generate' && rest.length === 0) {
    io.stdout.write(`${encodeBase64(randomBytes(32))}\n`);
    return 0;
  }
  if (subcommand === 'help' || subcommand === '--help' || subcommand === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  io.stderr.write(USAGE);
  return 2;
};
