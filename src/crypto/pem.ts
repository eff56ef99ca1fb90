/**
 * PEM import and export of asymmetric keys: PKCS#8 private keys (optionally encrypted with a
 * passphrase) and SPKI public keys.
 *
 * Import treats the PEM as untrusted and answers null for anything Bulwark would not use:
 * garbage, a wrong passphrase, legacy formats (PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY",
 * certificates), RSA keys under 2048 or over 16384 bits, EC curves other than P-256, and key
 * types other than RSA, P-256, Ed25519 and X25519.
 */
import { KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { isP256Key } from './ec.js';
import { usableRsaModulusBits } from './rsa.js';

export interface PrivateKeyPemOptions {
  /**
   * Export: encrypts the PKCS#8 key with AES-256-CBC under a key PBKDF2-HMAC-SHA256 derives
   * from this passphrase (OpenSSL's PBES2 defaults). Import: needed for encrypted keys.
   */
  passphrase?: string;
}

/** Longer input is refused before parsing; an RSA-16384 PKCS#8 PEM is about 12 KiB. */
const MAX_PEM_LENGTH = 32 * 1024;

const labels = {
  privateKey: 'PRIVATE KEY',
  encryptedPrivateKey: 'ENCRYPTED PRIVATE KEY',
  publicKey: 'PUBLIC KEY',
} as const;

/** A PKCS#8 PEM ("PRIVATE KEY", or "ENCRYPTED PRIVATE KEY" when a passphrase is given). */
export function exportPrivateKeyPem(privateKey: KeyObject, options: PrivateKeyPemOptions = {}): string {
  if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private') throw new TypeError('privateKey must be a private KeyObject');
  const { passphrase } = options;
  if (passphrase === undefined) return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new TypeError('passphrase must be a non-empty string');
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/**
 * A private key from PKCS#8 PEM, or null (wrong passphrase, encrypted without a passphrase
 * given, malformed, or a key Bulwark does not use).
 */
export function importPrivateKeyPem(pem: string, options: PrivateKeyPemOptions = {}): KeyObject | null {
  if (typeof pem !== 'string') throw new TypeError('pem must be a string');
  const { passphrase } = options;
  if (passphrase !== undefined && typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  const label = pemLabel(pem);
  if (label === labels.encryptedPrivateKey) {
    // Without a passphrase OpenSSL may try to prompt for one; never let it.
    if (passphrase === undefined || passphrase.length === 0) return null;
  } else if (label !== labels.privateKey) {
    return null;
  }
  try {
    const key = createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? '' });
    return isUsableKey(key) ? key : null;
  } catch {
    return null;
  }
}

/** An SPKI PEM ("PUBLIC KEY"); given a private key, exports its public half. */
export function exportPublicKeyPem(key: KeyObject): string {
  if (!(key instanceof KeyObject) || key.type === 'secret') throw new TypeError('key must be a public or private KeyObject');
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** A public key from SPKI PEM, or null (malformed, or a key Bulwark does not use). */
export function importPublicKeyPem(pem: string): KeyObject | null {
  if (typeof pem !== 'string') throw new TypeError('pem must be a string');
  if (pemLabel(pem) !== labels.publicKey) return null;
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return isUsableKey(key) ? key : null;
  } catch {
    return null;
  }
}

/** The label of a single well-formed PEM block, or null. */
function pemLabel(pem: string): string | null {
  if (pem.length > MAX_PEM_LENGTH) return null;
  const lines = pem.trim().split(/\r?\n/);
  const header = /^-----BEGIN ([A-Z ]+)-----$/.exec(lines[0] ?? '');
  const label = header?.[1];
  if (label === undefined || lines.length < 3) return null;
  if (lines[lines.length - 1] !== `-----END ${label}-----`) return null;
  // Only base64 between the markers: no headers (legacy Proc-Type encryption), no second block.
  const body = lines.slice(1, -1);
  return body.every((line) => /^[A-Za-z0-9+/=]+$/.test(line)) ? label : null;
}

function isUsableKey(key: KeyObject): boolean {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return usableRsaModulusBits(key) !== null;
    case 'ec':
      return isP256Key(key);
    case 'ed25519':
    case 'x25519':
      return true;
    default:
      return false;
  }
}
