/**
 * RSA key pairs and the size policy every RSA operation enforces: moduli under 2048 bits are
 * refused (NIST SP 800-131A), as are keys over 16384 bits, whose cost would let a hostile
 * public key stall the server.
 */
import { KeyObject, generateKeyPair } from 'node:crypto';
import type { AsymmetricKeyPair } from './asymmetric-key.js';

export const MIN_RSA_MODULUS_BITS = 2048;
export const MAX_RSA_MODULUS_BITS = 16384;
export const DEFAULT_RSA_MODULUS_BITS = 3072;

export interface GenerateRsaKeyPairOptions {
  /** Modulus size in bits: a multiple of 8 from 2048 to 16384; 3072 by default (128-bit security). */
  modulusLength?: number;
}

/**
 * Generates an RSA key pair (public exponent 65537). Asynchronous because finding the primes
 * takes long enough to stall the event loop.
 */
export function generateRsaKeyPair(options: GenerateRsaKeyPairOptions = {}): Promise<AsymmetricKeyPair> {
  const modulusLength = options.modulusLength ?? DEFAULT_RSA_MODULUS_BITS;
  if (
    !Number.isInteger(modulusLength) ||
    modulusLength < MIN_RSA_MODULUS_BITS ||
    modulusLength > MAX_RSA_MODULUS_BITS ||
    modulusLength % 8 !== 0
  ) {
    throw new TypeError(
      `modulusLength must be a multiple of 8 from ${MIN_RSA_MODULUS_BITS} to ${MAX_RSA_MODULUS_BITS} bits`,
    );
  }
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else resolve({ publicKey, privateKey });
    });
  });
}

/** Modulus size in bits when `key` is an RSA key within policy, otherwise null. */
export function usableRsaModulusBits(key: KeyObject): number | null {
  if (key.asymmetricKeyType !== 'rsa') return null;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined || bits < MIN_RSA_MODULUS_BITS || bits > MAX_RSA_MODULUS_BITS) return null;
  return bits;
}

/** The modulus size in bits, or TypeError when `key` is not an RSA key within policy. */
export function requireRsaKey(key: KeyObject, name: string): number {
  const bits = usableRsaModulusBits(key);
  if (bits === null) {
    throw new TypeError(
      `${name} must be an RSA key of ${MIN_RSA_MODULUS_BITS} to ${MAX_RSA_MODULUS_BITS} bits`,
    );
  }
  return bits;
}
