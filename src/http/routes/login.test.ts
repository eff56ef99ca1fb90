import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OverloadedError } from '../../errors.js';
import { createTestApp, registerUser, sessionCookieOf, signIn, STRONG_PASSWORD, type TestApp } from '../../test-support/test-app.js';

describe('POST /login', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
  });
  afterEach(async () => t.close());

  const login = (username: string, password: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: 'POST', url: '/login', payload: { username, password }, ...extra });

  it('signs in by username or by email and sets a hardened session cookie', async () => {
    for (const identifier of ['alice', 'ALICE', 'alice@example.com', 'Alice@Example.com']) {
      const response = await login(identifier, STRONG_PASSWORD);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.user.username).toBe('alice');
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\//);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('accepts a form-encoded login', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'alice', password: STRONG_PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(200);
  });

  it('gives a new session token on every login', async () => {
    const first = sessionCookieOf(await login('alice', STRONG_PASSWORD));
    const second = sessionCookieOf(await login('alice', STRONG_PASSWORD));
    expect(first).not.toBe(second);
  });

  const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
  const sessionWith = (cookie: string) => t.app.inject({ method: 'GET', url: '/session', headers: { cookie } });

  it('does not adopt a session cookie planted before login (session fixation)', async () => {
    // The attack: the attacker sets a well-formed token in the victim's browser (a sibling
    // subdomain, a shared computer), waits for the victim to sign in, then uses the same token.
    const planted = randomBytes(32).toString('base64url');
    expect(planted).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const plantedCookie = `bulwark_session=${planted}`;
    const response = await login('alice', STRONG_PASSWORD, { headers: { cookie: plantedCookie } });
    expect(response.statusCode).toBe(200);
    const issued = sessionCookieOf(response);
    expect(issued.startsWith('bulwark_session=')).toBe(true);
    expect(tokenOf(issued)).not.toBe(planted);
    const attacker = await sessionWith(plantedCookie);
    expect(attacker.statusCode).toBe(401);
    expect(attacker.json().error).toBe('unauthenticated');
    expect((await sessionWith(issued)).json().user.username).toBe('alice');
  });

  it("does not hand the victim's login to a real session planted before it (session fixation)", async () => {
    // The attack, with a token the server knows: the attacker's own session, planted in the victim's browser.
    expect((await registerUser(t.app, 'mallory')).statusCode).toBe(201);
    const mallory = await signIn(t.app, 'mallory');
    const response = await login('alice', STRONG_PASSWORD, { headers: { cookie: mallory.cookie } });
    expect(response.statusCode).toBe(200);
    const issued = sessionCookieOf(response);
    expect(tokenOf(issued)).not.toBe(tokenOf(mallory.cookie));
    // The planted session is still the attacker's own, not the victim's...
    const planted = await sessionWith(mallory.cookie);
    expect(planted.statusCode).toBe(200);
    expect(planted.json().user.username).toBe('mallory');
    // ...and the victim's sessions are the victim's alone.
    const alice = await sessionWith(issued);
    expect(alice.json().user.username).toBe('alice');
    const sessionsOf = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/sessions', headers: { cookie } })).json<{ sessions: { id: string }[] }>().sessions.map((s) => s.id);
    expect(await sessionsOf(issued)).toEqual([alice.json().session.id]);
    expect(await sessionsOf(mallory.cookie)).toEqual([planted.json().session.id]);
  });

  it('answers the same 401 body for an unknown user and for a wrong password (no enumeration)', async () => {
    const unknown = await login('nobody', STRONG_PASSWORD);
    const wrong = await login('alice', 'wrong password entirely');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().error).toBe('invalid_credentials');
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('blocks the (login name, IP) pair after 5 failures with 429 + Retry-After, even for the right password', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i++) expect((await login('alice', `guess number ${i}`, { remoteAddress: ip })).statusCode).toBe(401);
    const blocked = await login('alice', STRONG_PASSWORD, { remoteAddress: ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The attacker's block does not lock the real user out from their own address...
    expect((await login('alice', STRONG_PASSWORD, { remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
    // ...nor other accounts from the same address.
    await registerUser(t.app, 'bob');
    expect((await login('bob', STRONG_PASSWORD, { remoteAddress: ip })).statusCode).toBe(200);
  });

  it("does not tell which email is whose: a block placed through a username does not follow the account's email", async () => {
    const ip = '198.51.100.9';
    await registerUser(t.app, 'bob');
    for (let i = 0; i < 5; i++) expect((await login('alice', `guess number ${i}`, { remoteAddress: ip })).statusCode).toBe(401);
    expect((await login('alice', 'one more guess', { remoteAddress: ip })).statusCode).toBe(429);
    // The attack: probe candidate emails with a wrong password. Were the block per account, the
    // account's own email would get 429 and every other one 401.
    const probes = await Promise.all(['alice@example.com', 'bob@example.com', 'nobody@example.com'].map((email) => login(email, 'a wrong password', { remoteAddress: ip })));
    expect(probes.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(new Set(probes.map((r) => JSON.stringify(strip(r.json())))).size).toBe(1);
    // Each name has its own allowance of 5 consecutive failures from this client.
    for (let i = 0; i < 3; i++) expect((await login('alice@example.com', `email guess ${i}`, { remoteAddress: ip })).statusCode).toBe(401);
    expect((await login('alice@example.com', 'fifth email guess', { remoteAddress: ip })).statusCode).toBe(401);
    expect((await login('alice@example.com', STRONG_PASSWORD, { remoteAddress: ip })).statusCode).toBe(429);
  });

  it("spends a full verification on an unknown account's password, as on a wrong one (no timing oracle)", async () => {
    // The real hasher, recorded: which verification each login ran.
    const hasher = t.deps.hasher;
    const ran: string[] = [];
    t.deps.hasher = {
      ...hasher,
      verifyPassword: async (stored, password) => {
        ran.push('account hash');
        return hasher.verifyPassword(stored, password);
      },
      verifyDummy: async (password) => {
        ran.push('dummy hash');
        return hasher.verifyDummy(password);
      },
    };
    expect((await login('nobody', STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await login('nobody@example.com', 'another password entirely')).statusCode).toBe(401);
    expect((await login('alice', 'a wrong password here')).statusCode).toBe(401);
    expect(ran).toEqual(['dummy hash', 'dummy hash', 'account hash']);
  });

  it('refuses a login whose password was changed while it was being verified: no session outlives the change', async () => {
    const owner = await signIn(t.app, 'alice');
    // The attacker's login with the old password is verified, then held in the hash queue (as
    // under load) while the owner changes the password.
    const { held, release } = holdNextVerification(t);
    const attacker = login('alice', STRONG_PASSWORD, { remoteAddress: '203.0.113.9' });
    await held;
    const change = await t.app.inject({
      method: 'POST', url: '/change-password', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: 'an entirely new passphrase 77' },
    });
    expect(change.statusCode).toBe(200);
    release();

    const late = await attacker;
    expect(late.statusCode).toBe(401);
    expect(late.json().error).toBe('invalid_credentials');
    expect(late.headers['set-cookie']).toBeUndefined();
    const sessions = await t.app.inject({ method: 'GET', url: '/sessions', headers: { cookie: sessionCookieOf(change) } });
    expect(sessions.json().sessions).toHaveLength(1);
    const events = await t.deps.store.audit.listEvents({ limit: 1 });
    expect(events[0]).toMatchObject({ event: 'login.failed', details: { reason: 'password_changed' } });
  });

  it('writes one login.throttled audit event a minute per blocked name and client, not one per refusal', async () => {
    const ip = '198.51.100.40';
    for (let i = 0; i < 5; i++) expect((await login('alice', `guess ${i}`, { remoteAddress: ip })).statusCode).toBe(401);
    // Attack: keep hammering while blocked; each refusal is cheap, an audit row each would not be.
    for (let i = 0; i < 30; i++) expect((await login('alice', `more ${i}`, { remoteAddress: ip })).statusCode).toBe(429);
    const events = (await t.deps.store.audit.listEvents({ limit: 100 })).map((e) => e.event);
    expect(events.filter((e) => e === 'login.failed')).toHaveLength(5);
    expect(events.filter((e) => e === 'login.throttled')).toHaveLength(1);
  });

  it('leaves no session behind when the throttle store fails after the session was stored', async () => {
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    const throttle = t.deps.loginThrottle;
    // The shared throttle store (Redis) becomes unreachable between verifying and confirming.
    t.deps.loginThrottle = {
      async beginAttempt(accountKey, ip) {
        const gate = await throttle.beginAttempt(accountKey, ip);
        if (!gate.allowed) return gate;
        return { allowed: true, attempt: { ...gate.attempt, succeeded: async () => { throw new OverloadedError(5); } } };
      },
    };
    const response = await login('alice', STRONG_PASSWORD);
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toBe('overloaded');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await t.deps.store.sessions.listSessions(user.id)).toEqual([]);
  });

  it('a success resets the consecutive-failure counter', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 4; i++) await login('alice', `guess ${i}`, { remoteAddress: ip });
    expect((await login('alice', STRONG_PASSWORD, { remoteAddress: ip })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('alice', `again ${i}`, { remoteAddress: ip })).statusCode).toBe(401);
    expect((await login('alice', STRONG_PASSWORD, { remoteAddress: ip })).statusCode).toBe(200);
  });

  it('throttles parallel guessing: of 20 concurrent wrong guesses at most 5 are evaluated', async () => {
    const ip = '198.51.100.30';
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('alice', `parallel ${i}`, { remoteAddress: ip })));
    const counts = responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
    expect(counts[401]).toBe(5);
    expect(counts[429]).toBe(15);
  });

  it('refuses cross-site browser logins (login CSRF) but allows scripts without browser headers', async () => {
    const crossSite = await login('alice', STRONG_PASSWORD, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error).toBe('csrf');
    const evilOrigin = await login('alice', STRONG_PASSWORD, { headers: { origin: 'https://evil.example' } });
    expect(evilOrigin.statusCode).toBe(403);
    // A same-origin Sec-Fetch-Site does not excuse a foreign Origin.
    const mixed = await login('alice', STRONG_PASSWORD, { headers: { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' } });
    expect(mixed.statusCode).toBe(403);
    const sameOrigin = await login('alice', STRONG_PASSWORD, { headers: { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' } });
    expect(sameOrigin.statusCode).toBe(200);
    expect((await login('alice', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('accepts an imported bcrypt hash and replaces it with argon2id on the next successful login', async () => {
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    const legacy = (await bcrypt.hash('legacy password from 2015', 4)).replace(/^\$2b\$/, '$2y$');
    expect(await t.deps.store.users.updatePasswordHash(user.id, legacy, { now: Date.now(), changed: false })).toBe(true);

    const rehashedEvents = async () => (await t.deps.store.audit.listEvents({ userId: user.id, limit: 50 })).filter((e) => e.event === 'password.rehashed');
    expect((await login('alice', 'wrong legacy password')).statusCode).toBe(401);
    expect((await t.deps.store.users.findUserById(user.id))?.passwordHash).toBe(legacy);
    expect(await rehashedEvents()).toEqual([]);
    expect((await login('alice', 'legacy password from 2015')).statusCode).toBe(200);
    const upgraded = (await t.deps.store.users.findUserById(user.id))?.passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect((await login('alice', 'legacy password from 2015')).statusCode).toBe(200);

    // The upgrade is on the audit trail, once (the second login found argon2id and left it alone)...
    const rehashed = await rehashedEvents();
    expect(rehashed).toHaveLength(1);
    expect(rehashed[0]).toMatchObject({ event: 'password.rehashed', userId: user.id });
    // ...and no column of it holds the password, the old hash, the new one, or a piece of either.
    const columns = Object.values(rehashed[0]!).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
    const secrets = ['legacy password from 2015', legacy, legacy.slice(-31), upgraded!, upgraded!.split('$').at(-1)!, upgraded!.split('$').at(-2)!, '$2y$', '$2b$', '$argon2'];
    for (const column of columns) for (const secret of secrets) expect(column ?? '').not.toContain(secret);
  });

  it('never lets the upgrade of an old hash overwrite a password changed while the login was verified', async () => {
    const owner = await signIn(t.app, 'alice');
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    const legacy = await bcrypt.hash('legacy password from 2015', 4);
    expect(await t.deps.store.users.updatePasswordHash(user.id, legacy, { now: Date.now(), changed: false })).toBe(true);
    // Someone who knows the old password logs in; the check passes and is held (as under load)
    // while the owner changes the password. The held login then wants to upgrade the old hash.
    const { held, release } = holdNextVerification(t);
    const stale = login('alice', 'legacy password from 2015', { remoteAddress: '203.0.113.9' });
    await held;
    const change = await t.app.inject({
      method: 'POST', url: '/change-password', headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
      payload: { currentPassword: 'legacy password from 2015', newPassword: 'an entirely new passphrase 77' },
    });
    expect(change.statusCode).toBe(200);
    release();

    expect((await stale).statusCode).toBe(401);
    expect((await login('alice', 'an entirely new passphrase 77')).statusCode).toBe(200);
    expect((await login('alice', 'legacy password from 2015')).statusCode).toBe(401);
  });

  it('lets simultaneous right-password logins all in while one of them upgrades the old hash', async () => {
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    for (let round = 0; round < 3; round++) {
      const legacy = await bcrypt.hash('legacy password from 2015', 4);
      expect(await t.deps.store.users.updatePasswordHash(user.id, legacy, { now: Date.now(), changed: false })).toBe(true);
      // A double submit, or two devices: each verifies the old hash, one wins the upgrade.
      const logins = await Promise.all([0, 1, 2].map(() => login('alice', 'legacy password from 2015')));
      expect(logins.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      for (const response of logins) {
        expect((await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: sessionCookieOf(response) } })).statusCode).toBe(200);
      }
      expect((await t.deps.store.users.findUserById(user.id))?.passwordHash).toMatch(/^\$argon2id\$/);
    }
    const failures = (await t.deps.store.audit.listEvents({ limit: 50 })).filter((e) => e.event === 'login.failed');
    expect(failures).toEqual([]);
  });

  it('verifies an imported tutorial hash with the password exactly as typed (not NFKC), then upgrades it', async () => {
    const user = await t.deps.store.users.findUserByLogin('alice');
    if (user === null) throw new Error('setup');
    // NFKC would change this password (ligature, full-width letters); the tutorial hashed it as typed.
    const typed = 'ﬁne pässwörd ｆｕｌｌ';
    expect(typed.normalize('NFKC')).not.toBe(typed);
    const salt = randomBytes(16).toString('hex');
    const legacy = `${salt}:${createHash('sha256').update(typed + salt, 'utf8').digest('hex')}`;
    expect(await t.deps.store.users.updatePasswordHash(user.id, legacy, { now: Date.now(), changed: false })).toBe(true);

    expect((await login('alice', typed.normalize('NFKC'))).statusCode).toBe(401);
    expect((await login('alice', typed)).statusCode).toBe(200);
    expect((await t.deps.store.users.findUserById(user.id))?.passwordHash).toMatch(/^\$argon2id\$/);
    // From now on the password is compared in its NFKC form, so both spellings work.
    expect((await login('alice', typed)).statusCode).toBe(200);
    expect((await login('alice', typed.normalize('NFKC'))).statusCode).toBe(200);
  });

  it('answers 400 (not 401, not 500) when fields are missing or of the wrong type', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/login', payload: { username: ['a', 'b'], password: { $ne: null } } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('validation_failed');
  });

  it('counts a login name in characters as its limit does: 128 to 254 emoji get 401, not 500; 255 get 400', async () => {
    // The limit counts code points; the key builder once counted UTF-16 units and threw at 128 emoji.
    for (const name of ['😀'.repeat(128), '😀'.repeat(254), `${'😀'.repeat(200)}@example.com`, '\u{20000}'.repeat(254), '\uFDFD'.repeat(254)]) {
      for (const form of [false, true]) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/login',
          ...(form
            ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ username: name, password: 'wrong password!' }).toString() }
            : { payload: { username: name, password: 'wrong password!' } }),
        });
        expect(response.statusCode, `${[...name].length} code points, form=${form}`).toBe(401);
        expect(response.json().error).toBe('invalid_credentials');
      }
    }
    const tooLong = await login('😀'.repeat(255), 'wrong password!');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors.username).toEqual(['must be at most 254 characters']);
  });

  it('ignores X-Forwarded-For from untrusted clients, so spoofing it does not reset the throttle', async () => {
    const ip = '198.51.100.40';
    for (let i = 0; i < 5; i++) {
      const spoofed = { remoteAddress: ip, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } };
      expect((await login('alice', `spoofed guess ${i}`, spoofed)).statusCode).toBe(401);
    }
    expect((await login('alice', 'sixth guess', { remoteAddress: ip, headers: { 'x-forwarded-for': '203.0.113.99' } })).statusCode).toBe(429);
  });
});

