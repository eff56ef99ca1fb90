import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { memoryIo } from '../test-support/memory-io.js';
import { main } from './main.js';

describe('bulwark CLI', () => {
  it('prints usage for help and refuses unknown commands', async () => {
    const help = memoryIo();
    expect(await main(['help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('serve');
    const unknown = memoryIo();
    expect(await main(['launch-missiles'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain('unknown command');
  });

  it('refuses arguments to serve and migrate (exit 2, nothing opened), explains --help, and needs a command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'never.db')}` };
      for (const argv of [['serve', '--port', '9999'], ['serve', '--no-such-option'], ['migrate', 'now'], ['migrate', '--help', 'extra']]) {
        const { io, err } = memoryIo(env);
        expect(await main(argv, io), argv.join(' ')).toBe(2);
        expect(err.join('')).toMatch(/takes no arguments: its settings come from the environment/);
      }
      for (const argv of [['migrate', '--help'], ['serve', '-h']]) {
        const { io, out } = memoryIo(env);
        expect(await main(argv, io)).toBe(0);
        expect(out.join('')).toContain('Usage: bulwark');
      }
      // None of them touched the database.
      expect(existsSync(join(dir, 'never.db'))).toBe(false);
      const { io, out } = memoryIo(env);
      expect(await main([], io)).toBe(2);
      expect(out.join('')).toContain('Usage: bulwark');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops quietly when whoever reads its output has gone (no stack trace for a closed pipe)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(['keys', 'generate']);"], {
      cwd: resolve(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the key is written, as `bulwark keys generate | true` does.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });

  it('migrate creates the SQLite database with the full schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
    try {
      const url = `sqlite:${join(dir, 'nested', 'b.db')}`;
      const { io, out } = memoryIo({ DATABASE_URL: url });
      expect(await main(['migrate'], io)).toBe(0);
      expect(out.join('')).toContain('up to date');
      const store = await openStore(url, { migrate: false });
      expect(await store.users.findUserByLogin('nobody')).toBeNull();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 78 with every configuration problem listed, never echoing a secret', async () => {
    const { io, err } = memoryIo({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(await main(['migrate'], io)).toBe(78);
    const message = err.join('');
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('reports an operational failure in one line, e.g. a second process on the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
    const url = `sqlite:${join(dir, 'busy.db')}`;
    const holder = await openStore(url);
    try {
      const { io, err } = memoryIo({ DATABASE_URL: url });
      expect(await main(['migrate'], io)).toBe(1);
      expect(err.join('')).toMatch(/^bulwark: The SQLite database .* is in use by another process/);
      expect(err.join('')).not.toMatch(/\n\s+at /);
    } finally {
      await holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

