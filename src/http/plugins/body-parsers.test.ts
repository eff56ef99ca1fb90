import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../../test-support/test-app.js';
import { parseFormBody } from './body-parsers.js';

/** "éléphant rose à quatre pattes été" as a Latin-1 client sends it: not UTF-8. */
const latin1Password = Buffer.from('éléphant rose à quatre pattes été', 'latin1');
/** The same length of other high bytes: decoded leniently, both read as the same U+FFFD text. */
const otherHighBytes = Buffer.from('ÿlþphant rose ý quatre pattes ütû', 'latin1');

function jsonWithRawPassword(fields: Record<string, string>, password: Buffer): Buffer {
  const head = JSON.stringify(fields).slice(0, -1);
  return Buffer.concat([Buffer.from(`${head},"password":"`), password, Buffer.from('"}')]);
}

describe('request bodies are UTF-8 or refused', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('refuses a body that is not UTF-8, so two different passwords cannot read as the same text', async () => {
    // The account's password holds U+FFFD, as a lenient decoder would have stored a Latin-1 one.
    const storedAsLenientDecoderWould = latin1Password.toString('utf8');
    expect(storedAsLenientDecoderWould).toBe(otherHighBytes.toString('utf8'));
    const registered = await t.app.inject({ method: 'POST', url: '/register', payload: { username: 'latin', email: 'latin@example.com', password: storedAsLenientDecoderWould } });
    expect(registered.statusCode).toBe(201);

    // The attack: other high bytes in the same places.
    const login = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: jsonWithRawPassword({ username: 'latin' }, otherHighBytes) });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ error: 'invalid_body', message: 'The body is not valid UTF-8 text. Send it encoded as UTF-8.' });
    expect(login.headers['set-cookie']).toBeUndefined();

    const signup = await t.app.inject({ method: 'POST', url: '/register', headers: { 'content-type': 'application/json' }, payload: jsonWithRawPassword({ username: 'latin2', email: 'latin2@example.com' }, latin1Password) });
    expect(signup.statusCode).toBe(400);
    expect(signup.json().error).toBe('invalid_body');
    expect(await t.deps.store.users.findUserByLogin('latin2')).toBeNull();
  });

  it('refuses a declared charset other than UTF-8 with 415, and takes charset=utf-8 in any spelling', async () => {
    for (const contentType of ['application/json; charset=iso-8859-1', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded; charset=ISO-8859-1']) {
      const response = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': contentType }, payload: contentType.includes('json') ? '{"username":"x","password":"y"}' : 'username=x&password=y' });
      expect(response.statusCode, contentType).toBe(415);
      expect(response.json().error).toBe('unsupported_media_type');
      expect(response.json().message).toContain('UTF-8');
    }
    for (const contentType of ['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8']) {
      const response = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': contentType }, payload: JSON.stringify({ username: 'nobody', password: 'wrong password here' }) });
      expect(response.statusCode, contentType).toBe(401);
    }
  });

  it('reads Content-Type parameters by their grammar: a second or a quoted-away charset, or a list, gets 415', async () => {
    // A new name each time: wrong guesses at one name from one client would soon be throttled.
    let guesses = 0;
    const json = () => JSON.stringify({ username: `grammar${(guesses += 1)}`, password: 'wrong password here' });
    const refused: Record<string, RegExp> = {
      // Two charsets that disagree: the first used to win.
      'application/json; charset=utf-8; charset=latin1': /charset more than once/,
      'application/json; charset=utf-8; CHARSET=utf-8': /charset more than once/,
      // Not a charset at all: a parameter x whose quoted value holds the text "; charset=latin1".
      'application/json; x="; charset=latin1"; charset=utf-8': /^$/,
      'application/json; charset=utf-8, application/json': /not valid/,
      'application/json; charset': /not valid/,
      'application/json; charset="utf-8': /not valid/,
    };
    for (const [contentType, message] of Object.entries(refused)) {
      const response = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': contentType }, payload: json() });
      if (message.source === '^$') {
        expect(response.statusCode, contentType).toBe(401);
        continue;
      }
      expect(response.statusCode, contentType).toBe(415);
      expect(response.json().error).toBe('unsupported_media_type');
      expect(response.json().message, contentType).toMatch(message);
    }
    for (const contentType of ['application/json;charset=utf-8;', 'application/json ; charset = utf-8', 'application/json; x="a\\"b"; charset=utf-8']) {
      const response = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': contentType }, payload: json() });
      expect(response.statusCode, contentType).toBe(contentType.includes(' = ') ? 415 : 401);
    }
  });

  it('refuses a content or transfer coding it would not undo, instead of reading compressed bytes as text', async () => {
    const { gzipSync } = await import('node:zlib');
    let guesses = 0;
    const json = () => JSON.stringify({ username: `coding${(guesses += 1)}`, password: 'wrong password here' });
    for (const [headers, payload] of [
      [{ 'content-encoding': 'gzip' }, gzipSync(json())],
      // Labelled gzip but sent plain: it used to be read as if the label were not there.
      [{ 'content-encoding': 'gzip' }, json()],
      [{ 'content-encoding': 'br, identity' }, json()],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json', ...headers }, payload });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: 'unsupported_media_type' });
      expect(response.json().message).toMatch(/Content-Encoding/);
    }
    const identity = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, payload: json() });
    expect(identity.statusCode).toBe(401);
  });

  it('refuses form fields with a broken or non-UTF-8 %-escape instead of keeping them as literal text', async () => {
    for (const payload of [
      'username=formuser&email=f%40example.com&password=%E9l%E9phant+rose+%E0+quatre+pattes+%E9t%E9',
      'username=formuser&email=f%40example.com&password=%FF%20correct+horse+battery+staple',
      'username=formuser&email=f%40example.com&password=100%+correct+horse+battery',
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/register', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error).toBe('invalid_body');
      expect(response.json().message).toContain('%-escape');
    }
    expect(await t.deps.store.users.findUserByLogin('formuser')).toBeNull();

    const valid = await t.app.inject({
      method: 'POST', url: '/register', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=formuser&email=f%40example.com&password=${encodeURIComponent(`é ${STRONG_PASSWORD}`)}`,
    });
    expect(valid.statusCode).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'formuser', password: `é ${STRONG_PASSWORD}` } });
    expect(login.statusCode).toBe(200);
  });

  it('answers a JSON __proto__ or constructor key as the same field error a form gets, not as broken JSON', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true},"username":"x","password":"y"}' });
    const constructorKey = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '{"constructor":{"prototype":{"admin":true}},"username":"x","password":"y"}' });
    const form = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '__proto__=1&username=x&password=y' });
    for (const response of [json, constructorKey, form]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('validation_failed');
      expect(response.json().errors).toEqual(form.json().errors);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    const broken = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"x",' });
    expect(broken.json()).toMatchObject({ error: 'invalid_body', message: 'The body is not valid JSON.' });
    const empty = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: '  ' });
    expect(empty.json()).toMatchObject({ error: 'invalid_body', message: 'The JSON body is empty. Send a JSON object.' });
  });
});

describe('parseFormBody', () => {
  it('decodes + and %-escapes, turns repeated names into lists and keeps __proto__ an own key', () => {
    const fields = parseFormBody('a=1+2&b=%C3%A9&a=3&flag&__proto__=x&&');
    expect(fields).toEqual({ a: ['1 2', '3'], b: 'é', flag: '', ['__proto__']: 'x' });
    expect(Object.hasOwn(fields, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});
