/**
 * The one form a password is checked, hashed and verified in: Unicode NFKC.
 *
 * NIST SP 800-63B-4 (3.1.1.2) says verifiers should normalize before hashing so the same
 * password typed on different keyboards or input methods (precomposed "é" versus "e" plus a
 * combining accent, fullwidth "Ａ" from an IME versus "A") is the same secret. NFKC rather than
 * NFC also folds compatibility forms, which the blocklist and strength checks need: fullwidth
 * "ｐａｓｓｗｏｒｄ" must be caught as "password". Callers hash normalizePassword(p), never p,
 * on registration, change and login alike; otherwise a stored hash would stop matching.
 */
export function normalizePassword(password: string): string {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  return password.normalize('NFKC');
}

/** Length in Unicode code points (a surrogate pair counts once), which is what people count. */
export function countCodePoints(text: string): number {
  let count = 0;
  // Iterating a string walks code points, not UTF-16 units.
  for (const _ of text) count += 1;
  return count;
}
