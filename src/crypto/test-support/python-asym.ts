/**
 * JSON in, JSON out over python.ts, for the asymmetric interop tests: the request is read from
 * stdin as `req`, the script prints one JSON value. Bytes travel as hex. Tests only.
 */
import { Buffer } from 'node:buffer';
import { KeyObject } from 'node:crypto';
import { runPythonText } from './python.js';

const prelude = [
  'import json, sys',
  'from cryptography.hazmat.primitives import hashes, serialization',
  'from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, x25519',
  'from cryptography.exceptions import InvalidSignature',
  'req = json.load(sys.stdin)',
  'h = bytes.fromhex',
  'def load_private(pem): return serialization.load_pem_private_key(pem.encode(), password=None)',
  'def load_public(pem): return serialization.load_pem_public_key(pem.encode())',
  '',
].join('\n');

/** Runs `script` after a prelude that imports `cryptography` and parses the JSON request into `req`. */
export function runPythonJson<T>(script: string, request: unknown): T {
  return JSON.parse(runPythonText(prelude + script, [], JSON.stringify(request))) as T;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** PKCS#8 PEM of a private key, unencrypted, for handing to Python. */
export function privatePem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** SPKI PEM of a public key, for handing to Python. */
export function publicPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