describe('POST /login behind a trusted proxy', () => {
  it('counts attempts per forwarded client, and only when the proxy is trusted', async () => {
    const t = await createTestApp({ TRUSTED_PROXIES: '10.0.0.1' });
    try {
      expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
      const viaProxy = (client: string, password: string) =>
        t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password }, remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.7', `guess ${i}`)).statusCode).toBe(401);
      expect((await viaProxy('203.0.113.7', STRONG_PASSWORD)).statusCode).toBe(429);
      // Another client behind the same proxy is a different client.
      expect((await viaProxy('203.0.113.8', STRONG_PASSWORD)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('POST /login with password expiry configured', () => {
  it('reports passwordExpired once the password is older than PASSWORD_MAX_AGE_DAYS, on /login and /session', async () => {
    const t = await createTestApp({ PASSWORD_MAX_AGE_DAYS: '1' });
    try {
      expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
      const fresh = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } });
      expect(fresh.json().passwordExpired).toBe(false);
      t.advance(2 * 86_400_000);
      const expired = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } });
      expect(expired.statusCode).toBe(200);
      expect(expired.json().passwordExpired).toBe(true);
      const session = await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: sessionCookieOf(expired) } });
      expect(session.json().passwordExpired).toBe(true);
    } finally {
      await t.close();
    }
  });
});

/**
 * The real hasher, except that the next password verification, once done, is held (as in a busy
 * hash queue) until the test releases it. `held` settles when that verification is waiting.
 */
function holdNextVerification(t: TestApp): { held: Promise<void>; release: () => void } {
  const hasher = t.deps.hasher;
  let reachedHold!: () => void;
  const held = new Promise<void>((resolve) => (reachedHold = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holdNext = true;
  t.deps.hasher = {
    ...hasher,
    verifyPassword: async (stored, password) => {
      const result = await hasher.verifyPassword(stored, password);
      if (holdNext) {
        holdNext = false;
        reachedHold();
        await released;
      }
      return result;
    },
  };
  return { held, release };
}
