/**
 * RSASSA-PSS (RFC 8017 section 8.1) with SHA-256 and MGF1-SHA-256: the RSA signature to use
 * for anything new.
 */
import { constants, sign, verify } from 'node:crypto';
import { requireBytes, toPrivateKeyObject, toPublicKeyObject } from './asymmetric-key.js';
import type { PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
import { toBytes } from './encoding.js';
import { requireRsaKey } from './rsa.js';

const HASH_LENGTH = 32;

/** Salt length equal to the hash length (32 bytes): RFC 8017's recommendation and our default. */
export const RSA_PSS_DEFAULT_SALT_LENGTH = HASH_LENGTH;

/**
 * A salt length in bytes; 'max' for the longest the key allows (what Python's
 * `padding.PSS.MAX_LENGTH` signs with); 'auto' (verification only) to accept any salt length,
 * recovered from the signature.
 */
export type RsaPssSaltLength = number | 'max' | 'auto';

export interface RsaPssSignOptions {
  /** 32 by default. */
  saltLength?: number | 'max';
}

export interface RsaPssVerifyOptions {
  /**
   * 'auto' by default, so signatures from both common signers verify: 32-byte salts (ours,
   * Go, Java) and Python's PSS.MAX_LENGTH. The salt length is not a security parameter for the
   * verifier; pin it when a protocol fixes it.
   */
  saltLength?: RsaPssSaltLength;
}

/** Longest salt under a key of `modulusBits` (RFC 8017: emLen - hLen - 2, emLen = ceil((modBits - 1) / 8)). */
export function rsaPssMaxSaltLength(modulusBits: number): number {
  return Math.ceil((modulusBits - 1) / 8) - HASH_LENGTH - 2;
}

/** Signs `data` (hashed with SHA-256 here) with RSA-PSS; the result is as long as the modulus. */
export function rsaPssSign(privateKey: PrivateKeyInput, data: string | Uint8Array, options: RsaPssSignOptions = {}): Uint8Array {
  const key = toPrivateKeyObject(privateKey);
  const bits = requireRsaKey(key, 'privateKey');
  const saltLength = resolveSaltLength(options.saltLength ?? RSA_PSS_DEFAULT_SALT_LENGTH, bits, false);
  return sign('sha256', toBytes(data), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
}

/** True only when `signature` is a valid RSA-PSS signature of `data` under `publicKey`. */
export function rsaPssVerify(
  publicKey: PublicKeyInput,
  data: string | Uint8Array,
  signature: Uint8Array,
  options: RsaPssVerifyOptions = {},
): boolean {
  const key = toPublicKeyObject(publicKey);
  const bits = requireRsaKey(key, 'publicKey');
  const saltLength = resolveSaltLength(options.saltLength ?? 'auto', bits, true);
  const message = toBytes(data);
  const sig = requireBytes(signature, 'signature');
  // A signature of the wrong length can never verify; OpenSSL would say so with an exception.
  if (sig.length !== Math.ceil(bits / 8)) return false;
  try {
    return verify('sha256', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, sig);
  } catch {
    return false;
  }
}

function resolveSaltLength(saltLength: RsaPssSaltLength, modulusBits: number, verifying: boolean): number {
  const max = rsaPssMaxSaltLength(modulusBits);
  if (saltLength === 'max') return max;
  if (saltLength === 'auto') {
    if (!verifying) throw new TypeError("saltLength 'auto' is for verification only");
    return constants.RSA_PSS_SALTLEN_AUTO;
  }
  if (!Number.isInteger(saltLength) || saltLength < 0 || saltLength > max) {
    throw new TypeError(`saltLength must be an integer from 0 to ${max}, 'max' or 'auto'`);
  }
  return saltLength;
}
