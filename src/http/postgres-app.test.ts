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
