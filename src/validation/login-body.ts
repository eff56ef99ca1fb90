import * as z from 'zod';
import { LOGIN_IDENTIFIER_MAX_LENGTH } from './normalize-login-identifier.js';
import { passwordField } from './password-field.js';
import { textField } from './text-field.js';
import { totpField } from './totp-field.js';

/**
 * POST /login. `username` is a username or an email address; only presence and length are
 * checked, because a malformed identifier simply matches no account (and the answer for every
 * wrong case is the same 401). Turn it into an account key with `normalizeLoginIdentifier`.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export const loginBody = z.object({
  username: textField()
    .overwrite((value) => value.trim())
    .min(1, { error: 'is required', abort: true })
    .max(LOGIN_IDENTIFIER_MAX_LENGTH, { error: `must be at most ${LOGIN_IDENTIFIER_MAX_LENGTH} characters` })
    // No username or email can hold control characters, and PostgreSQL refuses NUL in text:
    // such an identifier is a malformed request, answered before any database work.
    .refine((value) => !CONTROL_CHARACTERS.test(value), { error: 'must not contain control characters' }),
  password: passwordField(),
  totp: totpField(),
});

export type LoginBody = z.output<typeof loginBody>;
