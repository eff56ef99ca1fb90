import * as z from 'zod';
import { textField } from './text-field.js';

/**
 * DELETE /sessions/:id. Session ids are random base64url strings (22 characters today); the
 * range leaves room for a longer id without accepting anything worth a database lookup.
 */
export const sessionIdParam = z.object({
  id: textField().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'is not a valid session id' }),
});

export type SessionIdParam = z.output<typeof sessionIdParam>;
