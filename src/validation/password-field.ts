import type * as z from 'zod';
import { textField } from './text-field.js';

/**
 * Bound on a submitted password in UTF-16 units, before any policy. It only caps the work done
 * on untrusted input (normalization, strength estimation); the password policy sets the real
 * maximum in code points after NFKC (PASSWORD_MAX_LENGTH, at most 512, so every allowed
 * password fits: a code point is at most two units).
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
