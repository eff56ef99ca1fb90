/** One imported (non-argon2id) password-hash format that Bulwark can still verify. */
export interface LegacyHashScheme {
  /**
   * Cheap shape check, no key derivation: the scheme name (as reported by
   * identifyHashScheme) when the string has this scheme's shape, else null.
   */
  identify(stored: string): string | null;
  /**
   * Derives the key from the password's UTF-8 bytes and compares in constant time.
   * Null when the string is malformed or its cost is beyond the ceilings in legacy-cost-limits.ts.
   * Blocking and CPU-heavy: called only inside a hash worker thread.
   */
  verify(stored: string, password: Buffer): boolean | null;
}
