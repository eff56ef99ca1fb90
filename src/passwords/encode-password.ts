const loneSurrogate = /\p{Cs}/u;

/**
 * The bytes every scheme hashes: the password exactly as given, as UTF-8, with no Unicode
 * normalization (that is the caller's decision, made once, before hashing and verifying alike).
 * Null for a string with a lone surrogate: it has no UTF-8 form, and replacing it with U+FFFD
 * would make distinct strings hash the same.
 */
export function encodePassword(password: string): Buffer | null {
  if (typeof password !== 'string' || loneSurrogate.test(password)) return null;
  return Buffer.from(password, 'utf8');
}
