/**
 * `bulwark serve` with REDIS_URL, as a real process: it says where the throttles count (without
 * the password), and it exits (rather than hanging on the open Redis connection and the hash
 * workers) both on SIGTERM and when it fails after connecting, e.g. on a taken port.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inCi, redisUrl } from '../test-support/environment.js';
import { probeRedis } from '../test-support/redis.js';

const redisProblem = await probeRedis();
if (redisProblem !== null && inCi) {
  describe('Redis availability (CI)', () => {
    it('reaches the test Redis', () => expect.fail(`Redis is required in CI but unreachable: ${redisProblem}`));
  });
} else if (redisProblem !== null) {
  console.warn(`SKIP: bulwark serve with REDIS_URL: no Redis at ${redisUrl} (${redisProblem})`);
}

const repoRoot = resolve(import.meta.dirname, '..', '..');
const RUN_MAIN = "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(['serve']);";

/** The test Redis's URL with a password in it (one it ignores, if it has none), to check it never shows. */
function redisUrlWithPassword(): { url: string; password: string } {
  const url = new URL(redisUrl);
  if (url.password === '') url.password = 'never-shown-secret';
  return { url: url.href, password: decodeURIComponent(url.password) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

interface Serving {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs `bulwark serve`; `onListening` may signal it; resolves when the process ends (or kills it after timeoutMs). */
function runServe(env: Record<string, string>, onListening: (pid: number) => void, timeoutMs: number): Promise<Serving> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUN_MAIN], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', HASH_WORKERS: '1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Serving = { stdout: '', stderr: '', code: null };
  child.stdout.on('data', (chunk: Buffer) => {
    result.stdout += chunk.toString();
    if (result.stdout.includes('Bulwark listening') && child.pid !== undefined) onListening(child.pid);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString();
  });
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(killer);
      result.code = code;
      done(result);
    });
  });
}

describe.skipIf(redisProblem !== null)('bulwark serve with REDIS_URL (a real process)', () => {
  const folders: string[] = [];
  const blockers: Server[] = [];
  const databaseUrl = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-serve-'));
    folders.push(dir);
    return `sqlite:${join(dir, 'b.db')}`;
  };
  afterEach(() => {
    for (const blocker of blockers.splice(0)) blocker.close();
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('names the Redis it counts in, never its password, and exits 0 on SIGTERM', async () => {
    const { url, password } = redisUrlWithPassword();
    const port = await freePort();
    let signalled = false;
    const run = await runServe(
      { REDIS_URL: url, DATABASE_URL: databaseUrl(), PORT: String(port) },
      (pid) => {
        if (signalled) return;
        signalled = true;
        process.kill(pid, 'SIGTERM');
      },
      30_000,
    );
    const where = new URL(url);
    expect(run.stdout).toContain(`Bulwark listening on http://127.0.0.1:${port} (database: sqlite, throttles: redis at redis://${where.host}`);
    expect(run.stdout + run.stderr).not.toContain(password);
    // Exiting on its own proves the Redis connection was closed: an open socket keeps Node alive.
    expect(run.code).toBe(0);
  });

  it('exits 1 with one line when the port is taken, instead of hanging on the open connections', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const { port } = blocker.address() as AddressInfo;
    const run = await runServe({ REDIS_URL: redisUrl, DATABASE_URL: databaseUrl(), PORT: String(port) }, () => {}, 20_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bulwark: cannot listen on HOST 127\.0\.0\.1, PORT \d+ \(EADDRINUSE\): another program listens there: stop it, or choose another PORT\.\n$/);
  });
});
