import * as z from 'zod';

/**
 * A string field whose type errors read well for people and for form posts: a missing field
 * "is required", a repeated form field (parsed as an array) "must be a single value", and any
 * other type "must be text". The submitted value is never echoed.
 */
export function textField(): z.ZodString {
  return z.string({ error: describeTypeIssue });
}

function describeTypeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined || issue.input === null) return 'is required';
  if (Array.isArray(issue.input)) return 'must be a single value';
  return 'must be text';
}
