import { parse as parseForm } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { changePasswordBody } from './change-password-body.js';
import { loginBody } from './login-body.js';
import { BODY_ERRORS_KEY, parseBody } from './parse-body.js';
import { registerBody } from './register-body.js';
import { sessionIdParam } from './session-id-param.js';

const validRegistration = { username: 'alice', email: 'alice@example.com', password: 'correct horse battery staple' };

describe('parseBody with registerBody', () => {
  it('returns the parsed, normalized value and strips unknown keys such as _csrf', () => {
    const result = parseBody(registerBody, { ...validRegistration, username: ' ＡＬＩＣＥ ', _csrf: 'token', isAdmin: true });
    expect(result).toEqual({ ok: true, value: { username: 'ALICE', email: 'alice@example.com', password: 'correct horse battery staple' } });
  });

  it('keeps the password exactly as typed (no trimming or normalization)', () => {
    const result = parseBody(registerBody, { ...validRegistration, password: '  ｐass  ' });
    expect(result.ok && result.value.password).toBe('  ｐass  ');
  });

  it('reports every field problem together', () => {
    const result = parseBody(registerBody, { username: 'a', email: 'not-an-email', password: '' });
    expect(result).toEqual({
      ok: false,
      errors: {
        username: ['must be at least 3 characters'],
        email: ['must be a valid email address, like name@example.com'],
        password: ['is required'],
      },
    });
  });

  it('reports missing fields as required', () => {
    expect(parseBody(registerBody, {})).toEqual({
      ok: false,
      errors: { username: ['is required'], email: ['is required'], password: ['is required'] },
    });
  });

  it('rejects non-string types, as JSON can send them', () => {
    const result = parseBody(registerBody, JSON.parse('{"username": {"$ne": null}, "email": true, "password": 12345678}'));
    expect(result).toEqual({
      ok: false,
      errors: { username: ['must be text'], email: ['must be text'], password: ['must be text'] },
    });
  });

  it('rejects repeated form fields (arrays) with "must be a single value"', () => {
    const result = parseBody(registerBody, { username: ['alice', 'admin'], email: 'alice@example.com', password: ['a', 'b'] });
    expect(result).toEqual({ ok: false, errors: { username: ['must be a single value'], password: ['must be a single value'] } });
  });

  it('rejects over-long strings in every field', () => {
    const result = parseBody(registerBody, { username: 'u'.repeat(5000), email: `${'e'.repeat(300)}@example.com`, password: 'p'.repeat(1025) });
    expect(result).toEqual({
      ok: false,
      errors: {
        username: ['must be at most 32 characters'],
        email: ['must be at most 254 characters'],
        password: ['must be at most 1024 characters'],
      },
    });
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, undefined, 'username=alice', 42, [validRegistration]]) {
      expect(parseBody(registerBody, body)).toEqual({ ok: false, errors: { [BODY_ERRORS_KEY]: ['must be a JSON object or a form'] } });
    }
  });

  it('never echoes the submitted value in a message', () => {
    const secret = 'Sup3r$ecretPassw0rd!'.repeat(60);
    const result = parseBody(registerBody, { username: secret, email: secret, password: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('Sup3r');
  });
});

describe('parseBody with form-encoded bodies (repeated names become lists)', () => {
  it('accepts a form and drops _csrf', () => {
    const body = parseForm('username=alice&email=alice%40example.com&password=correct+horse&_csrf=token');
    expect(parseBody(registerBody, body)).toEqual({ ok: true, value: { username: 'alice', email: 'alice@example.com', password: 'correct horse' } });
  });

  it('refuses a repeated field (HTTP parameter pollution)', () => {
    const body = parseForm('username=alice&password=first&password=second');
    expect(parseBody(loginBody, body)).toEqual({ ok: false, errors: { password: ['must be a single value'] } });
  });

  it('refuses a __proto__ form field', () => {
    const body = parseForm('username=alice&password=x&__proto__=polluted');
    expect(parseBody(loginBody, body)).toEqual({ ok: false, errors: { [BODY_ERRORS_KEY]: [expect.stringContaining('__proto__')] } });
  });
});

