import * as z from 'zod';
import { textField } from './text-field.js';

/** RFC 5321 limits: a whole path of 256 octets (254 for the address) and a 64-octet local part. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;
/** Bound on the raw input before NFKC runs. */
const EMAIL_RAW_MAX_LENGTH = 1024;
const TOO_LONG = `must be at most ${EMAIL_MAX_LENGTH} characters`;

/**
 * Email addresses: NFKC (fullwidth 'ａ@ｂ.ｃｏｍ' becomes 'a@b.com'), trimmed, at most 254
 * characters, checked with zod's email pattern (ASCII: internationalized addresses must use
 * their punycode domain; a non-ASCII local part is not accepted). The length bound comes first
 * and aborts, so the pattern never runs on long input.
 */
export const emailSchema: z.ZodString = textField()
  .max(EMAIL_RAW_MAX_LENGTH, { error: TOO_LONG, abort: true })
  .overwrite((value) => value.normalize('NFKC').trim())
  .min(1, { error: 'is required', abort: true })
  .max(EMAIL_MAX_LENGTH, { error: TOO_LONG, abort: true })
  .refine((value) => value.indexOf('@') === -1 || value.indexOf('@') <= LOCAL_PART_MAX_LENGTH, {
    error: `must have at most ${LOCAL_PART_MAX_LENGTH} characters before the @`,
  })
  .check(z.email({ error: 'must be a valid email address, like name@example.com' }));
