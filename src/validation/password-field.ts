import type * as z from 'zod';
import { textField } from './text-field.js';

/**
 * Bound on a submitted password in code points as typed (zod 4's string `max` counts code points,
 * not UTF-16 units, so up to 2048 units get through), before any policy. It only caps the work
 * done on untrusted input (normalization, strength estimation); the password policy sets the
 * real maximum in code points after NFKC (PASSWORD_MAX_LENGTH, at most 512: half this bound, so
 * an allowed password fits even typed decomposed, a letter and a combining mark per character).
 */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;

/**
 * A password exactly as typed: not trimmed, not normalized (the passwords module does that,
 * and legacy hashes need the raw form). Only presence and the input bound are checked here.
 */
export function passwordField(): z.ZodString {
  return textField()
    .min(1, { error: 'is required', abort: true })
    .max(PASSWORD_INPUT_MAX_LENGTH, { error: `must be at most ${PASSWORD_INPUT_MAX_LENGTH} characters` });
}
