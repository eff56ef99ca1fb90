import type * as z from 'zod';
import type { FieldErrors } from '../errors.js';
import { describeIssue } from './describe-issue.js';
import { hasForbiddenKeys } from './has-forbidden-keys.js';

/** Field name under which problems with the body as a whole are reported. */
export const BODY_ERRORS_KEY = '_body';

/** The answer to a body carrying a key that could reach an object's prototype. */
export function forbiddenKeysErrors(): FieldErrors {
  return { [BODY_ERRORS_KEY]: ['must not contain the keys __proto__, constructor or prototype, or be nested too deeply'] };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Validates an untrusted request body (or params object) against a schema. Never throws for
 * bad input: it returns every field's problems together, keyed by field name ('_body' for the
 * body as a whole), worded for people and never echoing a value. Bodies carrying
 * `__proto__`, `constructor` or `prototype` keys are refused before the schema sees them.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.output<S>> {
  if (hasForbiddenKeys(body)) {
    return { ok: false, errors: forbiddenKeysErrors() };
  }
  const result = schema.safeParse(body, { error: describeIssue });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: collectFieldErrors(result.error.issues) };
}

function collectFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path.length === 0 ? BODY_ERRORS_KEY : issue.path.map(String).join('.');
    const messages = byField.get(field) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byField.set(field, messages);
  }
  return Object.fromEntries(byField);
}
