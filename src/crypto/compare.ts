/**
 * Constant-time equality for secrets of any length.
 *
 * crypto.timingSafeEqual needs equal lengths, and checking lengths first returns early, which
 * tells an attacker the secret's length. Instead both inputs are HMAC-SHA256'd under a key drawn
 * at random once per process, and the two 32-byte digests are compared with timingSafeEqual.
 * The attacker cannot predict the digests, so how long the comparison takes says nothing about
 * where the inputs differ, and the lengths only change the (public) HMAC input size. Equal
 * digests mean equal inputs except with probability 2^-256.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { toBytes } from './encoding.js';

const comparisonKey = randomBytes(32);

function digestForComparison(value: string | Uint8Array): Buffer {
  return createHmac('sha256', comparisonKey).update(toBytes(value, 'value')).digest();
}

/**
 * True when `a` and `b` hold the same bytes (strings compare as their UTF-8 bytes, so a string
 * equals the Uint8Array of its UTF-8 encoding). Time does not depend on where they differ.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const digestA = digestForComparison(a);
  const digestB = digestForComparison(b);
  return timingSafeEqual(digestA, digestB);
}
