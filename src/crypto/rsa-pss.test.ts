import { Buffer } from 'node:buffer';
import { createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsymmetricKeyPair } from './asymmetric-key.js';
import { generateRsaKeyPair } from './rsa.js';
import { rsaPssMaxSaltLength, rsaPssSign, rsaPssVerify } from './rsa-pss.js';
import type { RsaPssSaltLength } from './rsa-pss.js';
import { hex, privatePem, publicPem, runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import type { WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';
import { tallyWycheproof, verified } from './test-support/wycheproof-asym.js';

let keys: AsymmetricKeyPair;
beforeAll(async () => {
  keys = await generateRsaKeyPair({ modulusLength: 2048 });
});

describe('rsaPssSign / rsaPssVerify', () => {
  it('verifies its own signatures, randomised by the salt', () => {
    const a = rsaPssSign(keys.privateKey, 'message');
    const b = rsaPssSign(keys.privateKey, 'message');
    expect(a).toHaveLength(256);
    expect(Buffer.from(a)).not.toEqual(Buffer.from(b));
    expect(rsaPssVerify(keys.publicKey, 'message', a)).toBe(true);
    expect(rsaPssVerify(keys.publicKey, 'message', a, { saltLength: 32 })).toBe(true);
  });

  it("accepts 32-byte and maximum salts by default ('auto'), and pins one when asked", () => {
    const max = rsaPssMaxSaltLength(2048);
    expect(max).toBe(222);
    const maxSig = rsaPssSign(keys.privateKey, 'm', { saltLength: 'max' });
    expect(rsaPssVerify(keys.publicKey, 'm', maxSig)).toBe(true);
    expect(rsaPssVerify(keys.publicKey, 'm', maxSig, { saltLength: 'max' })).toBe(true);
    expect(rsaPssVerify(keys.publicKey, 'm', maxSig, { saltLength: 32 })).toBe(false);
    const zeroSig = rsaPssSign(keys.privateKey, 'm', { saltLength: 0 });
    expect(rsaPssVerify(keys.publicKey, 'm', zeroSig, { saltLength: 0 })).toBe(true);
    expect(rsaPssVerify(keys.publicKey, 'm', zeroSig, { saltLength: 32 })).toBe(false);
  });

  // The attack: a forger alters the message or the signature; either must fail, quietly.
  it('returns false for a tampered signature, message, wrong key or garbage', async () => {
    const sig = Buffer.from(rsaPssSign(keys.privateKey, 'pay 10'));
    expect(rsaPssVerify(keys.publicKey, 'pay 1000', sig)).toBe(false);
    for (const index of [0, 100, 255]) {
      const bad = Buffer.from(sig);
      bad[index] = (bad[index] ?? 0) ^ 0x80;
      expect(rsaPssVerify(keys.publicKey, 'pay 10', bad)).toBe(false);
    }
    expect(rsaPssVerify(keys.publicKey, 'pay 10', sig.subarray(1))).toBe(false);
    expect(rsaPssVerify(keys.publicKey, 'pay 10', Buffer.concat([sig, Buffer.from([0])]))).toBe(false);
    expect(rsaPssVerify(keys.publicKey, 'pay 10', Buffer.alloc(256, 0xff))).toBe(false);
    expect(rsaPssVerify(keys.publicKey, 'pay 10', new Uint8Array(0))).toBe(false);
    const other = await generateRsaKeyPair({ modulusLength: 2048 });
    expect(rsaPssVerify(other.publicKey, 'pay 10', sig)).toBe(false);
  });

  it.each([-1, 223, 1.5, 'auto'])('refuses saltLength %s when signing with a TypeError', (saltLength) => {
    expect(() => rsaPssSign(keys.privateKey, 'm', { saltLength: saltLength as number })).toThrow(TypeError);
  });

  it('refuses an impossible saltLength when verifying with a TypeError', () => {
    expect(() => rsaPssVerify(keys.publicKey, 'm', new Uint8Array(256), { saltLength: 300 })).toThrow(TypeError);
  });
});

interface PssTest extends WycheproofTestBase {
  msg: string;
  sig: string;
}
interface PssGroup extends WycheproofGroup<PssTest> {
  publicKeyDer: string;
  sha: string;
  mgfSha: string;
  sLen: number;
}

function tallyPss(fileName: string, saltLength: RsaPssSaltLength | 'from-file') {
  const file = loadWycheproof<PssTest, PssGroup>(fileName);
  return tallyWycheproof(file, (group, test) => {
    expect([group.sha, group.mgfSha]).toEqual(['SHA-256', 'SHA-256']);
    const key = createPublicKey({ key: hexBytes(group.publicKeyDer), format: 'der', type: 'spki' });
    const options = { saltLength: saltLength === 'from-file' ? group.sLen : saltLength };
    return verified(rsaPssVerify(key, hexBytes(test.msg), hexBytes(test.sig), options));
  });
}

const pss32 = 'rsa_pss_2048_sha256_mgf1_32_test.json';
const pss0 = 'rsa_pss_2048_sha256_mgf1_0_test.json';

describe.skipIf(loadWycheproof(pss32) === null)('Wycheproof rsa_pss_2048_sha256_mgf1_32', () => {
  it('honours every case with saltLength pinned to 32', () => {
    const tally = tallyPss(pss32, 'from-file');
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 63, invalid: 45, acceptableAccepted: 0, acceptableRejected: 0 });
  });

  // 'auto' recovers the salt length from the signature, so the six cases that are invalid only
  // because the key holder signed with another salt length (0, 1, 20, 31, 33, 222) verify;
  // every forgery (modified hash, padding, signature) is still refused.
  it("refuses every forgery with the default saltLength 'auto', accepting only other salt lengths", () => {
    const tally = tallyPss(pss32, 'auto');
    const otherSaltLengths = [67, 68, 69, 70, 71, 72].map((tcId) => `tcId ${tcId} (invalid, ModifiedSignature): accepted`);
    expect(tally.failures).toEqual(otherSaltLengths);
    const comments = loadWycheproof<PssTest, PssGroup>(pss32)?.testGroups[0]?.tests.filter((t) => t.tcId >= 67 && t.tcId <= 72).map((t) => t.comment);
    expect(comments?.every((comment) => comment.startsWith('s_len changed to'))).toBe(true);
  });
});

