import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { keysCommand } from './keys.js';

function memoryIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: (chunk) => (out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) },
    stderr: { write: (chunk) => (err += chunk) },
    env: {},
  };
  return { io, out: () => out, err: () => err };
}

describe('bulwark keys', () => {
  it('generate prints one line: a fresh random 32-byte key in base64', async () => {
    const first = memoryIo();
    const second = memoryIo();
    expect(await keysCommand(['generate'], first.io)).toBe(0);
    expect(await keysCommand(['generate'], second.io)).toBe(0);
    expect(first.out()).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(Buffer.from(first.out().trim(), 'base64')).toHaveLength(32);
    expect(first.out()).not.toBe(second.out());
    expect(first.err()).toBe('');
  });

  it('unknown or missing subcommands print usage on stderr and exit 2', async () => {
    for (const args of [[], ['nope'], ['generate', 'extra']]) {
      const { io, out, err } = memoryIo();
      expect(await keysCommand(args, io)).toBe(2);
      expect(out()).toBe('');
      expect(err()).toContain('usage: bulwark keys generate');
    }
  });
});
