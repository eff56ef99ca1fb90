import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptAead, encryptAead, open, seal, type AeadAlgorithm } from './aead.js';
import { DecryptionError } from './errors.js';
import { hasPythonCryptography, runPythonText } from './test-support/python.js';
import { hexBytes, loadWycheproof, wycheproofCases, type WycheproofTestBase } from './test-support/wycheproof.js';

const algorithms: AeadAlgorithm[] = ['aes-256-gcm', 'chacha20-poly1305'];
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

interface AeadTest extends WycheproofTestBase {
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
}

/**
 * Runs every case of a Wycheproof AEAD file through encryptAead/decryptAead, the composition
 * seal/open and the keyring use. Cases with a key or nonce size the toolkit does not offer
 * (AES-128/192, non-96-bit nonces) must be refused as misuse; the rest must match exactly.
 */
function checkAeadFile(alg: AeadAlgorithm, fileName: string): void {
  const file = loadWycheproof<AeadTest>(fileName);
  it.skipIf(file === null)(`${fileName}: every case honoured`, () => {
    let inScope = 0;
    let refused = 0;
    for (const { test } of wycheproofCases(file!)) {
      const context = `tcId ${test.tcId} (${test.comment}; ${test.flags.join(',')})`;
      const [key, nonce, aad, msg, ct, tag] = [test.key, test.iv, test.aad, test.msg, test.ct, test.tag].map(hexBytes) as Buffer[];
      if (key!.length !== 32 || nonce!.length !== 12) {
        expect(() => decryptAead(alg, key!, nonce!, ct!, tag!, aad!), context).toThrow(TypeError);
        refused++;
        continue;
      }
      inScope++;
      const opened = decryptAead(alg, key!, nonce!, ct!, tag!, aad!);
      if (test.result === 'valid') {
        expect(opened && hex(opened), context).toBe(test.msg);
        const sealed = encryptAead(alg, key!, nonce!, msg!, aad!);
        expect(hex(sealed.ciphertext) + hex(sealed.tag), context).toBe(test.ct + test.tag);
      } else if (test.result === 'invalid') {
        expect(opened, context).toBeNull();
      } else {
        // "acceptable": either answer is allowed, but a success must give the right plaintext.
        if (opened !== null) expect(hex(opened), context).toBe(test.msg);
      }
    }
    expect(inScope + refused).toBe(file!.numberOfTests);
    expect(inScope).toBeGreaterThan(50);
  });
}

describe('Wycheproof AEAD vectors', () => {
  checkAeadFile('aes-256-gcm', 'aes_gcm_test.json');
  checkAeadFile('chacha20-poly1305', 'chacha20_poly1305_test.json');
});