describe('parseBody prototype-pollution guard', () => {
  it('refuses {"__proto__": {"admin": true}} and does not pollute anything', () => {
    const body: unknown = JSON.parse('{"__proto__": {"admin": true}, "username": "alice", "email": "alice@example.com", "password": "x"}');
    const result = parseBody(registerBody, body);
    expect(result).toEqual({ ok: false, errors: { [BODY_ERRORS_KEY]: [expect.stringContaining('__proto__')] } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses {"constructor": {"prototype": {...}}}', () => {
    const body: unknown = JSON.parse('{"constructor": {"prototype": {"isAdmin": true}}, "username": "alice", "password": "x"}');
    expect(parseBody(loginBody, body).ok).toBe(false);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a forbidden key hidden inside an array field', () => {
    const body: unknown = JSON.parse('{"username": [{"__proto__": {"x": 1}}], "password": "x"}');
    expect(parseBody(loginBody, body)).toEqual({ ok: false, errors: { [BODY_ERRORS_KEY]: [expect.any(String)] } });
  });

  it('even a successful parse yields a plain object whose prototype is untouched', () => {
    const result = parseBody(loginBody, { username: 'alice', password: 'x' });
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });
});

describe('parseBody with loginBody', () => {
  it('accepts a username or an email, trimmed, and an optional TOTP with spaces removed', () => {
    expect(parseBody(loginBody, { username: ' alice@example.com ', password: 'pw', totp: '123 456' })).toEqual({
      ok: true,
      value: { username: 'alice@example.com', password: 'pw', totp: '123456' },
    });
    expect(parseBody(loginBody, { username: 'alice', password: 'pw' })).toEqual({ ok: true, value: { username: 'alice', password: 'pw' } });
  });

  it('treats an empty totp form field as absent', () => {
    expect(parseBody(loginBody, { username: 'alice', password: 'pw', totp: '' })).toEqual({ ok: true, value: { username: 'alice', password: 'pw' } });
  });

  it('accepts 6 to 8 ASCII digits only for totp', () => {
    expect(parseBody(loginBody, { username: 'a', password: 'p', totp: '12345678' }).ok).toBe(true);
    for (const totp of ['12345', '123456789', 'abcdef', '１２３４５６', '12345x', '١٢٣٤٥٦', 'x'.repeat(10_000)]) {
      expect(parseBody(loginBody, { username: 'a', password: 'p', totp }), totp.slice(0, 20)).toEqual({ ok: false, errors: { totp: ['must be 6 to 8 digits'] } });
    }
    expect(parseBody(loginBody, { username: 'a', password: 'p', totp: 123456 })).toEqual({ ok: false, errors: { totp: ['must be text'] } });
  });

  it('bounds the identifier to 254 characters', () => {
    expect(parseBody(loginBody, { username: 'a'.repeat(255), password: 'p' })).toEqual({ ok: false, errors: { username: ['must be at most 254 characters'] } });
  });

  it('reports both missing fields together', () => {
    expect(parseBody(loginBody, { totp: '000000' })).toEqual({ ok: false, errors: { username: ['is required'], password: ['is required'] } });
  });
});

describe('parseBody with changePasswordBody and sessionIdParam', () => {
  it('requires both passwords', () => {
    expect(parseBody(changePasswordBody, { currentPassword: 'old' })).toEqual({ ok: false, errors: { newPassword: ['is required'] } });
    expect(parseBody(changePasswordBody, { currentPassword: 'old', newPassword: 'new one' })).toEqual({
      ok: true,
      value: { currentPassword: 'old', newPassword: 'new one' },
    });
  });

  it('accepts base64url session ids and rejects anything else', () => {
    expect(parseBody(sessionIdParam, { id: 'AbCdEfGhIjKlMnOpQrStUv' })).toEqual({ ok: true, value: { id: 'AbCdEfGhIjKlMnOpQrStUv' } });
    for (const id of ['short', '../../etc/passwd', "1' OR '1'='1", 'a'.repeat(65), 'AbCdEfGhIjKlMnOpQrSt%00']) {
      expect(parseBody(sessionIdParam, { id })).toEqual({ ok: false, errors: { id: ['is not a valid session id'] } });
    }
  });
});

describe('parseBody fallback wording', () => {
  it('words issues that a schema did not word itself, without values', () => {
    const schema = z.object({ count: z.number().int().min(1), kind: z.enum(['a', 'b']), nested: z.object({ flag: z.boolean() }) });
    expect(parseBody(schema, { count: 0, kind: 'zzz', nested: { flag: 'yes' } })).toEqual({
      ok: false,
      errors: { count: ['must be at least 1'], kind: ['is not one of the allowed values'], 'nested.flag': ['must be a boolean'] },
    });
    expect(parseBody(schema, { count: [1, 2], kind: 'a', nested: {} })).toEqual({
      ok: false,
      errors: { count: ['must be a single value'], 'nested.flag': ['is required'] },
    });
  });
});

describe('login identifiers with control characters', () => {
  it('refuses NUL and other C0 controls in the login username (PostgreSQL cannot even compare them)', () => {
    for (const username of ['a\u0000b', 'ali\nce', '\u001bx', 'x\u007f']) {
      const result = parseBody(loginBody, { username, password: 'whatever it is' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.username).toEqual(['must not contain control characters']);
    }
    expect(parseBody(loginBody, { username: 'alice', password: 'whatever it is' }).ok).toBe(true);
  });
});
