import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, signIn, type TestApp } from '../../test-support/test-app.js';

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

  it('revokes one of the user\'s own sessions at once', async () => {
    const laptop = await signIn(t.app, 'alice');
    const phone = await signIn(t.app, 'alice');
    const phoneId = (await list(phone.cookie)).find((s) => s.current)?.id ?? '';
    expect((await remove(laptop, phoneId)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: phone.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: laptop.cookie } })).statusCode).toBe(200);
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
  });
});
