import { describe, expect, it } from 'vitest';
import { loginBody } from './login-body.js';
import { parseBody } from './parse-body.js';
import { registerBody, USERNAME_RESERVED } from './register-body.js';

const valid = { email: 'someone@example.com', password: 'correct horse battery staple 42' };

describe('registerBody reserved usernames', () => {
  it('refuses reserved names and their disguises under errors.username, with one actionable message', () => {
    for (const username of ['admin', 'Admin', 'ａｄｍｉｎ', 'a-d-m-i-n', 'root_2', 'no-reply', 'Mailer-Daemon']) {
      expect(parseBody(registerBody, { ...valid, username }), username).toEqual({ ok: false, errors: { username: [USERNAME_RESERVED] } });
    }
  });

  it('reports it together with the other problems of the name and of other fields', () => {
    expect(parseBody(registerBody, { username: 'admin_', email: 'nope', password: valid.password })).toEqual({
      ok: false,
      errors: {
        username: ['must start and end with a letter or a digit', USERNAME_RESERVED],
        email: [expect.any(String)],
      },
    });
  });

  it('accepts names that only contain a reserved name', () => {
    expect(parseBody(registerBody, { ...valid, username: 'administrator_fan' })).toEqual({ ok: true, value: { ...valid, username: 'administrator_fan' } });
  });

  it('does not apply at login: an existing account with such a name can still sign in', () => {
    expect(parseBody(loginBody, { username: 'admin', password: 'x' }).ok).toBe(true);
  });
});
