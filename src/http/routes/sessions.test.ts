import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, registerUser, signIn, STRONG_PASSWORD, type TestApp } from '../../test-support/test-app.js';

describe('GET /sessions and DELETE /sessions/:id', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await registerUser(t.app, 'alice');
    await registerUser(t.app, 'bob');
  });
  afterEach(async () => t.close());

  const list = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/sessions', headers: { cookie } })).json().sessions as { id: string; current: boolean }[];
  const remove = (who: { cookie: string; csrfToken: string }, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/sessions/${id}`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken } });

  it('lists only the user\'s own sessions, marking the current one', async () => {
    const laptop = await signIn(t.app, 'alice');
    await signIn(t.app, 'alice', undefined, '192.0.2.1');
    await signIn(t.app, 'bob');
    const sessions = await list(laptop.cookie);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toMatch(/token|hash/i);
  });

  it('does not list sessions past their idle timeout, which sign nobody in', async () => {
    const laptop = await signIn(t.app, 'alice');
    const phone = await signIn(t.app, 'alice');
    const session = (cookie: string) => t.app.inject({ method: 'GET', url: '/session', headers: { cookie } });
    t.advance(20 * 60_000);
    expect((await session(laptop.cookie)).statusCode).toBe(200);
    t.advance(15 * 60_000);
    // The phone has been idle 35 minutes (over the 30-minute default); the laptop 15.
    const listed = await list(laptop.cookie);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.current).toBe(true);
    expect((await session(phone.cookie)).statusCode).toBe(401);
  });

  it('does not list a session past its absolute timeout, even one in use', async () => {
    const phone = await signIn(t.app, 'alice');
    const session = (cookie: string) => t.app.inject({ method: 'GET', url: '/session', headers: { cookie } });
    // The phone stays in use every 20 minutes for 11 hours, then a laptop signs in.
    for (let minutes = 20; minutes <= 11 * 60; minutes += 20) {
      t.advance(20 * 60_000);
      expect((await session(phone.cookie)).statusCode, `${minutes} min`).toBe(200);
    }
    const laptop = await signIn(t.app, 'alice');
    for (let step = 0; step < 2; step++) {
      t.advance(20 * 60_000);
      for (const cookie of [laptop.cookie, phone.cookie]) expect((await session(cookie)).statusCode).toBe(200);
    }
    // 11 h 55 min: both listed. 12 h 5 min: the phone, idle only 25 minutes but past 12 h, is not.
    t.advance(15 * 60_000);
    expect(await list(laptop.cookie)).toHaveLength(2);
    t.advance(10 * 60_000);
    const listed = await list(laptop.cookie);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.current).toBe(true);
  });

  it('revokes one of the user\'s own sessions at once', async () => {
    const laptop = await signIn(t.app, 'alice');
    const phone = await signIn(t.app, 'alice');
    const phoneId = (await list(phone.cookie)).find((s) => s.current)?.id ?? '';
    expect((await remove(laptop, phoneId)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: phone.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: laptop.cookie } })).statusCode).toBe(200);
    // The revocation is on the audit trail, once, as the user's own act.
    const alice = await t.deps.store.users.findUserByLogin('alice');
    const revoked = (await t.deps.store.audit.listEvents({ limit: 50 })).filter((e) => e.event === 'session.revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ event: 'session.revoked', userId: alice?.id });
    expect(JSON.stringify(revoked)).not.toContain(phone.cookie.split('=')[1]);
  });

  it('answers 401 unauthenticated to a revoked session replaying its cookie and its CSRF token on every unsafe route', async () => {
    const laptop = await signIn(t.app, 'alice');
    const laptopId = (await list(laptop.cookie)).find((s) => s.current)?.id ?? '';
    // Both ways a session ends from this area: revoked from another device, and logged out.
    const revokedElsewhere = await signIn(t.app, 'alice');
    const revokedId = (await list(revokedElsewhere.cookie)).find((s) => s.current)?.id ?? '';
    expect((await remove(laptop, revokedId)).statusCode).toBe(204);
    const loggedOut = await signIn(t.app, 'alice');
    // In use before it ends (its lookup is as warm as it gets): the laptop's and its own are listed.
    expect(await list(loggedOut.cookie)).toHaveLength(2);
    expect((await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie: loggedOut.cookie, 'x-csrf-token': loggedOut.csrfToken } })).statusCode).toBe(204);

    // The attack: whoever kept the cookie and its CSRF token (still a valid pair: the token is
    // derived from the cookie) replays them to act on the account.
    for (const replayed of [revokedElsewhere, loggedOut]) {
      const headers = { cookie: replayed.cookie, 'x-csrf-token': replayed.csrfToken };
      const replays = {
        'DELETE /sessions/:id': await t.app.inject({ method: 'DELETE', url: `/sessions/${laptopId}`, headers }),
        'POST /logout': await t.app.inject({ method: 'POST', url: '/logout', headers }),
        'POST /change-password': await t.app.inject({
          method: 'POST', url: '/change-password', headers, payload: { currentPassword: STRONG_PASSWORD, newPassword: 'a whole new passphrase for 2027' },
        }),
      };
      for (const [route, response] of Object.entries(replays)) {
        expect(response.statusCode, route).toBe(401);
        expect(response.json().error, route).toBe('unauthenticated');
        expect(response.headers['set-cookie'], route).toBeUndefined();
      }
    }
    // Nothing was done: the laptop's session lives and the password is unchanged.
    expect((await list(laptop.cookie)).map((s) => s.id)).toEqual([laptopId]);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode).toBe(200);
  });

  it('answers 404 for another user\'s session and leaves it alone (no IDOR)', async () => {
    const alice = await signIn(t.app, 'alice');
    const bob = await signIn(t.app, 'bob');
    const bobsId = (await list(bob.cookie))[0]?.id ?? '';
    const attempt = await remove(alice, bobsId);
    expect(attempt.statusCode).toBe(404);
    expect(attempt.json().error).toBe('not_found');
    expect((await remove(alice, 'no-such-session')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: bob.cookie } })).statusCode).toBe(200);
    // A refused attempt revoked nothing, so the audit trail records no revocation.
    expect((await t.deps.store.audit.listEvents({ limit: 50 })).map((e) => e.event)).not.toContain('session.revoked');
  });

  it('refuses a DELETE without a CSRF token or with a wrong one (403 csrf), and the session survives', async () => {
    const alice = await signIn(t.app, 'alice');
    const phone = await signIn(t.app, 'alice');
    const bob = await signIn(t.app, 'bob');
    const phoneId = (await list(phone.cookie)).find((s) => s.current)?.id ?? '';
    // Attack: a page on another site makes the signed-in browser send DELETE with its cookie; it cannot read the token.
    const forged = [
      await t.app.inject({ method: 'DELETE', url: `/sessions/${phoneId}`, headers: { cookie: alice.cookie } }),
      await t.app.inject({ method: 'DELETE', url: `/sessions/${phoneId}`, headers: { cookie: alice.cookie, 'x-csrf-token': 'A'.repeat(43) } }),
      // Another session's valid token is still the wrong one for this cookie.
      await remove({ cookie: alice.cookie, csrfToken: bob.csrfToken }, phoneId),
      await remove({ cookie: alice.cookie, csrfToken: phone.csrfToken }, phoneId),
    ];
    for (const response of forged) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toBe('csrf');
    }
    expect((await list(alice.cookie)).map((s) => s.id)).toContain(phoneId);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: phone.cookie } })).statusCode).toBe(200);
  });

  it('answers a malformed id with the same 404 as a foreign one, without a store lookup', async () => {
    const alice = await signIn(t.app, 'alice');
    const bob = await signIn(t.app, 'bob');
    const bobsId = (await list(bob.cookie))[0]?.id ?? '';
    const foreign = await remove(alice, bobsId);
    const revokeInStore = vi.spyOn(t.deps.store.sessions, 'revokeSession');
    // Too short, too long, and characters outside base64url (a quote, a path, a NUL, a wildcard).
    for (const id of ['abc', 'A'.repeat(65), `${'A'.repeat(20)}'--`, '..%2F..%2Fetc', `${'A'.repeat(20)}%00`, '%25%25%25%25%25%25%25%25']) {
      const response = await remove(alice, id);
      expect(response.statusCode, id).toBe(404);
      expect(response.json().error, id).toBe(foreign.json().error);
      expect(response.json().message, id).toBe(foreign.json().message);
    }
    expect(revokeInStore).not.toHaveBeenCalled();
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: bob.cookie } })).statusCode).toBe(200);
  });
});
