/**
 * The one error that untrusted ciphertext may produce. Its message is fixed: it never says
 * which check failed (padding, tag, timestamp, key id), so it cannot serve as an oracle, and
 * it never carries key or plaintext material.
 */
export class DecryptionError extends Error {
  constructor() {
    super('decryption failed');
    this.name = 'DecryptionError';
  }
}
