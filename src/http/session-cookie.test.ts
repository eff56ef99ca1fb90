import type { FastifyReply, FastifyRequest, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';
import { createSessionCookiePolicy } from './session-cookie.js';

/**
 * The session cookie as README.md ("Session cookie") promises it: `bulwark_session` over plain
 * HTTP; `__Host-bulwark_session` with Secure whenever PUBLIC_URL is https, NODE_ENV=production,
 * or the request came over HTTPS (through a trusted proxy); always HttpOnly; SameSite=Lax; Path=/
 * and Max-Age = the absolute session timeout.
 */

const NEW_PASSWORD = 'a whole new passphrase for 2027';
const PROXY = '10.0.0.1';
const VIA_TRUSTED_PROXY = { remoteAddress: PROXY, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' } };

interface ParsedSetCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flags (HttpOnly, Secure) map to true. */
  attributes: Record<string, string | true>;
}

/** The one Set-Cookie header of a response, split into name, value and every attribute. */
function theSetCookie(response: LightMyRequestResponse): ParsedSetCookie {
  const header = response.headers['set-cookie'];
  expect(typeof header, `exactly one Set-Cookie header, got ${JSON.stringify(header)}`).toBe('string');
  const [pair, ...rest] = String(header).split(';').map((part) => part.trim());
  const eq = pair!.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at === -1) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, at).toLowerCase()] = part.slice(at + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

const secureAttributes = (maxAge: number) => ({ 'max-age': String(maxAge), path: '/', httponly: true, secure: true, samesite: 'Lax' });
const plainAttributes = (maxAge: number) => ({ 'max-age': String(maxAge), path: '/', httponly: true, samesite: 'Lax' });
const TWELVE_HOURS = 12 * 60 * 60;

describe('session cookie', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const login = (extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    t!.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD }, ...extra });

  it('over plain HTTP (development) is bulwark_session, HttpOnly, SameSite=Lax, Path=/, Max-Age 12 h, not Secure', async () => {
    t = await createTestApp();
    await registerUser(t.app, 'alice');
    const response = await login();
    expect(response.statusCode).toBe(200);
    const cookie = theSetCookie(response);
    expect(cookie.name).toBe('bulwark_session');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    // The complete attribute set: no Domain (a sibling host would receive it), no Expires.
    expect(cookie.attributes).toEqual(plainAttributes(TWELVE_HOURS));
  });

  it.each([
    ['PUBLIC_URL is https', { PUBLIC_URL: 'https://id.example.com' }],
    ['NODE_ENV=production (which requires an https PUBLIC_URL)', { NODE_ENV: 'production', PUBLIC_URL: 'https://id.example.com' }],
  ])('is __Host-bulwark_session and Secure when %s', async (_case, settings) => {
    t = await createTestApp(settings);
    await registerUser(t.app, 'alice');
    const response = await login();
    expect(response.statusCode).toBe(200);
    const cookie = theSetCookie(response);
    expect(cookie.name).toBe('__Host-bulwark_session');
    expect(cookie.attributes).toEqual(secureAttributes(TWELVE_HOURS));
  });

  it('production alone forces Secure and __Host-, even for a plain-http request and no https PUBLIC_URL', () => {
    // The loader refuses production without an https PUBLIC_URL, so through the app the URL alone
    // would already make the cookie Secure; the policy itself must not rely on that.
    for (const publicUrl of [null, 'http://id.example.com']) {
      const policy = createSessionCookiePolicy({ env: 'production', publicUrl });
      const request = { protocol: 'http', headers: {} } as unknown as FastifyRequest;
      const written: string[] = [];
      const reply = { header: (name: string, value: string) => written.push(`${name}: ${value}`) } as unknown as FastifyReply;
      expect(policy.isSecure(request)).toBe(true);
      policy.write(request, reply, 'token', 60);
      policy.clear(request, reply);
      expect(written).toEqual([
        'set-cookie: __Host-bulwark_session=token; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Lax',
        'set-cookie: __Host-bulwark_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
      ]);
    }
    // Outside production, the same plain-http request gets the plain cookie.
    const development = createSessionCookiePolicy({ env: 'development', publicUrl: null });
    expect(development.isSecure({ protocol: 'http', headers: {} } as unknown as FastifyRequest)).toBe(false);
  });

  it('is __Host-bulwark_session and Secure when a trusted proxy says the request came over HTTPS', async () => {
    t = await createTestApp({ TRUSTED_PROXIES: PROXY });
    await registerUser(t.app, 'alice');
    const response = await login(VIA_TRUSTED_PROXY);
    expect(response.statusCode).toBe(200);
    const cookie = theSetCookie(response);
    expect(cookie.name).toBe('__Host-bulwark_session');
    expect(cookie.attributes).toEqual(secureAttributes(TWELVE_HOURS));
    // The same deployment still answers a plain-http request through the proxy with the plain cookie.
    const plain = theSetCookie(await login({ remoteAddress: PROXY, headers: { 'x-forwarded-proto': 'http' } }));
    expect(plain.name).toBe('bulwark_session');
    expect(plain.attributes).toEqual(plainAttributes(TWELVE_HOURS));
  });

  it('ignores X-Forwarded-Proto: https from a client that is not a trusted proxy (spoofing)', async () => {
    // Attack: a plain-http client claims HTTPS to make the server treat the connection as secure.
    // Without TRUSTED_PROXIES nobody is believed; with it, only the listed proxy is.
    for (const settings of [{}, { TRUSTED_PROXIES: PROXY }] as Record<string, string>[]) {
      t = await createTestApp(settings);
      await registerUser(t.app, 'alice');
      const response = await login({ remoteAddress: '203.0.113.66', headers: { 'x-forwarded-proto': 'https' } });
      expect(response.statusCode).toBe(200);
      const cookie = theSetCookie(response);
      expect(cookie.name).toBe('bulwark_session');
      expect(cookie.attributes).toEqual(plainAttributes(TWELVE_HOURS));
      await t.close();
      t = undefined;
    }
  });

  it('has Max-Age equal to SESSION_ABSOLUTE_HOURS in seconds', async () => {
    t = await createTestApp({ SESSION_ABSOLUTE_HOURS: '2', PUBLIC_URL: 'https://id.example.com' });
    await registerUser(t.app, 'alice');
    const response = await login();
    expect(response.statusCode).toBe(200);
    expect(theSetCookie(response).attributes).toEqual(secureAttributes(2 * 60 * 60));
  });

  it('change-password sets a new cookie with the same name and attributes', async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://id.example.com', SESSION_ABSOLUTE_HOURS: '3' });
    await registerUser(t.app, 'alice');
    const first = await login();
    const old = theSetCookie(first);
    const response = await t.app.inject({
      method: 'POST',
      url: '/change-password',
      headers: { cookie: `${old.name}=${old.value}`, 'x-csrf-token': first.json().csrfToken },
      payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const fresh = theSetCookie(response);
    expect(fresh.name).toBe('__Host-bulwark_session');
    expect(fresh.value).not.toBe(old.value);
    expect(fresh.attributes).toEqual(secureAttributes(3 * 60 * 60));
  });

  for (const [label, settings, extra, name] of [
    ['plain HTTP', {}, {}, 'bulwark_session'],
    ['PUBLIC_URL https', { PUBLIC_URL: 'https://id.example.com' }, {}, '__Host-bulwark_session'],
    ['a trusted proxy saying https', { TRUSTED_PROXIES: PROXY }, VIA_TRUSTED_PROXY, '__Host-bulwark_session'],
  ] as const) {
    it(`logout clears the cookie it set, under the same name and attributes (${label})`, async () => {
      t = await createTestApp(settings);
      await registerUser(t.app, 'alice');
      const signedIn = await login(extra);
      const set = theSetCookie(signedIn);
      expect(set.name).toBe(name);
      const cookieHeader = `${set.name}=${set.value}`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/logout',
        ...extra,
        headers: { ...('headers' in extra ? extra.headers : {}), cookie: cookieHeader, 'x-csrf-token': signedIn.json().csrfToken },
      });
      expect(response.statusCode).toBe(204);
      const cleared = theSetCookie(response);
      // A browser replaces a cookie only when name, path (and for __Host-, Secure) match.
      expect(cleared.name).toBe(set.name);
      expect(cleared.value).toBe('');
      const { 'max-age': _maxAge, ...sameAttributes } = set.attributes;
      expect(cleared.attributes).toEqual({ ...sameAttributes, 'max-age': '0', expires: 'Thu, 01 Jan 1970 00:00:00 GMT' });
      // And the session is gone server-side.
      const after = await t.app.inject({ method: 'GET', url: '/session', ...extra, headers: { ...('headers' in extra ? extra.headers : {}), cookie: cookieHeader } });
      expect(after.statusCode).toBe(401);
    });
  }

  it('over HTTPS reads only the __Host- cookie, not a planted bulwark_session (cookie tossing)', async () => {
    // Attack: a sibling subdomain or a plain-http man in the middle can set a cookie without the
    // __Host- prefix; the server must not take it as the session (session fixation).
    t = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
    await registerUser(t.app, 'alice');
    const token = theSetCookie(await login()).value;
    const planted = await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: `bulwark_session=${token}` } });
    expect(planted.statusCode).toBe(401);
    const real = await t.app.inject({ method: 'GET', url: '/session', headers: { cookie: `__Host-bulwark_session=${token}` } });
    expect(real.statusCode).toBe(200);
  });
});