describe.skipIf(loadWycheproof(pss0) === null)('Wycheproof rsa_pss_2048_sha256_mgf1_0', () => {
  it('honours every case with saltLength pinned to 0', () => {
    const tally = tallyPss(pss0, 'from-file');
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 61, invalid: 42, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('RSA-PSS interop with Python cryptography', () => {
  it('verifies Python signatures made with PSS.MAX_LENGTH and PSS.DIGEST_LENGTH salts', () => {
    const message = Buffer.from('signed in Python');
    const sigs = runPythonJson<{ max: string; digest: string }>(
      [
        'key = load_private(req["key"])',
        'def sign(salt): return key.sign(h(req["msg"]), padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=salt), hashes.SHA256()).hex()',
        'print(json.dumps({"max": sign(padding.PSS.MAX_LENGTH), "digest": sign(padding.PSS.DIGEST_LENGTH)}))',
      ].join('\n'),
      { key: privatePem(keys.privateKey), msg: hex(message) },
    );
    expect(rsaPssVerify(keys.publicKey, message, hexBytes(sigs.max))).toBe(true);
    expect(rsaPssVerify(keys.publicKey, message, hexBytes(sigs.max), { saltLength: 'max' })).toBe(true);
    expect(rsaPssVerify(keys.publicKey, message, hexBytes(sigs.digest))).toBe(true);
    expect(rsaPssVerify(keys.publicKey, message, hexBytes(sigs.digest), { saltLength: 32 })).toBe(true);
    expect(rsaPssVerify(keys.publicKey, Buffer.from('something else'), hexBytes(sigs.max))).toBe(false);
  });

  it('Python verifies our signatures with the matching salt length, and rejects a tampered one', () => {
    const message = Buffer.from('signed in TypeScript');
    const tampered = Buffer.from(rsaPssSign(keys.privateKey, message));
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    const results = runPythonJson<boolean[]>(
      [
        'key = load_public(req["key"])',
        'def ok(sig, salt):',
        '    try:',
        '        key.verify(h(sig), h(req["msg"]), padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=salt), hashes.SHA256())',
        '        return True',
        '    except InvalidSignature:',
        '        return False',
        'print(json.dumps([ok(req["sig32"], 32), ok(req["sigMax"], padding.PSS.MAX_LENGTH), ok(req["sig32"], padding.PSS.AUTO), ok(req["tampered"], 32)]))',
      ].join('\n'),
      {
        key: publicPem(keys.publicKey),
        msg: hex(message),
        sig32: hex(rsaPssSign(keys.privateKey, message)),
        sigMax: hex(rsaPssSign(keys.privateKey, message, { saltLength: 'max' })),
        tampered: hex(tampered),
      },
    );
    expect(results).toEqual([true, true, true, false]);
  });
});