describe('RFC 8439 section 2.8.2 (ChaCha20-Poly1305 AEAD example)', () => {
  const key = hexBytes('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = hexBytes('070000004041424344454647');
  const aad = hexBytes('50515253c0c1c2c3c4c5c6c7');
  const plaintext = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
  const ciphertext =
    'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
    '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
    '3ff4def08e4b7a9de576d26586cec64b6116';
  const tag = '1ae10b594f09e26a7e902ecbd0600691';

  it('encrypts to the published ciphertext and tag, and decrypts back', () => {
    const sealed = encryptAead('chacha20-poly1305', key, nonce, plaintext, aad);
    expect(hex(sealed.ciphertext)).toBe(ciphertext);
    expect(hex(sealed.tag)).toBe(tag);
    expect(decryptAead('chacha20-poly1305', key, nonce, hexBytes(ciphertext), hexBytes(tag), aad)?.equals(plaintext)).toBe(true);
  });
});

describe.each(algorithms)('seal / open with %s', (alg) => {
  const key = randomBytes(32);

  it('round-trips any plaintext and associated data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }), (plaintext, aad) => {
        const sealed = seal(alg, key, plaintext, aad);
        expect(sealed).toHaveLength(2 + 12 + plaintext.length + 16);
        expect(Buffer.from(open(alg, key, sealed, aad)).equals(Buffer.from(plaintext))).toBe(true);
      }),
    );
  });

  it('writes version 1 and its algorithm id in the header, and a fresh nonce each time', () => {
    const a = seal(alg, key, 'same message');
    const b = seal(alg, key, 'same message');
    expect(a[0]).toBe(1);
    expect(a[1]).toBe(alg === 'aes-256-gcm' ? 1 : 2);
    expect(hex(a.subarray(2, 14))).not.toBe(hex(b.subarray(2, 14)));
    expect(new TextDecoder().decode(open(alg, key, a))).toBe('same message');
  });

  it('rejects any single-bit change anywhere in the sealed value (tampering)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), fc.nat(), (plaintext, bit) => {
        const sealed = seal(alg, key, plaintext, 'context');
        const tampered = Uint8Array.from(sealed);
        tampered[(bit >> 3) % tampered.length]! ^= 1 << (bit & 7);
        expect(() => open(alg, key, tampered, 'context')).toThrow(DecryptionError);
      }),
    );
  });

  it('rejects a wrong key, other associated data, missing associated data, and truncation', () => {
    const sealed = seal(alg, key, 'secret', 'user:1');
    expect(() => open(alg, randomBytes(32), sealed, 'user:1')).toThrow(DecryptionError);
    expect(() => open(alg, key, sealed, 'user:2')).toThrow(DecryptionError);
    expect(() => open(alg, key, sealed)).toThrow(DecryptionError);
    for (const length of [0, 1, 2, 14, 29, sealed.length - 1]) {
      expect(() => open(alg, key, sealed.subarray(0, length), 'user:1')).toThrow(DecryptionError);
    }
  });

  it('refuses a value sealed under the other algorithm even with the same key (no algorithm confusion)', () => {
    const other = algorithms.find((candidate) => candidate !== alg)!;
    const sealed = seal(other, key, 'secret');
    expect(() => open(alg, key, sealed)).toThrow(DecryptionError);
    // Relabelling the header does not help: the header is authenticated.
    const relabelled = Uint8Array.from(sealed);
    relabelled[1] = alg === 'aes-256-gcm' ? 1 : 2;
    expect(() => open(alg, key, relabelled)).toThrow(DecryptionError);
  });

  it('gives one error with a fixed message that says nothing about why', () => {
    const sealed = seal(alg, key, 'secret');
    const flipped = Uint8Array.from(sealed);
    flipped[20]! ^= 0x01;
    const errors = [sealed.subarray(0, 3), flipped].map((value) => {
      try {
        open(alg, key, value);
        return null;
      } catch (error) {
        return error as Error;
      }
    });
    for (const error of errors) expect(error).toBeInstanceOf(DecryptionError);
    expect(new Set(errors.map((error) => error?.message)).size).toBe(1);
  });

  it('refuses misuse with TypeError: wrong key size, unknown algorithm', () => {
    expect(() => seal(alg, randomBytes(16), 'x')).toThrow(TypeError);
    expect(() => open(alg, randomBytes(31), new Uint8Array(40))).toThrow(TypeError);
    expect(() => seal('aes-128-gcm' as AeadAlgorithm, key, 'x')).toThrow(TypeError);
    expect(() => open('aes-256-cbc' as AeadAlgorithm, key, new Uint8Array(40))).toThrow(TypeError);
  });
});

const pythonAead = `
import sys, json
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305, AESGCM
job = json.loads(sys.stdin.read())
cls = {"chacha20-poly1305": ChaCha20Poly1305, "aes-256-gcm": AESGCM}[job["alg"]]
aead = cls(bytes.fromhex(job["key"]))
aad = bytes.fromhex(job["aad"])
if job["op"] == "decrypt":
    print(aead.decrypt(bytes.fromhex(job["nonce"]), bytes.fromhex(job["ct"]), aad).hex())
else:
    import os
    nonce = os.urandom(12)
    print(json.dumps({"nonce": nonce.hex(), "ct": aead.encrypt(nonce, bytes.fromhex(job["msg"]), aad).hex()}))
`;

describe.skipIf(!hasPythonCryptography())('interop with Python cryptography (AEAD)', () => {
  // The sealed format is header || nonce || ciphertext || tag, with the header prepended to the
  // associated data, so Python reads it with its raw nonce and (ciphertext || tag) API.
  for (const alg of algorithms) {
    const header = alg === 'aes-256-gcm' ? '0101' : '0102';

    it(`${alg}: Python opens what seal wrote (with associated data)`, () => {
      const key = randomBytes(32);
      const message = randomBytes(100);
      const sealed = Buffer.from(seal(alg, key, message, 'user:42'));
      const job = {
        op: 'decrypt',
        alg,
        key: hex(key),
        aad: header + hex(Buffer.from('user:42')),
        nonce: hex(sealed.subarray(2, 14)),
        ct: hex(sealed.subarray(14)),
      };
      expect(runPythonText(pythonAead, [], JSON.stringify(job))).toBe(hex(message));
    });

    it(`${alg}: open reads what Python encrypted (with associated data)`, () => {
      const key = randomBytes(32);
      const message = randomBytes(100);
      const job = { op: 'encrypt', alg, key: hex(key), aad: header + hex(Buffer.from('user:42')), msg: hex(message) };
      const result = JSON.parse(runPythonText(pythonAead, [], JSON.stringify(job))) as { nonce: string; ct: string };
      const sealed = hexBytes(header + result.nonce + result.ct);
      expect(hex(open(alg, key, sealed, 'user:42'))).toBe(hex(message));
      expect(() => open(alg, key, sealed, 'user:43')).toThrow(DecryptionError);
    });
  }
});
