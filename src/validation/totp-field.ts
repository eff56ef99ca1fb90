import * as z from 'zod';
import { textField } from './text-field.js';

const TOTP_CODE = /^[0-9]{6,8}$/;

/**
 * Optional one-time code: 6 to 8 ASCII digits. An empty form field counts as absent, and
 * spaces are removed because authenticator apps show codes as '123 456'.
 */
export function totpField() {
  const code = textField()
    .max(64, { error: 'must be 6 to 8 digits', abort: true })
    .overwrite((value) => value.replace(/\s+/g, ''))
    .regex(TOTP_CODE, { error: 'must be 6 to 8 digits' });
  return z.preprocess((value) => (value === '' ? undefined : value), code.optional()).optional();
}
