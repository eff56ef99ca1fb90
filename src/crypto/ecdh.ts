/**
 * Key agreement on P-256 (ECDH, SP 800-56A) and X25519 (RFC 7748), with the raw shared secret
 * always run through HKDF-SHA256 before use: the raw secret is not uniformly random.
 *
 * A peer's public key is untrusted: every problem with it (off-curve point, another curve,
 * low-order X25519 point giving an all-zero secret) makes these functions return null, one
 * answer for every reason. A problem with the caller's own private key is a TypeError.
 */
import { KeyObject, diffieHellman, generateKeyPairSync, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { toPrivateKeyObject } from './asymmetric-key.js';
import type { AsymmetricKeyPair, PrivateKeyInput } from './asymmetric-key.js';
import { ecdhCurveOf, importEcdhPublicKey, requireEcdhCurve } from './ecdh-public-key.js';
import type { EcdhCurve } from './ecdh-public-key.js';
import { toBytes } from './encoding.js';

/** A peer's public key: a KeyObject, or raw bytes as exportEcdhPublicKey writes them. */
export type EcdhPeerPublicKey = KeyObject | Uint8Array;

export interface DeriveSharedKeyOptions {
  /** HKDF info: names the protocol and purpose, so one agreement never yields the same key twice. Required. */
  info: string | Uint8Array;
  /** HKDF salt; empty by default (RFC 5869 then uses a block of zeros). */
  salt?: string | Uint8Array;
  /** Output length in bytes, 32 by default, at most 8160 (255 SHA-256 blocks). */
  length?: number;
}

const MAX_HKDF_SHA256_LENGTH = 255 * 32;

export function generateEcdhKeyPair(curve: EcdhCurve): AsymmetricKeyPair {
  requireEcdhCurve(curve);
  return curve === 'P-256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('x25519');
}

/**
 * The raw ECDH shared secret (P-256: the 32-byte x-coordinate; X25519: 32 bytes), or null when
 * the peer key is not a valid key on the private key's curve or an X25519 result is all zeros
 * (RFC 7748 section 6.1). Feed it to a KDF; deriveSharedKey does.
 */
export function computeSharedSecret(privateKey: PrivateKeyInput, peerPublicKey: EcdhPeerPublicKey): Uint8Array | null {
  const key = toPrivateKeyObject(privateKey);
  const curve = ecdhCurveOf(key);
  if (curve === null) throw new TypeError('privateKey must be a P-256 or X25519 key');

  // 1. The peer key, imported when raw, must be a public key on the same curve.
  let peer: KeyObject | null;
  if (peerPublicKey instanceof KeyObject) {
    if (peerPublicKey.type !== 'public') throw new TypeError('peerPublicKey must be a public key');
    peer = ecdhCurveOf(peerPublicKey) === curve ? peerPublicKey : null;
  } else if (peerPublicKey instanceof Uint8Array) {
    peer = importEcdhPublicKey(curve, peerPublicKey);
  } else {
    throw new TypeError('peerPublicKey must be a KeyObject or a Uint8Array');
  }
  if (peer === null) return null;

  // 2. The agreement itself; OpenSSL refuses some bad inputs (X25519 low-order points) here.
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey: key, publicKey: peer });
  } catch {
    return null;
  }

  // 3. For X25519 an all-zero secret means a low-order peer point: the peer chose the key, not
  // us. (P-256 has prime order; an x-coordinate of zero there is an ordinary point.)
  if (curve === 'X25519' && timingSafeEqual(secret, Buffer.alloc(secret.length))) return null;
  return secret;
}

/**
 * HKDF-SHA256 over the raw shared secret with the given info and salt: a symmetric key both
 * sides compute alike, or null when the peer key is not acceptable (see computeSharedSecret).
 */
export function deriveSharedKey(
  privateKey: PrivateKeyInput,
  peerPublicKey: EcdhPeerPublicKey,
  options: DeriveSharedKeyOptions,
): Uint8Array | null {
  const rawInfo: unknown = options?.info;
  if (typeof rawInfo !== 'string' && !(rawInfo instanceof Uint8Array)) {
    throw new TypeError('options.info is required: name the protocol and purpose of the key');
  }
  const info = toBytes(rawInfo, 'info');
  const salt = toBytes(options.salt ?? new Uint8Array(0), 'salt');
  const length = options.length ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > MAX_HKDF_SHA256_LENGTH) {
    throw new TypeError(`length must be an integer from 1 to ${MAX_HKDF_SHA256_LENGTH}`);
  }
  if (info.length > 1024) throw new TypeError('info must be at most 1024 bytes');

  // The raw secret is the HKDF input keying material; it is wiped once used.
  const ikm = computeSharedSecret(privateKey, peerPublicKey);
  if (ikm === null) return null;
  try {
    return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
  } finally {
    ikm.fill(0);
  }
}
