import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, sessionCookieOf, signIn, STRONG_PASSWORD, type TestApp } from '../../test-support/test-app.js';

const NEW_PASSWORD = 'a whole new passphrase for 2027';

describe('POST /change-password', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ PASSWORD_HISTORY: '2' });
    await registerUser(t.app, 'alice');
  });
  afterEach(async () => t.close());

  const change = (signedIn: { cookie: string; csrfToken: string }, body: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/change-password', headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken }, payload: body });
  const sessionStatus = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/session', headers: { cookie } })).statusCode;

  it('changes the password, revokes every other session and rotates the current one', async () => {
    const here = await signIn(t.app, 'alice');
    const elsewhere = await signIn(t.app, 'alice', STRONG_PASSWORD, '192.0.2.50');
    const response = await change(here, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(200);
    const fresh = sessionCookieOf(response);
    expect(fresh).not.toBe(here.cookie);
    expect(await sessionStatus(fresh)).toBe(200);
    expect(await sessionStatus(here.cookie)).toBe(401);
    expect(await sessionStatus(elsewhere.cookie)).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: NEW_PASSWORD } })).statusCode).toBe(200);
  });

  it('requires the current password (a stolen session alone cannot take the account over)', async () => {
    const here = await signIn(t.app, 'alice');
    const response = await change(here, { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.currentPassword).toHaveLength(1);
    expect(await sessionStatus(here.cookie)).toBe(200);
  });

  it('applies the password policy to the new password', async () => {
    const here = await signIn(t.app, 'alice');
    const response = await change(here, { currentPassword: STRONG_PASSWORD, newPassword: 'Password123!' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.newPassword.length).toBeGreaterThan(0);
  });

  it('refuses reuse of a recent password when history is on', async () => {
    let session = await signIn(t.app, 'alice');
    const first = await change(session, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD });
    expect(first.statusCode).toBe(200);
    session = { cookie: sessionCookieOf(first), csrfToken: first.json().csrfToken };
    const back = await change(session, { currentPassword: NEW_PASSWORD, newPassword: STRONG_PASSWORD });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors.newPassword[0]).toMatch(/not used/);
  });

  it('needs the CSRF token and a session', async () => {
    const here = await signIn(t.app, 'alice');
    const noToken = await t.app.inject({ method: 'POST', url: '/change-password', headers: { cookie: here.cookie }, payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(noToken.statusCode).toBe(403);
    const noSession = await t.app.inject({ method: 'POST', url: '/change-password', payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(noSession.statusCode).toBe(403);
  });
});
