import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorPath } from '../test-support/environment.js';
import { createTestApp, registerUser, signIn, STRONG_PASSWORD, type SignedIn, type TestApp } from '../test-support/test-app.js';

function loadNaughtyStrings(): string[] {
  const path = vectorPath('payloads/big-list-of-naughty-strings/blns.json');
  return path === null ? [] : (JSON.parse(readFileSync(path, 'utf8')) as string[]);
}

const naughty = loadNaughtyStrings();

/**
 * Every naughty string as every field, path parameter, CSRF token and cookie value of the
 * session routes: the answer is always a 4xx or a success, never a 5xx, and the account stays.
 */
describe.skipIf(naughty.length === 0)(`${naughty.length} naughty strings through the session routes`, () => {
  let t: TestApp;
  let who: SignedIn;
  beforeAll(async () => {
    t = await createTestApp({ HASH_QUEUE_MAX: '100000' });
    await registerUser(t.app, 'naughty');
    who = await signIn(t.app, 'naughty');
  });
  afterAll(async () => t.close());

  it('never answers 5xx', async () => {
    const failures: string[] = [];
    for (const [i, value] of naughty.entries()) {
      const remoteAddress = `198.19.${i >> 8}.${i & 255}`;
      const authed = { cookie: who.cookie, 'x-csrf-token': who.csrfToken };
      const responses = await Promise.all([
        t.app.inject({ method: 'POST', url: '/change-password', headers: authed, payload: { currentPassword: value, newPassword: value }, remoteAddress }),
        t.app.inject({ method: 'DELETE', url: `/sessions/${encodeURIComponent(value)}`, headers: authed, remoteAddress }),
        t.app.inject({ method: 'POST', url: '/logout', headers: { cookie: who.cookie, 'x-csrf-token': value.replace(/[^\x20-\x7e]/g, '') || 'x' }, remoteAddress }),
        t.app.inject({ method: 'GET', url: '/session', headers: { cookie: `bulwark_session=${encodeURIComponent(value)}` }, remoteAddress }),
        t.app.inject({
          method: 'POST',
          url: '/logout',
          headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: `_csrf=${encodeURIComponent(value)}`,
          remoteAddress,
        }),
      ]);
      for (const response of responses) if (response.statusCode >= 500) failures.push(`${response.statusCode} for ${JSON.stringify(value)}: ${response.body}`);
    }
    expect(failures).toEqual([]);
    // The session and the password are untouched by all of it.
    expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: who.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'naughty', password: STRONG_PASSWORD } })).statusCode).toBe(200);
  });
});
