/**
 * RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2) with SHA-256, for interoperating with systems that
 * only speak it (RS256 in JOSE, many X.509 chains). New designs should use rsaPssSign.
 */
import { constants, sign, verify } from 'node:crypto';
import { requireBytes, toPrivateKeyObject, toPublicKeyObject } from './asymmetric-key.js';
import type { PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
import { toBytes } from './encoding.js';
import { requireRsaKey } from './rsa.js';

/** Signs `data` (hashed with SHA-256 here); deterministic: the same key and data give the same signature. */
export function rsaPkcs1v15Sign(privateKey: PrivateKeyInput, data: string | Uint8Array): Uint8Array {
  const key = toPrivateKeyObject(privateKey);
  requireRsaKey(key, 'privateKey');
  return sign('sha256', toBytes(data), { key, padding: constants.RSA_PKCS1_PADDING });
}

/**
 * True only when `signature` is a valid PKCS#1 v1.5 SHA-256 signature of `data`. OpenSSL
 * re-encodes the DigestInfo and compares it whole, so the forgeries that ride on lax padding
 * parsing (Bleichenbacher 2006, BERserk) do not verify.
 */
export function rsaPkcs1v15Verify(publicKey: PublicKeyInput, data: string | Uint8Array, signature: Uint8Array): boolean {
  const key = toPublicKeyObject(publicKey);
  const bits = requireRsaKey(key, 'publicKey');
  const message = toBytes(data);
  const sig = requireBytes(signature, 'signature');
  if (sig.length !== Math.ceil(bits / 8)) return false;
  try {
    return verify('sha256', message, { key, padding: constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    return false;
  }
}
