/**
 * Strict base64 codecs. Node's Buffer decoder silently skips characters outside the alphabet
 * and accepts non-zero trailing bits, so one value has many spellings; these decoders accept
 * only the canonical spelling, which keeps tokens non-malleable as strings too.
 */
import { Buffer } from 'node:buffer';

/** Bytes or UTF-8 text as a Buffer view (no copy for Buffers). */
export function toBytes(data: string | Uint8Array, name = 'data'): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array) return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`${name} must be a string or a Uint8Array`);
}

/** URL-safe base64 without padding (RFC 4648 section 5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return toBytes(bytes).toString('base64url');
}

/**
 * Decodes unpadded URL-safe base64; null unless `text` is the canonical encoding of some bytes.
 * Canonical means re-encoding gives `text` back, which also rules out every character outside
 * the alphabet (the decoder would have skipped it), padding, and non-zero trailing bits.
 */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** URL-safe base64 with `=` padding: the form Python's base64.urlsafe_b64encode and Fernet use. */
export function encodeBase64UrlPadded(bytes: Uint8Array): string {
  const text = toBytes(bytes).toString('base64url');
  return text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
}

/** Decodes padded URL-safe base64; null unless `text` is canonical (padding present, zero trailing bits). */
export function decodeBase64UrlPadded(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 !== 0) return null;
  // With the length a multiple of 4, stripping at most two '=' leaves exactly the unpadded form.
  let end = text.length;
  if (text.endsWith('=')) end -= text.endsWith('==') ? 2 : 1;
  return decodeBase64Url(end === text.length ? text : text.slice(0, end));
}

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return toBytes(bytes).toString('base64');
}

/** Decodes padded standard base64; null unless `text` is canonical. */
export function decodeBase64(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}
