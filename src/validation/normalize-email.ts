export interface NormalizedEmail {
  /** NFKC form, trimmed, with the case as typed: where mail is sent. */
  address: string;
  /** Lower-cased address: what uniqueness and lookups use. */
  key: string;
}

/**
 * The whole address is lower-cased for the key: RFC 5321 lets the local part be
 * case-sensitive, but no real mail provider treats 'Alice@' and 'alice@' as different people,
 * and two accounts that differ only in case are an impersonation risk. Dots and '+tags' are
 * kept (only some providers ignore them). Validate with `emailSchema` first.
 */
export function normalizeEmail(raw: string): NormalizedEmail {
  if (typeof raw !== 'string') throw new TypeError('normalizeEmail expects a string');
  const address = raw.normalize('NFKC').trim();
  return { address, key: address.toLowerCase() };
}
