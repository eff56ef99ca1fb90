import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, createTestApp, registerUser, signIn, type TestApp } from '../../test-support/test-app.js';

describe('GET /session and POST /logout', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await registerUser(t.app, 'alice');
  });
  afterEach(async () => t.close());

  const getSession = (cookie?: string) => t.app.inject({ method: 'GET', url: '/session', headers: cookie ? { cookie } : {} });

  it('returns the user, the session and the CSRF token for a valid cookie', async () => {
    const { cookie, csrfToken } = await signIn(t.app, 'alice');
    const response = await getSession(cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['csrfToken', 'passwordExpired', 'session', 'user']);
    expect(body.user.username).toBe('alice');
    expect(body.session.current).toBe(true);
    expect(body.csrfToken).toBe(csrfToken);
  });

  it('answers 401 without a cookie, and for a forged or malformed token', async () => {
    expect((await getSession()).statusCode).toBe(401);
    expect((await getSession('bulwark_session=' + 'A'.repeat(43))).statusCode).toBe(401);
    expect((await getSession("bulwark_session=' OR 1=1 --")).statusCode).toBe(401);
    expect((await getSession()).json().error).toBe('unauthenticated');
  });

  it('logout revokes the session server-side: the old cookie replayed later is refused', async () => {
    const { cookie, csrfToken } = await signIn(t.app, 'alice');
    const logout = await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/bulwark_session=;/);
    expect((await getSession(cookie)).statusCode).toBe(401);
  });

  it('expires a session after 30 idle minutes', async () => {
    const { cookie } = await signIn(t.app, 'alice');
    t.advance(29 * 60_000);
    expect((await getSession(cookie)).statusCode).toBe(200);
    // That request refreshed lastSeenAt (it was older than a minute), so another 29 minutes are fine...
    t.advance(29 * 60_000);
    expect((await getSession(cookie)).statusCode).toBe(200);
    // ...but 31 idle minutes are not.
    t.advance(31 * 60_000);
    expect((await getSession(cookie)).statusCode).toBe(401);
  });

  it('expires a session after 12 hours however active it is', async () => {
    const { cookie } = await signIn(t.app, 'alice');
    // Active every 25 minutes for 11 h 40 min: never idle long enough to expire.
    for (let i = 0; i < 28; i++) {
      t.advance(25 * 60_000);
      expect((await getSession(cookie)).statusCode).toBe(200);
    }
    t.advance(25 * 60_000);
    expect((await getSession(cookie)).statusCode).toBe(401);
  });

  it('writes lastSeenAt at most once a minute, not on every request', async () => {
    const { cookie } = await signIn(t.app, 'alice');
    const before = (await getSession(cookie)).json().session.lastSeenAt;
    t.advance(30_000);
    expect((await getSession(cookie)).json().session.lastSeenAt).toBe(before);
    t.advance(31_000);
    expect((await getSession(cookie)).json().session.lastSeenAt).not.toBe(before);
  });
});

describe('CSRF on session routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await registerUser(t.app, 'alice');
  });
  afterEach(async () => t.close());

  it('refuses an unsafe request without the token (a cross-site form post riding the cookie)', async () => {
    const { cookie } = await signIn(t.app, 'alice');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('csrf');
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a wrong token, including another session\'s token', async () => {
    const a = await signIn(t.app, 'alice');
    const b = await signIn(t.app, 'alice');
    const wrong = await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie: a.cookie, 'x-csrf-token': b.csrfToken } });
    expect(wrong.statusCode).toBe(403);
  });

  it('checks CSRF before authentication: no cookie and no token answers 403, not 401', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/logout' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('csrf');
  });

  // On SQLite a session that was just used is answered from memory without a promise: the
  // CSRF check must come first on that path too. GET /session first puts the session there.
  const unsafeRoutes = [
    { method: 'POST', route: '/logout', url: () => '/logout' },
    { method: 'POST', route: '/change-password', url: () => '/change-password' },
    { method: 'DELETE', route: '/sessions/:id', url: (sessionId: string) => `/sessions/${sessionId}` },
  ] as const;
  it.each(unsafeRoutes)('refuses $method $route on a session held in memory without the token or with another session\'s token', async ({ method, url }) => {
    const victim = await signIn(t.app, 'alice');
    const other = await signIn(t.app, 'alice');
    const held = await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: victim.cookie } });
    expect(held.statusCode).toBe(200);
    const sessionId: string = held.json().session.id;
    const body = { currentPassword: STRONG_PASSWORD, newPassword: 'an entirely different passphrase 77' };
    for (const headers of [{ cookie: victim.cookie }, { cookie: victim.cookie, 'x-csrf-token': other.csrfToken }]) {
      const forged = await t.app.inject({ method, url: url(sessionId), headers, payload: body });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error).toBe('csrf');
    }
    // Nothing happened: the session still signs in.
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: victim.cookie } })).statusCode).toBe(200);
  });

  it('accepts the token in a _csrf form field', async () => {
    const { cookie, csrfToken } = await signIn(t.app, 'alice');
    const response = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${csrfToken}`,
    });
    expect(response.statusCode).toBe(204);
  });
});
