import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDependencies, type RunningDependencies } from '../cli/create-dependencies.js';
import { loadConfig } from '../config/index.js';
import { buildApp } from './build-app.js';
import { createLogger } from './logger.js';

describe('logging', () => {
  let deps: RunningDependencies | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await deps?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('never writes passwords, cookies, CSRF tokens or session tokens, even at trace level', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-log-'));
    const config = { ...loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'db')}`, LOG_LEVEL: 'trace', HASH_WORKERS: '1' }), argon2: { memoryCost: 8192, timeCost: 1, parallelism: 1 } };
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    deps = await createDependencies(config);
    const app = await buildApp(config, deps, { logger: createLogger(config, sink) });
    const password = 'Unmistakable Secret Passphrase 9931';
    await app.inject({ method: 'POST', url: '/register', payload: { username: 'loggy', email: 'loggy@example.com', password } });
    const login = await app.inject({ method: 'POST', url: '/login', payload: { username: 'loggy', password } });
    const token = login.cookies[0]?.value ?? '';
    const csrf = login.json().csrfToken as string;
    await app.inject({ method: 'POST', url: '/logout', headers: { cookie: `bulwark_session=${token}`, 'x-csrf-token': csrf, authorization: 'Bearer top-secret-bearer' } });
    // A failing request logs its error too.
    await app.inject({ method: 'POST', url: '/login', payload: { username: 'loggy', password: 'wrong but also secret 123' } });
    await app.close();

    expect(token).toHaveLength(43);
    expect(written.length).toBeGreaterThan(0); // trace level did log the requests
    for (const secret of [password, token, csrf, 'top-secret-bearer', 'wrong but also secret 123']) expect(written).not.toContain(secret);
  });

  it('redacts secret-bearing fields wherever a log call puts them', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger({ logLevel: 'info' }, sink);
    logger.info({
      req: { headers: { cookie: 'bulwark_session=SECRET-COOKIE', authorization: 'Bearer SECRET-BEARER', 'x-csrf-token': 'SECRET-CSRF' } },
      body: { password: 'SECRET-PASSWORD', newPassword: 'SECRET-NEW' },
      err: { message: 'Parse Error', rawPacket: 'GET / HTTP/1.1 Cookie: SECRET-RAW' },
      user: { passwordHash: 'SECRET-HASH', token: 'SECRET-TOKEN' },
    }, 'something happened');
    expect(written).toContain('something happened');
    expect(written).toContain('[redacted]');
    expect(written).not.toMatch(/SECRET-/);
  });
});

