import { Buffer } from 'node:buffer';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEcKeyPair, isP256Key } from './ec.js';
import { ecdsaSign, ecdsaVerify } from './ecdsa.js';
import type { EcdsaSignatureEncoding } from './ecdsa.js';
import { generateEd25519KeyPair } from './ed25519.js';
import { exportPublicKeyPem } from './pem.js';
import { hex, privatePem, publicPem, runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import type { WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';
import { tallyWycheproof, verified } from './test-support/wycheproof-asym.js';

const keys = generateEcKeyPair('P-256');

describe('generateEcKeyPair', () => {
  it('makes P-256 keys, and only P-256', () => {
    expect(isP256Key(keys.publicKey)).toBe(true);
    expect(isP256Key(keys.privateKey)).toBe(true);
    expect(() => generateEcKeyPair('P-384' as 'P-256')).toThrow(TypeError);
    expect(() => generateEcKeyPair('secp256k1' as 'P-256')).toThrow(TypeError);
  });
});

describe('ecdsaSign / ecdsaVerify', () => {
  it('signs and verifies in DER (default) and IEEE P1363', () => {
    const der = ecdsaSign(keys.privateKey, 'message');
    expect(der[0]).toBe(0x30);
    expect(ecdsaVerify(keys.publicKey, 'message', der)).toBe(true);
    const p1363 = ecdsaSign(keys.privateKey, 'message', { encoding: 'ieee-p1363' });
    expect(p1363).toHaveLength(64);
    expect(ecdsaVerify(keys.publicKey, 'message', p1363, { encoding: 'ieee-p1363' })).toBe(true);
    // An encoding mix-up fails closed.
    expect(ecdsaVerify(keys.publicKey, 'message', p1363)).toBe(false);
    expect(ecdsaVerify(keys.publicKey, 'message', der, { encoding: 'ieee-p1363' })).toBe(false);
  });

  it('accepts PEM strings for keys', () => {
    const sig = ecdsaSign(privatePem(keys.privateKey), 'pem');
    expect(ecdsaVerify(exportPublicKeyPem(keys.publicKey), 'pem', sig)).toBe(true);
  });

  // The attack: an altered message, an altered signature, or a signature by another key.
  it('returns false for tampered signatures, messages and foreign keys', () => {
    for (const encoding of ['der', 'ieee-p1363'] as const) {
      const sig = Buffer.from(ecdsaSign(keys.privateKey, 'transfer 10', { encoding }));
      expect(ecdsaVerify(keys.publicKey, 'transfer 99', sig, { encoding })).toBe(false);
      const flipped = Buffer.from(sig);
      flipped[sig.length - 1] = (flipped[sig.length - 1] ?? 0) ^ 1;
      expect(ecdsaVerify(keys.publicKey, 'transfer 10', flipped, { encoding })).toBe(false);
      expect(ecdsaVerify(keys.publicKey, 'transfer 10', Buffer.concat([sig, Buffer.from([0])]), { encoding })).toBe(false);
      expect(ecdsaVerify(keys.publicKey, 'transfer 10', sig.subarray(1), { encoding })).toBe(false);
      expect(ecdsaVerify(keys.publicKey, 'transfer 10', new Uint8Array(0), { encoding })).toBe(false);
      expect(ecdsaVerify(generateEcKeyPair().publicKey, 'transfer 10', sig, { encoding })).toBe(false);
    }
    // r = s = 0 verifies under some broken implementations ("psychic signatures", CVE-2022-21449).
    expect(ecdsaVerify(keys.publicKey, 'x', new Uint8Array(64), { encoding: 'ieee-p1363' })).toBe(false);
    expect(ecdsaVerify(keys.publicKey, 'x', Buffer.from('3006020100020100', 'hex'))).toBe(false);
  });

  it('refuses keys on other curves or of other types with a TypeError', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const ed = generateEd25519KeyPair();
    for (const pair of [p384, k1, ed]) {
      expect(() => ecdsaSign(pair.privateKey, 'x')).toThrow(TypeError);
      expect(() => ecdsaVerify(pair.publicKey, 'x', new Uint8Array(64))).toThrow(TypeError);
    }
  });

  it('refuses an unknown encoding with a TypeError', () => {
    expect(() => ecdsaSign(keys.privateKey, 'x', { encoding: 'raw' as EcdsaSignatureEncoding })).toThrow(TypeError);
  });
});

interface EcdsaTest extends WycheproofTestBase {
  msg: string;
  sig: string;
}
interface EcdsaGroup extends WycheproofGroup<EcdsaTest> {
  publicKeyDer: string;
  sha: string;
}

function tallyEcdsa(fileName: string, encoding: EcdsaSignatureEncoding) {
  return tallyWycheproof(loadWycheproof<EcdsaTest, EcdsaGroup>(fileName), (group, test) => {
    expect(group.sha).toBe('SHA-256');
    const key = createPublicKey({ key: hexBytes(group.publicKeyDer), format: 'der', type: 'spki' });
    return verified(ecdsaVerify(key, hexBytes(test.msg), hexBytes(test.sig), { encoding }));
  });
}

const derFile = 'ecdsa_secp256r1_sha256_test.json';
const p1363File = 'ecdsa_secp256r1_sha256_p1363_test.json';

describe.skipIf(loadWycheproof(derFile) === null)('Wycheproof ecdsa_secp256r1_sha256 (DER)', () => {
  it('honours every case', () => {
    const tally = tallyEcdsa(derFile, 'der');
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 174, invalid: 310, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

describe.skipIf(loadWycheproof(p1363File) === null)('Wycheproof ecdsa_secp256r1_sha256_p1363', () => {
  it('honours every case', () => {
    const tally = tallyEcdsa(p1363File, 'ieee-p1363');
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 173, invalid: 89, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('ECDSA interop with Python cryptography', () => {
  it('Python verifies our DER signatures (and our P1363 ones re-encoded), refusing a tampered one', () => {
    const message = Buffer.from('signed in TypeScript');
    const der = Buffer.from(ecdsaSign(keys.privateKey, message));
    const tampered = Buffer.from(der);
    tampered[der.length - 1] = (tampered[der.length - 1] ?? 0) ^ 1;
    const p1363 = Buffer.from(ecdsaSign(keys.privateKey, message, { encoding: 'ieee-p1363' }));
    const results = runPythonJson<boolean[]>(
      [
        'from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature',
        'key = load_public(req["key"])',
        'def ok(sig):',
        '    try:',
        '        key.verify(sig, h(req["msg"]), ec.ECDSA(hashes.SHA256()))',
        '        return True',
        '    except InvalidSignature:',
        '        return False',
        'raw = h(req["p1363"])',
        'print(json.dumps([ok(h(req["der"])), ok(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))), ok(h(req["tampered"]))]))',
      ].join('\n'),
      { key: publicPem(keys.publicKey), msg: hex(message), der: hex(der), p1363: hex(p1363), tampered: hex(tampered) },
    );
    expect(results).toEqual([true, true, false]);
  });

  it('we verify Python DER signatures', () => {
    const message = Buffer.from('signed in Python');
    const sig = runPythonJson<string>(
      'print(json.dumps(load_private(req["key"]).sign(h(req["msg"]), ec.ECDSA(hashes.SHA256())).hex()))',
      { key: privatePem(keys.privateKey), msg: hex(message) },
    );
    expect(ecdsaVerify(keys.publicKey, message, hexBytes(sig))).toBe(true);
    expect(ecdsaVerify(keys.publicKey, Buffer.from('signed in Pythom'), hexBytes(sig))).toBe(false);
  });
});
