import { Buffer } from 'node:buffer';
import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsymmetricKeyPair } from './asymmetric-key.js';
import { DecryptionError } from './errors.js';
import { exportPublicKeyPem } from './pem.js';
import { generateRsaKeyPair } from './rsa.js';
import { rsaOaepDecrypt, rsaOaepEncrypt, rsaOaepMaxPlaintextLength } from './rsa-oaep.js';
import { hex, privatePem, publicPem, runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import { tallyWycheproof } from './test-support/wycheproof-asym.js';
import type { CaseOutcome } from './test-support/wycheproof-asym.js';
import type { WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';

let keys: AsymmetricKeyPair;
beforeAll(async () => {
  keys = await generateRsaKeyPair({ modulusLength: 2048 });
});

function expectDecryptionError(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  expect((caught as Error).message).toBe('decryption failed');
}

describe('rsaOaepEncrypt / rsaOaepDecrypt', () => {
  it('round-trips bytes and text, with and without a label', () => {
    const secret = Buffer.from('a data key of 32 bytes, say.....');
    expect(Buffer.from(rsaOaepDecrypt(keys.privateKey, rsaOaepEncrypt(keys.publicKey, secret)))).toEqual(secret);
    const labelled = rsaOaepEncrypt(keys.publicKey, 'hello', { label: 'context' });
    expect(Buffer.from(rsaOaepDecrypt(keys.privateKey, labelled, { label: 'context' })).toString()).toBe('hello');
  });

  it('is randomised: the same plaintext encrypts differently each time', () => {
    expect(Buffer.from(rsaOaepEncrypt(keys.publicKey, 'x'))).not.toEqual(Buffer.from(rsaOaepEncrypt(keys.publicKey, 'x')));
  });

  it('accepts PEM strings for keys', () => {
    const ct = rsaOaepEncrypt(exportPublicKeyPem(keys.publicKey), 'pem');
    expect(Buffer.from(rsaOaepDecrypt(privatePem(keys.privateKey), ct)).toString()).toBe('pem');
  });

  it('carries up to k - 66 bytes and refuses more with a TypeError', () => {
    expect(rsaOaepMaxPlaintextLength(2048)).toBe(190);
    const longest = new Uint8Array(190).fill(7);
    expect(Buffer.from(rsaOaepDecrypt(keys.privateKey, rsaOaepEncrypt(keys.publicKey, longest)))).toEqual(Buffer.from(longest));
    expect(() => rsaOaepEncrypt(keys.publicKey, new Uint8Array(191))).toThrow(TypeError);
  });

  // The attack: an adaptive chosen-ciphertext attacker (Manger, Bleichenbacher) learns the
  // plaintext from *which* error a decryption returns. Every failure must look the same.
  it('answers every tampered ciphertext with the same DecryptionError', () => {
    const ct = Buffer.from(rsaOaepEncrypt(keys.publicKey, 'attack at dawn', { label: 'l' }));
    const flipped = Buffer.from(ct);
    flipped[100] = (flipped[100] ?? 0) ^ 0x01;
    const tampered = [
      flipped,
      ct.subarray(1), // truncated
      Buffer.concat([ct, Buffer.from([0])]), // extended
      Buffer.alloc(256, 0xff), // not below the modulus
      Buffer.alloc(256), // zero
      Buffer.alloc(0),
    ];
    for (const bad of tampered) expectDecryptionError(() => rsaOaepDecrypt(keys.privateKey, bad, { label: 'l' }));
    // Right ciphertext, wrong label or wrong key: the same answer again.
    expectDecryptionError(() => rsaOaepDecrypt(keys.privateKey, ct, { label: 'other' }));
    expectDecryptionError(() => rsaOaepDecrypt(keys.privateKey, ct));
  });

  it('answers a ciphertext for another key with the same DecryptionError', async () => {
    const other = await generateRsaKeyPair({ modulusLength: 2048 });
    expectDecryptionError(() => rsaOaepDecrypt(other.privateKey, rsaOaepEncrypt(keys.publicKey, 'x')));
  });

  it('treats a non-bytes ciphertext as programmer misuse', () => {
    expect(() => rsaOaepDecrypt(keys.privateKey, 'abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

interface OaepTest extends WycheproofTestBase {
  msg: string;
  ct: string;
  label: string;
}
interface OaepGroup extends WycheproofGroup<OaepTest> {
  privateKeyPkcs8: string;
  sha: string;
  mgfSha: string;
}

const oaepVectors = loadWycheproof<OaepTest, OaepGroup>('rsa_oaep_2048_sha256_mgf1sha256_test.json');

describe.skipIf(oaepVectors === null)('Wycheproof rsa_oaep_2048_sha256_mgf1sha256', () => {
  it('decrypts every valid case and refuses every invalid one with the one DecryptionError', () => {
    const tally = tallyWycheproof(oaepVectors, (group, test): CaseOutcome => {
      expect([group.sha, group.mgfSha]).toEqual(['SHA-256', 'SHA-256']);
      const key = createPrivateKey({ key: hexBytes(group.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
      try {
        const plaintext = rsaOaepDecrypt(key, hexBytes(test.ct), { label: hexBytes(test.label) });
        return Buffer.from(plaintext).toString('hex') === test.msg ? 'accepted' : 'wrong-output';
      } catch (error) {
        // Anything but the one fixed error fails the test outright.
        if (!(error instanceof DecryptionError) || error.message !== 'decryption failed') throw error;
        return 'rejected';
      }
    });
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 18, invalid: 19, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('RSA-OAEP interop with Python cryptography', () => {
  const oaep = 'oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=h(req["label"]) or None)\n';

  it('Python decrypts what we encrypt', () => {
    const label = Buffer.from('bulwark interop');
    const plaintext = Buffer.from('from TypeScript');
    const ct = rsaOaepEncrypt(keys.publicKey, plaintext, { label });
    const decrypted = runPythonJson<string>(
      `${oaep}print(json.dumps(load_private(req["key"]).decrypt(h(req["ct"]), oaep).hex()))`,
      { key: privatePem(keys.privateKey), ct: hex(ct), label: hex(label) },
    );
    expect(decrypted).toBe(plaintext.toString('hex'));
  });

  it('we decrypt what Python encrypts, and refuse it under the wrong label', () => {
    const plaintext = Buffer.from('from Python');
    const ct = runPythonJson<string>(
      `${oaep}print(json.dumps(load_public(req["key"]).encrypt(h(req["pt"]), oaep).hex()))`,
      { key: publicPem(keys.publicKey), pt: hex(plaintext), label: hex(Buffer.from('ctx')) },
    );
    expect(Buffer.from(rsaOaepDecrypt(keys.privateKey, hexBytes(ct), { label: 'ctx' }))).toEqual(plaintext);
    expectDecryptionError(() => rsaOaepDecrypt(keys.privateKey, hexBytes(ct), { label: 'other' }));
  });
});
