import * as z from 'zod';
import { emailSchema } from './email-schema.js';
import { isReservedUsername } from './is-reserved-username.js';
import { passwordField } from './password-field.js';
import { usernameSchema } from './username-schema.js';

/** Same wording style as "This username is taken. Choose another one." in the register use case. */
export const USERNAME_RESERVED = 'This username is reserved. Choose another one.';

/**
 * POST /register. Unknown keys (such as the `_csrf` form field) are stripped; the password
 * policy is applied later by the use case, which knows the username and email to compare with.
 * Reserved names are refused here, at sign-up only (login never uses this schema, so an account
 * holding such a name still signs in), and before any lookup: the answer and its timing are the
 * same whether or not an account with that name exists.
 */
export const registerBody = z.object({
  username: usernameSchema.refine((value) => !isReservedUsername(value), { error: USERNAME_RESERVED }),
  email: emailSchema,
  password: passwordField(),
});

export type RegisterBody = z.output<typeof registerBody>;
