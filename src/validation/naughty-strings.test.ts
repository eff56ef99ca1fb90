import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vectorPath } from '../test-support/environment.js';
import { changePasswordBody } from './change-password-body.js';
import { emailSchema } from './email-schema.js';
import { hasForbiddenKeys } from './has-forbidden-keys.js';
import { loginBody } from './login-body.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizeLoginIdentifier } from './normalize-login-identifier.js';
import { normalizeUsername } from './normalize-username.js';
import { parseBody } from './parse-body.js';
import { registerBody } from './register-body.js';
import { sessionIdParam } from './session-id-param.js';
import { usernameSchema } from './username-schema.js';

const blnsPath = vectorPath('payloads/big-list-of-naughty-strings/blns.json');
const naughty: string[] = blnsPath === null ? [] : (JSON.parse(readFileSync(blnsPath, 'utf8')) as string[]);

const bodySchemas = { registerBody, loginBody, changePasswordBody, sessionIdParam };

describe.skipIf(blnsPath === null)('the big list of naughty strings', () => {
  it('is loaded', () => {
    expect(naughty.length).toBeGreaterThan(500);
  });

  it('never makes a schema throw: every string gives ok or field errors', () => {
    for (const value of naughty) {
      for (const [name, schema] of Object.entries(bodySchemas)) {
        const bodies: unknown[] = [
          { username: value, email: value, password: value, currentPassword: value, newPassword: value, totp: value, id: value },
          { [value]: value },
          [value],
          value,
        ];
        for (const body of bodies) {
          const result = parseBody(schema, body);
          expect(typeof result.ok, `${name} ${JSON.stringify(value)}`).toBe('boolean');
          if (!result.ok) {
            for (const messages of Object.values(result.errors)) expect(messages.length).toBeGreaterThan(0);
          }
        }
      }
      expect(typeof usernameSchema.safeParse(value).success).toBe('boolean');
      expect(typeof emailSchema.safeParse(value).success).toBe('boolean');
      expect(() => hasForbiddenKeys({ [value]: value })).not.toThrow();
    }
  });

  it('never echoes a naughty value back in an error message', () => {
    for (const value of naughty.filter((entry) => entry.length >= 8)) {
      const result = parseBody(registerBody, { username: value, email: value, password: value });
      if (!result.ok) expect(JSON.stringify(result.errors)).not.toContain(JSON.stringify(value).slice(1, -1));
    }
  });

  it('normalizers take any of them without throwing', () => {
    for (const value of naughty) {
      expect(() => normalizeUsername(value)).not.toThrow();
      expect(() => normalizeEmail(value)).not.toThrow();
      if (value.trim().length <= 254) expect(typeof normalizeLoginIdentifier(value)).toBe('string');
    }
  });

  it('accepted usernames contain only letters, digits and _ . - (no markup, quotes or controls)', () => {
    for (const value of naughty) {
      const result = usernameSchema.safeParse(value);
      if (result.success) expect(result.data).toMatch(/^[\p{L}\p{M}\p{Nd}_.-]{3,128}$/u);
    }
  });
});
