import { Buffer } from 'node:buffer';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEcKeyPair } from './ec.js';
import { ed25519Sign, ed25519Verify, generateEd25519KeyPair } from './ed25519.js';
import { hex, privatePem, publicPem, runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import type { WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';
import { tallyWycheproof, verified } from './test-support/wycheproof-asym.js';

const keys = generateEd25519KeyPair();

describe('ed25519Sign / ed25519Verify', () => {
  it('signs deterministically (64 bytes) and verifies', () => {
    const sig = ed25519Sign(keys.privateKey, 'message');
    expect(sig).toHaveLength(64);
    expect(Buffer.from(ed25519Sign(keys.privateKey, 'message'))).toEqual(Buffer.from(sig));
    expect(ed25519Verify(keys.publicKey, 'message', sig)).toBe(true);
  });

  // The attack: altered message or signature, S + L malleability, a foreign key.
  it('returns false for tampered signatures, messages, malleated S and foreign keys', () => {
    const sig = Buffer.from(ed25519Sign(keys.privateKey, 'message'));
    expect(ed25519Verify(keys.publicKey, 'messagf', sig)).toBe(false);
    for (const index of [0, 31, 32, 63]) {
      const bad = Buffer.from(sig);
      bad[index] = (bad[index] ?? 0) ^ 1;
      expect(ed25519Verify(keys.publicKey, 'message', bad)).toBe(false);
    }
    // S + L (the group order) is the same point but must not verify (RFC 8032 section 5.1.7).
    const order = 2n ** 252n + 27742317777372353535851937790883648493n;
    const s = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + order;
    const sPlusL = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
    expect(ed25519Verify(keys.publicKey, 'message', Buffer.concat([sig.subarray(0, 32), sPlusL]))).toBe(false);
    expect(ed25519Verify(keys.publicKey, 'message', sig.subarray(0, 63))).toBe(false);
    expect(ed25519Verify(keys.publicKey, 'message', Buffer.concat([sig, Buffer.from([0])]))).toBe(false);
    expect(ed25519Verify(generateEd25519KeyPair().publicKey, 'message', sig)).toBe(false);
  });

  it('refuses non-Ed25519 keys with a TypeError', () => {
    const ec = generateEcKeyPair();
    expect(() => ed25519Sign(ec.privateKey, 'x')).toThrow(TypeError);
    expect(() => ed25519Verify(ec.publicKey, 'x', new Uint8Array(64))).toThrow(TypeError);
  });
});

interface EddsaTest extends WycheproofTestBase {
  msg: string;
  sig: string;
}
interface EddsaGroup extends WycheproofGroup<EddsaTest> {
  publicKeyDer: string;
}

const eddsaFile = 'ed25519_test.json';

describe.skipIf(loadWycheproof(eddsaFile) === null)('Wycheproof ed25519', () => {
  it('honours every case', () => {
    const tally = tallyWycheproof(loadWycheproof<EddsaTest, EddsaGroup>(eddsaFile), (group, test) => {
      const key = createPublicKey({ key: hexBytes(group.publicKeyDer), format: 'der', type: 'spki' });
      return verified(ed25519Verify(key, hexBytes(test.msg), hexBytes(test.sig)));
    });
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 88, invalid: 63, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('Ed25519 interop with Python cryptography', () => {
  it('both sides produce the same signature for the same key and message, and each verifies the other', () => {
    const message = Buffer.from('deterministic across implementations');
    const ours = Buffer.from(ed25519Sign(keys.privateKey, message));
    const tampered = Buffer.from(ours);
    tampered[5] = (tampered[5] ?? 0) ^ 1;
    const result = runPythonJson<{ sig: string; verifiesOurs: boolean; verifiesTampered: boolean }>(
      [
        'def ok(sig):',
        '    try:',
        '        load_public(req["public"]).verify(h(sig), h(req["msg"]))',
        '        return True',
        '    except InvalidSignature:',
        '        return False',
        'sig = load_private(req["private"]).sign(h(req["msg"])).hex()',
        'print(json.dumps({"sig": sig, "verifiesOurs": ok(req["ours"]), "verifiesTampered": ok(req["tampered"])}))',
      ].join('\n'),
      { private: privatePem(keys.privateKey), public: publicPem(keys.publicKey), msg: hex(message), ours: hex(ours), tampered: hex(tampered) },
    );
    expect(result.sig).toBe(ours.toString('hex'));
    expect(result.verifiesOurs).toBe(true);
    expect(result.verifiesTampered).toBe(false);
    expect(ed25519Verify(keys.publicKey, message, hexBytes(result.sig))).toBe(true);
  });

  it('we verify a signature made with a Python-generated key', () => {
    const message = Buffer.from('from Python');
    const made = runPythonJson<{ public: string; sig: string }>(
      [
        'key = ed25519.Ed25519PrivateKey.generate()',
        'pub = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()',
        'print(json.dumps({"public": pub, "sig": key.sign(h(req["msg"])).hex()}))',
      ].join('\n'),
      { msg: hex(message) },
    );
    expect(ed25519Verify(made.public, message, hexBytes(made.sig))).toBe(true);
    expect(ed25519Verify(made.public, Buffer.from('from Pythom'), hexBytes(made.sig))).toBe(false);
  });
});
