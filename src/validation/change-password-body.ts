import * as z from 'zod';
import { passwordField } from './password-field.js';

/** POST /change-password. The new password's policy is checked by the use case. */
export const changePasswordBody = z.object({
  currentPassword: passwordField(),
  newPassword: passwordField(),
});

export type ChangePasswordBody = z.output<typeof changePasswordBody>;
