import type * as z from 'zod';

/**
 * Fallback wording for any issue a schema did not word itself (schema messages win in zod's
 * precedence). Messages say what to do and never include the submitted value.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'object') return 'must be a JSON object or a form';
      if (issue.input === undefined || issue.input === null) return 'is required';
      if (Array.isArray(issue.input)) return 'must be a single value';
      return `must be ${article(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${String(issue.minimum)} characters` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return 'is not in the expected format';
    case 'invalid_value':
      return 'is not one of the allowed values';
    default:
      return 'is not valid';
  }
}

function article(expected: string): string {
  if (expected === 'string') return 'text';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
