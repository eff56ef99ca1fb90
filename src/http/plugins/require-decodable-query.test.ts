import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, signIn, type TestApp } from '../../test-support/test-app.js';
import { BAD_URL_MESSAGE } from './framework-errors.js';

describe('query strings are decoded as strictly as paths and bodies', () => {
  let t: TestApp;
  let cookie: string;
  beforeEach(async () => {
    t = await createTestApp();
    await registerUser(t.app, 'alice');
    ({ cookie } = await signIn(t.app, 'alice'));
  });
  afterEach(async () => t.close());

  // Lenient decoding keeps a broken escape as text and turns bad UTF-8 into U+FFFD, so
  // `%FF`, `%FE` and a literal U+FFFD would all arrive as the same value.
  it.each(['x=%FF', 'x=%', 'x=%zz', 'x=%E0%A4%A', 'x=%C0%AF', 'x=%ED%A0%80', 'ok=1&x=%FE'])(
    'refuses ?%s with 400 bad_url, without echoing it',
    async (query) => {
      for (const url of [`/session?${query}`, `/healthz?${query}`]) {
        const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(response.statusCode, url).toBe(400);
        expect(response.json()).toMatchObject({ error: 'bad_url', message: BAD_URL_MESSAGE });
        expect(response.body).not.toContain(query);
        expect(response.headers['content-security-policy']).toBeDefined();
      }
    },
  );

  it.each(['', 'x=', 'x=%C3%A9&y=a+b', 'q=%E2%82%AC%20100', 'flag'])('lets ?%s through', async (query) => {
    const response = await t.app.inject({ method: 'GET', url: `/session?${query}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
  });

  it('leaves an address no route takes a plain 404, whatever its query', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nowhere?x=%FF' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('not_found');
  });
});
