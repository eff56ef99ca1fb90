/**
 * ECDSA over P-256 with SHA-256 (FIPS 186-5). Signatures are DER (X.509, TLS, Python's
 * `cryptography`) or IEEE P1363 r||s (JOSE ES256, WebCrypto).
 */
import { sign, verify } from 'node:crypto';
import { requireBytes, toPrivateKeyObject, toPublicKeyObject } from './asymmetric-key.js';
import type { PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
import { requireP256Key } from './ec.js';
import { toBytes } from './encoding.js';

export type EcdsaSignatureEncoding = 'der' | 'ieee-p1363';

export interface EcdsaOptions {
  /** 'der' by default. */
  encoding?: EcdsaSignatureEncoding;
}

/** Signs `data` (hashed with SHA-256 here) with a P-256 private key; randomised per call. */
export function ecdsaSign(privateKey: PrivateKeyInput, data: string | Uint8Array, options: EcdsaOptions = {}): Uint8Array {
  const key = toPrivateKeyObject(privateKey);
  requireP256Key(key, 'privateKey');
  return sign('sha256', toBytes(data), { key, dsaEncoding: encodingOf(options) });
}

/**
 * True only when `signature` is a valid signature of `data` in the chosen encoding. OpenSSL
 * parses DER strictly (BER variants, extra bytes and padded integers fail) and rejects r or s
 * outside [1, n-1]. Both (r, s) and (r, n-s) verify, as ECDSA defines; do not use a signature
 * as a unique identifier.
 */
export function ecdsaVerify(
  publicKey: PublicKeyInput,
  data: string | Uint8Array,
  signature: Uint8Array,
  options: EcdsaOptions = {},
): boolean {
  const key = toPublicKeyObject(publicKey);
  requireP256Key(key, 'publicKey');
  const dsaEncoding = encodingOf(options);
  const message = toBytes(data);
  const sig = requireBytes(signature, 'signature');
  if (dsaEncoding === 'ieee-p1363' && sig.length !== 64) return false;
  try {
    return verify('sha256', message, { key, dsaEncoding }, sig);
  } catch {
    return false;
  }
}

function encodingOf(options: EcdsaOptions): EcdsaSignatureEncoding {
  const encoding = options.encoding ?? 'der';
  if (encoding !== 'der' && encoding !== 'ieee-p1363') throw new TypeError("encoding must be 'der' or 'ieee-p1363'");
  return encoding;
}
