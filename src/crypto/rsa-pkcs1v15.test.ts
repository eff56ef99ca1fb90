import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsymmetricKeyPair } from './asymmetric-key.js';
import { generateRsaKeyPair } from './rsa.js';
import { rsaPkcs1v15Sign, rsaPkcs1v15Verify } from './rsa-pkcs1v15.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import type { WycheproofFile, WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';
import { tallyWycheproof, verified } from './test-support/wycheproof-asym.js';

let keys: AsymmetricKeyPair;
beforeAll(async () => {
  keys = await generateRsaKeyPair({ modulusLength: 2048 });
});

describe('rsaPkcs1v15Sign / rsaPkcs1v15Verify', () => {
  it('signs deterministically and verifies', () => {
    const a = rsaPkcs1v15Sign(keys.privateKey, 'message');
    expect(Buffer.from(rsaPkcs1v15Sign(keys.privateKey, 'message'))).toEqual(Buffer.from(a));
    expect(rsaPkcs1v15Verify(keys.publicKey, 'message', a)).toBe(true);
  });

  it('returns false for a tampered signature or message', () => {
    const sig = Buffer.from(rsaPkcs1v15Sign(keys.privateKey, 'message'));
    expect(rsaPkcs1v15Verify(keys.publicKey, 'messagE', sig)).toBe(false);
    sig[200] = (sig[200] ?? 0) ^ 4;
    expect(rsaPkcs1v15Verify(keys.publicKey, 'message', sig)).toBe(false);
    expect(rsaPkcs1v15Verify(keys.publicKey, 'message', sig.subarray(0, 255))).toBe(false);
    expect(rsaPkcs1v15Verify(keys.publicKey, 'message', new Uint8Array(0))).toBe(false);
  });
});

interface VerifyTest extends WycheproofTestBase {
  msg: string;
  sig: string;
}
interface VerifyGroup extends WycheproofGroup<VerifyTest> {
  publicKeyDer: string;
  sha: string;
}

const verifyFile = 'rsa_signature_2048_sha256_test.json';

// The attack these vectors encode: Bleichenbacher's 2006 e=3 forgery and its BER/garbage
// variants, which verify under parsers that do not compare the whole DigestInfo.
describe.skipIf(loadWycheproof(verifyFile) === null)('Wycheproof rsa_signature_2048_sha256 (PKCS#1 v1.5 verify)', () => {
  it('honours every case', () => {
    const tally = tallyWycheproof(loadWycheproof<VerifyTest, VerifyGroup>(verifyFile), (group, test) => {
      expect(group.sha).toBe('SHA-256');
      const key = createPublicKey({ key: hexBytes(group.publicKeyDer), format: 'der', type: 'spki' });
      return verified(rsaPkcs1v15Verify(key, hexBytes(test.msg), hexBytes(test.sig)));
    });
    expect(tally.failures).toEqual([]);
    // The one acceptable case (DigestInfo without the NULL parameters) is refused by OpenSSL.
    expect(tally.counts).toEqual({ valid: 9, invalid: 249, acceptableAccepted: 0, acceptableRejected: 1 });
  });
});

interface SignTest extends WycheproofTestBase {
  msg: string;
  sig: string;
}
interface SignGroup extends WycheproofGroup<SignTest> {
  privateKeyPkcs8: string;
  keyDer: string;
  sha: string;
}

const signFile = 'rsa_pkcs1_2048_sig_gen_test.json';

describe.skipIf(loadWycheproof(signFile) === null)('Wycheproof rsa_pkcs1_2048_sig_gen (PKCS#1 v1.5 sign)', () => {
  it('produces exactly the expected signature for every SHA-256 case, which then verifies', () => {
    const file = loadWycheproof<SignTest, SignGroup>(signFile);
    if (file === null) throw new Error('vectors missing');
    // Our signer is SHA-256 only: the SHA-1/224/384/512 groups (33 cases) have nothing to check here.
    const sha256: WycheproofFile<SignTest, SignGroup> = { ...file, testGroups: file.testGroups.filter((group) => group.sha === 'SHA-256') };
    expect(file.numberOfTests - sha256.testGroups.reduce((n, group) => n + group.tests.length, 0)).toBe(33);
    const tally = tallyWycheproof(sha256, (group, test) => {
      const privateKey = createPrivateKey({ key: hexBytes(group.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey({ key: hexBytes(group.keyDer), format: 'der', type: 'spki' });
      const sig = Buffer.from(rsaPkcs1v15Sign(privateKey, hexBytes(test.msg)));
      if (sig.toString('hex') !== test.sig) return 'wrong-output';
      return verified(rsaPkcs1v15Verify(publicKey, hexBytes(test.msg), sig));
    });
    expect(tally.failures).toEqual([]);
    // The 2 acceptable cases use public exponent 3, which we sign and verify alike.
    expect(tally.counts).toEqual({ valid: 8, invalid: 0, acceptableAccepted: 2, acceptableRejected: 0 });
  });
});
