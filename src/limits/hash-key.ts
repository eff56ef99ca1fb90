import { createHash } from 'node:crypto';

/**
 * A fixed-length store key from untrusted parts (usernames, addresses): a huge username cannot
 * bloat memory or Redis, and each part is prefixed with its byte length so ("ab", "c") and
 * ("a", "bc") differ. Keys are not secrets; SHA-256 bounds and spreads them, it does not hide them.
 */
export function hashKey(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8');
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('base64url');
}
