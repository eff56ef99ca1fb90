import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, signIn, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

describe('audit trail', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('records security events with no secret in them', async () => {
    await registerUser(t.app, 'alice');
    await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: 'a wrong password here' } });
    await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'nobody', password: 'a wrong password here' } });
    const { cookie, csrfToken } = await signIn(t.app, 'alice');
    await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrfToken } });

    const events = await t.deps.store.audit.listEvents({ limit: 50 });
    const names = events.map((e) => e.event).sort();
    expect(names).toEqual(['login.failed', 'login.failed', 'login.succeeded', 'logout', 'user.registered']);
    const unknown = events.find((e) => e.event === 'login.failed' && e.userId === null);
    expect(unknown?.details).toEqual({ reason: 'unknown_account' });
    const serialized = JSON.stringify(events);
    for (const secret of [STRONG_PASSWORD, 'a wrong password here', cookie.split('=')[1] ?? '', csrfToken, '$argon2id']) expect(serialized).not.toContain(secret);
  });
});
