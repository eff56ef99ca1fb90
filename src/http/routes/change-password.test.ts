import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, registerUser, sessionCookieOf, signIn, STRONG_PASSWORD, type SignedIn, type TestApp } from '../../test-support/test-app.js';

const NEW_PASSWORD = 'a whole new passphrase for 2027';
const THIRD_PASSWORD = 'yet another passphrase, for 2028';
const REUSED_OF_LAST_2 = 'Choose a password that is not one of your last 2 passwords (your current one counts).';

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

  it('records password.changed on the audit trail, once, with no password or hash in it', async () => {
    const here = await signIn(t.app, 'alice');
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    expect((await change(here, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    const changed = (await t.deps.store.audit.listEvents({ userId: user.id, limit: 50 })).filter((e) => e.event === 'password.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ userId: user.id, ip: '127.0.0.1' });
    const newHash = (await t.deps.store.users.findUserById(user.id))?.passwordHash ?? '';
    const recorded = JSON.stringify(changed[0]);
    for (const secret of [STRONG_PASSWORD, NEW_PASSWORD, user.passwordHash, newHash, newHash.split('$').at(-1) ?? '']) {
      expect(recorded).not.toContain(secret);
    }
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
    expect(back.json().errors).toEqual({ newPassword: [REUSED_OF_LAST_2] });
  });

  it('answers 403 csrf, before any session lookup, to a request without the CSRF token or without a session cookie', async () => {
    const here = await signIn(t.app, 'alice');
    const lookup = vi.spyOn(t.deps.store.sessions, 'findSessionWithUser');
    // Attack: a cross-site form rides the cookie without the token; a forged request learns nothing about the session.
    const noToken = await t.app.inject({ method: 'POST', url: '/change-password', headers: { cookie: here.cookie }, payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf');
    const noSession = await t.app.inject({ method: 'POST', url: '/change-password', payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(noSession.statusCode).toBe(403);
    expect(noSession.json().error).toBe('csrf');
    expect(lookup).not.toHaveBeenCalled();
    expect(await sessionStatus(here.cookie)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode).toBe(200);
  });

  it('answers 401 unauthenticated to the sessions a change revoked, replaying their cookie and CSRF token', async () => {
    const here = await signIn(t.app, 'alice');
    const elsewhere = await signIn(t.app, 'alice', STRONG_PASSWORD, '192.0.2.50');
    // Both in use just before the change (so their lookups are as warm as they get).
    expect(await sessionStatus(elsewhere.cookie)).toBe(200);
    const changed = await change(here, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.statusCode).toBe(200);
    const fresh = sessionCookieOf(changed);
    const freshId = (await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: fresh } })).json<{ session: { id: string } }>().session.id;

    // The attack: the owner changed the password because a session was stolen; the thief, or a
    // device left signed in, replays its cookie and still-valid CSRF token to keep control.
    for (const [who, revoked] of Object.entries({ 'the session used for the change': here, 'another session': elsewhere })) {
      const headers = { cookie: revoked.cookie, 'x-csrf-token': revoked.csrfToken };
      const replays = {
        'POST /change-password': await t.app.inject({ method: 'POST', url: '/change-password', headers, payload: { currentPassword: NEW_PASSWORD, newPassword: THIRD_PASSWORD } }),
        'POST /logout': await t.app.inject({ method: 'POST', url: '/logout', headers }),
        'DELETE /sessions/:id': await t.app.inject({ method: 'DELETE', url: `/sessions/${freshId}`, headers }),
      };
      for (const [route, response] of Object.entries(replays)) {
        expect(response.statusCode, `${who}: ${route}`).toBe(401);
        expect(response.json().error, `${who}: ${route}`).toBe('unauthenticated');
        expect(response.headers['set-cookie'], `${who}: ${route}`).toBeUndefined();
      }
    }
    // Nothing was done: the new session lives and the new password is still the password.
    const left = (await t.app.inject({ method: 'GET', url: '/sessions', headers: { cookie: fresh } })).json<{ sessions: { id: string }[] }>().sessions;
    expect(left.map((s) => s.id)).toEqual([freshId]);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: NEW_PASSWORD } })).statusCode).toBe(200);
  });

  it('accepts a form-encoded body with the CSRF token in the _csrf field', async () => {
    const here = await signIn(t.app, 'alice');
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/change-password',
        headers: { cookie: here.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    // Attack: a cross-site form post rides the cookie but cannot know the token.
    const forged = await form({ currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('csrf');
    const response = await form({ currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD, _csrf: here.csrfToken });
    expect(response.statusCode).toBe(200);
    expect(response.json().csrfToken).toEqual(expect.any(String));
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: NEW_PASSWORD } })).statusCode).toBe(200);
  });

  it('throttles wrong current passwords like logins: after 5, even the right one gets 429 with Retry-After', async () => {
    const here = await signIn(t.app, 'alice');
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    // Attack: a stolen session is used to guess the current password, and so take the account over.
    for (let i = 0; i < 5; i++) {
      const guess = await change(here, { currentPassword: `guess number ${i} for alice`, newPassword: NEW_PASSWORD });
      expect(guess.statusCode, `guess ${i}`).toBe(400);
      expect(Object.keys(guess.json().errors)).toEqual(['currentPassword']);
    }
    for (const attempt of ['sixth guess for alice', STRONG_PASSWORD]) {
      const blocked = await change(here, { currentPassword: attempt, newPassword: NEW_PASSWORD });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error).toBe('too_many_attempts');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(t.config.throttle.loginBlockSeconds);
    }
    // The right password, sent while blocked, changed nothing.
    expect((await t.deps.store.users.findUserByLogin('alice'))?.passwordHash).toBe(user.passwordHash);
    expect(await sessionStatus(here.cookie)).toBe(200);
    const events = (await t.deps.store.audit.listEvents({ userId: user.id, limit: 50 })).map((e) => e.event);
    expect(events.filter((e) => e === 'password.change_failed')).toHaveLength(5);
    // One event for the refused client, not one per refusal (see the login test).
    expect(events.filter((e) => e === 'password.change_throttled')).toHaveLength(1);
    expect(events).not.toContain('password.changed');
  });

  describe('password history (PASSWORD_HISTORY=N counts the current password)', () => {
    const changeTo = async (signedIn: SignedIn, currentPassword: string, newPassword: string, app = t) => {
      const response = await app.app.inject({
        method: 'POST',
        url: '/change-password',
        headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken },
        payload: { currentPassword, newPassword },
      });
      const next: SignedIn = response.statusCode === 200 ? { cookie: sessionCookieOf(response), csrfToken: response.json().csrfToken } : signedIn;
      return { response, next };
    };
    const storedHistory = async (app: TestApp) => {
      const user = await app.deps.store.users.findUserByLogin('alice');
      if (user === null) throw new Error('setup');
      return app.deps.store.users.listPasswordHistory(user.id, 24);
    };

    it('with N=2 refuses the current and the previous password, and allows the one before them', async () => {
      // P0 -> P1 -> P2.
      const toP1 = await changeTo(await signIn(t.app, 'alice'), STRONG_PASSWORD, NEW_PASSWORD);
      expect(toP1.response.statusCode).toBe(200);
      const toP2 = await changeTo(toP1.next, NEW_PASSWORD, THIRD_PASSWORD);
      expect(toP2.response.statusCode).toBe(200);
      const session = toP2.next;
      // Only N-1 old hashes are worth keeping beside the current one.
      expect(await storedHistory(t)).toHaveLength(1);

      for (const reused of [NEW_PASSWORD, THIRD_PASSWORD]) {
        const refused = await changeTo(session, THIRD_PASSWORD, reused);
        expect(refused.response.statusCode).toBe(400);
        expect(refused.response.json().errors).toEqual({ newPassword: [REUSED_OF_LAST_2] });
      }
      const oldest = await changeTo(session, THIRD_PASSWORD, STRONG_PASSWORD);
      expect(oldest.response.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode).toBe(200);
    });

    it('with N=1 refuses only the current password; the previous one may come back', async () => {
      const one = await createTestApp({ PASSWORD_HISTORY: '1' });
      try {
        await registerUser(one.app, 'alice');
        const toP1 = await changeTo(await signIn(one.app, 'alice'), STRONG_PASSWORD, NEW_PASSWORD, one);
        expect(toP1.response.statusCode).toBe(200);
        const session = toP1.next;
        expect(await storedHistory(one)).toEqual([]);
        const same = await changeTo(session, NEW_PASSWORD, NEW_PASSWORD, one);
        expect(same.response.statusCode).toBe(400);
        expect(same.response.json().errors).toEqual({ newPassword: ['Choose a password different from your current one.'] });
        expect((await changeTo(session, NEW_PASSWORD, STRONG_PASSWORD, one)).response.statusCode).toBe(200);
      } finally {
        await one.close();
      }
    });

    it('with N=0 (the default) checks no history, not even the current password, and stores none', async () => {
      const off = await createTestApp();
      try {
        await registerUser(off.app, 'alice');
        const session = await signIn(off.app, 'alice');
        const same = await changeTo(session, STRONG_PASSWORD, STRONG_PASSWORD, off);
        expect(same.response.statusCode).toBe(200);
        expect(await storedHistory(off)).toEqual([]);
      } finally {
        await off.close();
      }
    });
  });
});
