import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

/** The same flow over a real TCP socket, as a browser or a script would see it. */
describe('over a real socket', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t.close());

  const json = { 'content-type': 'application/json' };

  it('registers, logs in, reads the session, logs out', async () => {
    const register = await fetch(`${base}/register`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'sockuser', email: 'sock@example.com', password: STRONG_PASSWORD }) });
    expect(register.status).toBe(201);

    const login = await fetch(`${base}/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'sockuser', password: STRONG_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const session = await fetch(`${base}/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.headers.get('server')).toBeNull();
    expect(session.headers.get('x-powered-by')).toBeNull();

    const logout = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${base}/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('answers a malformed request line-level body with a clean 4xx, not a crash', async () => {
    const response = await fetch(`${base}/login`, { method: 'POST', headers: json, body: '{"username": "a", "password": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_body' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
