import * as z from 'zod';
import { emailSchema } from './email-schema.js';
import { passwordField } from './password-field.js';
import { usernameSchema } from './username-schema.js';

/**
 * POST /register. Unknown keys (such as the `_csrf` form field) are stripped; the password
 * policy is applied later by the use case, which knows the username and email to compare with.
 */
export const registerBody = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordField(),
});

export type RegisterBody = z.output<typeof registerBody>;
