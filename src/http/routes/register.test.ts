import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, STRONG_PASSWORD, type TestApp } from '../../test-support/test-app.js';

describe('POST /register', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('creates an account from JSON and answers 201 with only public fields', async () => {
    const response = await registerUser(t.app, 'alice');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['user']);
    expect(Object.keys(body.user).sort()).toEqual(['createdAt', 'email', 'id', 'username']);
    expect(body.user.username).toBe('alice');
    expect(response.body).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('accepts a form-encoded body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/register',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'bob', email: 'bob@example.com', password: STRONG_PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user.email).toBe('bob@example.com');
  });

  it('stores the password as an argon2id PHC string, never as given', async () => {
    await registerUser(t.app, 'carol');
    const user = await t.deps.store.users.findUserByLogin('carol');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(user?.passwordHash).not.toContain(STRONG_PASSWORD);
  });

  it('refuses a username that differs only by case or width (takeover by look-alike)', async () => {
    expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
    for (const [i, lookAlike] of ['ALICE', 'Alice', 'ａｌｉｃｅ'].entries()) {
      const response = await registerUser(t.app, lookAlike, STRONG_PASSWORD, `lookalike${i}@example.net`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.username).toHaveLength(1);
    }
  });

  it('refuses a second account for the same email, case-insensitively', async () => {
    await registerUser(t.app, 'dave', STRONG_PASSWORD, 'dave@example.com');
    const response = await registerUser(t.app, 'dave2', STRONG_PASSWORD, 'DAVE@Example.COM');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.email).toHaveLength(1);
  });

  it('reports a taken username and a weak password together, and leaves the holder of the name alone', async () => {
    await registerUser(t.app, 'grace', STRONG_PASSWORD, 'grace@example.com');
    const before = await t.deps.store.users.findUserByLogin('grace');
    // Attack: re-registering a taken name (with a weak password) to overwrite the account's credentials.
    const response = await registerUser(t.app, 'Grace', 'password', 'grace2@example.com');
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors).sort()).toEqual(['password', 'username']);
    expect(await t.deps.store.users.findUserByLogin('grace')).toEqual(before);
    expect(await t.deps.store.users.findUserByLogin('grace2@example.com')).toBeNull();
  });

  it.each(['123456', 'password', 'abc123', 'qwerty', 'short', 'Password123!'])('rejects the weak password %j', async (weak) => {
    const response = await registerUser(t.app, 'erin', weak);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('validation_failed');
    expect(body.errors.password.length).toBeGreaterThan(0);
  });

  it('never echoes the submitted password in an error', async () => {
    const response = await registerUser(t.app, 'erin', 'Zq9!xK');
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('Zq9!xK');
  });

  it('rejects the username itself as the password', async () => {
    const response = await registerUser(t.app, 'frederick_the_great', 'frederick_the_great');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.password.length).toBeGreaterThan(0);
  });

  it('reports every field error together', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/register', payload: { username: 'x', email: 'not-an-email', password: 'short' } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors).sort()).toEqual(['email', 'password', 'username']);
  });

  it('rejects prototype-pollution keys without polluting anything', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"mallory","email":"m@example.com","password":"correct horse battery staple 42","__proto__":{"admin":true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await t.deps.store.users.findUserByLogin('mallory')).toBeNull();
  });

  it('answers 400 with a stable code for malformed JSON, 415 for text/plain, 413 for a huge body', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/register', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_body');

    const plain = await t.app.inject({ method: 'POST', url: '/register', headers: { 'content-type': 'text/plain' }, payload: 'username=x' });
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error).toBe('unsupported_media_type');

    const huge = await t.app.inject({ method: 'POST', url: '/register', payload: { username: 'big', email: 'b@example.com', password: 'x'.repeat(100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('payload_too_large');
  });

  it('limits registrations per IP (the 11th in an hour gets 429 with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/register', payload: { username: `u${i}`, email: 'bad' }, remoteAddress: '203.0.113.9' });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is unaffected.
    expect((await t.app.inject({ method: 'POST', url: '/register', payload: {}, remoteAddress: '203.0.113.10' })).statusCode).toBe(400);
  });

  it('refuses a password from PASSWORD_BLOCKLIST_FILE, read by the password workers, with the other field errors', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bulwark-register-blocklist-'));
    const listed = 'Tr0ub4dor&3-horse-battery';
    writeFileSync(join(folder, 'blocklist.txt'), `${listed}\n`, 'utf8');
    const listing = await createTestApp({ PASSWORD_BLOCKLIST_FILE: join(folder, 'blocklist.txt') });
    try {
      const common = 'This is one of the most commonly used passwords. Choose one that is harder to guess.';
      const refused = await registerUser(listing.app, 'grace', listed.toLowerCase());
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual({ password: [common] });
      // Also reported when another field is malformed (checked together, not one round trip per field).
      const both = await listing.app.inject({ method: 'POST', url: '/register', payload: { username: 'grace', email: 'nope', password: listed } });
      expect(both.json().errors).toMatchObject({ email: expect.any(Array), password: [common] });
      // Without the file the same password is accepted.
      expect((await registerUser(t.app, 'grace', listed)).statusCode).toBe(201);
    } finally {
      await listing.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses reserved usernames in any case or width with 400 under errors.username, and allows names that only contain one', async () => {
    const reserved = 'This username is reserved. Choose another one.';
    for (const [i, name] of ['Admin', 'ａｄｍｉｎ', 'no-reply', 'root_2'].entries()) {
      const response = await registerUser(t.app, name, STRONG_PASSWORD, `reserved${i}@example.com`);
      expect(response.statusCode, name).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed', errors: { username: [reserved] } });
      expect(Object.keys(response.json().errors), name).toEqual(['username']);
    }
    expect(await t.deps.store.users.findUserByLogin('admin')).toBeNull();
    const fan = await registerUser(t.app, 'administrator_fan');
    expect(fan.statusCode).toBe(201);
    expect(fan.json().user.username).toBe('administrator_fan');
  });

  it('answers "reserved", not "taken", when an older account holds the name, and that account still signs in', async () => {
    // An account created before the name was reserved (directly in the store, as an import would).
    const now = Date.now();
    const created = await t.deps.store.users.createUser({
      id: randomUUID(),
      username: 'admin',
      usernameKey: 'admin',
      email: 'old-admin@example.com',
      emailKey: 'old-admin@example.com',
      passwordHash: await t.deps.hasher.hashPassword(STRONG_PASSWORD),
      now,
    });
    expect(created.ok).toBe(true);
    const again = await registerUser(t.app, 'ADMIN', STRONG_PASSWORD, 'new-admin@example.com');
    expect(again.statusCode).toBe(400);
    // Same answer as for a free reserved name: nothing tells whether the account exists.
    expect(again.json().errors).toEqual({ username: ['This username is reserved. Choose another one.'] });
    const login = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'Admin', password: STRONG_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.username).toBe('admin');
  });

  describe('cross-site requests (login CSRF at sign-up)', () => {
    // What an auto-submitting <form> on another site sends: form-encoded, with the browser's fetch metadata.
    const postForm = (app: TestApp['app'], username: string, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/register',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams({ username, email: `${username}@example.com`, password: STRONG_PASSWORD }).toString(),
      });

    it('refuses browser requests from another site with 403 csrf and creates no account', async () => {
      // Attack: a foreign page signs the visitor up (or in) to an account the attacker controls.
      const attempts: [string, Record<string, string>][] = [
        ['crosssite', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
        // A sibling subdomain is "same-site" but not this origin.
        ['samesite', { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' }],
        // Fetch metadata decides when present, even if Origin looks right.
        ['spoofedorigin', { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' }],
        // Browsers without fetch metadata: Origin alone must match.
        ['foreignorigin', { origin: 'https://evil.example' }],
        ['nullorigin', { origin: 'null' }],
        ['portorigin', { origin: 'http://localhost:8080' }],
      ];
      for (const [username, headers] of attempts) {
        const response = await postForm(t.app, username, headers);
        expect(response.statusCode, username).toBe(403);
        expect(response.json().error, username).toBe('csrf');
      }
      for (const [username] of attempts) {
        expect(await t.deps.store.users.findUserByLogin(username), username).toBeNull();
        expect(await t.deps.store.users.findUserByLogin(`${username}@example.com`), username).toBeNull();
      }
    });

    it('allows same-origin and typed-in browser requests, and scripts that send neither header (201)', async () => {
      const allowed: [string, Record<string, string>][] = [
        ['sameorigin', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' }],
        ['typedin', { 'sec-fetch-site': 'none' }],
        // app.inject's Host is localhost:80, so this is this site's own origin.
        ['originonly', { origin: 'http://localhost' }],
        ['script', {}],
      ];
      for (const [username, headers] of allowed) {
        expect((await postForm(t.app, username, headers)).statusCode, username).toBe(201);
        expect(await t.deps.store.users.findUserByLogin(username), username).not.toBeNull();
      }
    });

    it('compares Origin with PUBLIC_URL when it is set, not with the Host header the client chose', async () => {
      const configured = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
      try {
        // Attack: Origin and Host both set to the attacker's name (DNS rebinding) would match each other.
        const rebound = await postForm(configured.app, 'rebound', { origin: 'https://evil.example', host: 'evil.example' });
        expect(rebound.statusCode).toBe(403);
        expect(rebound.json().error).toBe('csrf');
        expect((await postForm(configured.app, 'localorigin', { origin: 'http://localhost' })).statusCode).toBe(403);
        expect(await configured.deps.store.users.findUserByLogin('rebound')).toBeNull();
        expect(await configured.deps.store.users.findUserByLogin('localorigin')).toBeNull();
        expect((await postForm(configured.app, 'publicorigin', { origin: 'https://id.example.com' })).statusCode).toBe(201);
      } finally {
        await configured.close();
      }
    });
  });
});
