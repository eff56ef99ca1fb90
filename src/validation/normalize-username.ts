import { foldCase } from './fold-case.js';

export interface NormalizedUsername {
  /** NFKC form, trimmed, with the case as typed: what is shown. */
  display: string;
  /** Case-folded NFKC form: what uniqueness and lookups use. */
  key: string;
}

/**
 * NFKC maps compatibility look-alikes to one form (fullwidth 'ＡＬＩＣＥ' is 'ALICE', the 'ﬁ'
 * ligature is 'fi'); trimming runs after NFKC because NFKC turns exotic spaces into ' '.
 * Validate with `usernameSchema` first; this does no validation.
 */
export function normalizeUsername(raw: string): NormalizedUsername {
  if (typeof raw !== 'string') throw new TypeError('normalizeUsername expects a string');
  const display = raw.normalize('NFKC').trim();
  return { display, key: foldCase(display) };
}
