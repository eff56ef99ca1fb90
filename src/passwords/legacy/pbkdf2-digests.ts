/** Output sizes (bytes) of the HMAC digests legacy PBKDF2 hashes are made with. */
export const PBKDF2_DIGEST_BYTES: ReadonlyMap<string, number> = new Map([
  ['sha1', 20],
  ['sha224', 28],
  ['sha256', 32],
  ['sha384', 48],
  ['sha512', 64],
]);
