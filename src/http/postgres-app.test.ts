import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCi, postgresUrl } from '../test-support/environment.js';
import { createPostgresTestApp, probePostgres } from '../test-support/postgres.js';
import { registerUser, sessionCookieOf, signIn, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

const problem = await probePostgres();
if (problem !== null && inCi) {
  describe('PostgreSQL availability (CI)', () => {
    it('reaches the test PostgreSQL', () => expect.fail(`PostgreSQL is required in CI but unreachable: ${problem}`));
  });
} else if (problem !== null) {
  console.warn(`SKIP: the server on PostgreSQL: no PostgreSQL at ${postgresUrl} (${problem})`);
}

/** The same server, selected only by DATABASE_URL, on the real PostgreSQL (a fresh schema per run). */
describe.skipIf(problem !== null)('the whole server on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createPostgresTestApp();
  });
  afterAll(async () => t?.close());

  it('runs on postgres and serves the whole account flow', async () => {
    expect(t.deps.store.dialect).toBe('postgres');
    expect((await registerUser(t.app, 'pguser')).statusCode).toBe(201);
    expect((await registerUser(t.app, 'PGUSER')).statusCode).toBe(400);
    const wrong = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'pguser', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    // PostgreSQL cannot even compare a NUL byte: refused as malformed input, never a 500.
    const nul = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'pg\u0000user', password: 'not the password' } });
    expect(nul.statusCode).toBe(400);

    const first = await signIn(t.app, 'pguser');
    const second = await signIn(t.app, 'pguser@example.com');
    const sessions = (await t.app.inject({ method: 'GET', url: '/sessions', headers: { cookie: first.cookie } })).json().sessions;
    expect(sessions).toHaveLength(2);

    const changed = await t.app.inject({
      method: 'POST',
      url: '/change-password',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: 'postgres passphrase for the new year' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: sessionCookieOf(changed) } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });
});

/** A TCP relay to the test PostgreSQL that the test can cut, as a network failure or a stopped server would. */
async function startRelay(): Promise<{ port: number; cut(): Promise<void> }> {
  const target = new URL(postgresUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

describe.skipIf(problem !== null)('the server when PostgreSQL goes away', () => {
  // Requests sent right after the cut take pooled clients whose sockets are already gone: pg then
  // emitted 'error' on a client in use, which had no listener and stopped the process (Vitest
  // reports it as an unhandled error, which fails the run).
  it('stays up, and answers 503 with Retry-After (retry later) instead of 500', async () => {
    const relay = await startRelay();
    const t = await createPostgresTestApp({ LOG_LEVEL: 'warn' }, { viaPort: relay.port });
    try {
      expect((await registerUser(t.app, 'pgcut')).statusCode).toBe(201);
      const { cookie } = await signIn(t.app, 'pgcut');
      expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode).toBe(200);

      await relay.cut();
      const answers = [
        await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } }),
        await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'pgcut', password: STRONG_PASSWORD } }),
        await t.app.inject({ method: 'POST', url: '/register', payload: { username: 'pgcut2', email: 'pgcut2@example.com', password: STRONG_PASSWORD } }),
      ];
      for (const answer of answers) {
        expect(answer.statusCode).toBe(503);
        expect(answer.json()).toMatchObject({ error: 'overloaded' });
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body).not.toMatch(/ECONN|postgres|pg|terminated|127\.0\.0\.1/i);
      }
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);
    } finally {
      await t.close();
    }
  }, 30_000);
});
