import { Buffer } from 'node:buffer';
import { createPrivateKey, generateKeyPairSync, hkdfSync } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEcKeyPair } from './ec.js';
import { computeSharedSecret, deriveSharedKey, generateEcdhKeyPair } from './ecdh.js';
import { exportEcdhPublicKey, importEcdhPublicKey } from './ecdh-public-key.js';
import type { EcdhCurve } from './ecdh-public-key.js';
import { generateEd25519KeyPair } from './ed25519.js';
import { hex, runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';
import { hexBytes, loadWycheproof } from './test-support/wycheproof.js';
import type { WycheproofGroup, WycheproofTestBase } from './test-support/wycheproof.js';
import { p256PrivateKeyFromScalar, tallyWycheproof, x25519PrivateKeyFromRaw } from './test-support/wycheproof-asym.js';
import type { CaseOutcome } from './test-support/wycheproof-asym.js';

const curves: EcdhCurve[] = ['P-256', 'X25519'];

describe('computeSharedSecret / deriveSharedKey', () => {
  it.each(curves)('%s: both sides agree, with KeyObjects or raw peer keys', (curve) => {
    const alice = generateEcdhKeyPair(curve);
    const bob = generateEcdhKeyPair(curve);
    const a = Buffer.from(computeSharedSecret(alice.privateKey, bob.publicKey) ?? []);
    const b = Buffer.from(computeSharedSecret(bob.privateKey, exportEcdhPublicKey(alice.publicKey)) ?? []);
    expect(a).toHaveLength(32);
    expect(a).toEqual(b);
    const options = { info: 'bulwark test v1', salt: 'salt' };
    const keyA = Buffer.from(deriveSharedKey(alice.privateKey, bob.publicKey, options) ?? []);
    const keyB = Buffer.from(deriveSharedKey(bob.privateKey, exportEcdhPublicKey(alice.publicKey), options) ?? []);
    expect(keyA).toHaveLength(32);
    expect(keyA).toEqual(keyB);
    // The derived key is HKDF-SHA256 of the raw secret, not the raw secret itself.
    expect(keyA).toEqual(Buffer.from(hkdfSync('sha256', a, 'salt', 'bulwark test v1', 32)));
    expect(keyA).not.toEqual(a);
  });

  it('separates keys by info and salt, and honours length', () => {
    const alice = generateEcdhKeyPair('X25519');
    const bob = generateEcdhKeyPair('X25519');
    const derive = (info: string, salt?: string, length?: number) =>
      Buffer.from(deriveSharedKey(alice.privateKey, bob.publicKey, { info, salt, length }) ?? []).toString('hex');
    expect(derive('a')).not.toBe(derive('b'));
    expect(derive('a')).not.toBe(derive('a', 'salt'));
    expect(derive('a', undefined, 64)).toHaveLength(128);
    expect(derive('a', undefined, 64).startsWith(derive('a'))).toBe(true);
  });

  // The attack: a peer sends a low-order X25519 point; the "shared" secret is then all zeros,
  // known to anyone, and the session key with it (RFC 7748 section 6.1).
  it('answers null for low-order X25519 points (all-zero shared secret)', () => {
    const alice = generateEcdhKeyPair('X25519');
    const lowOrder = [
      Buffer.alloc(32), // 0
      Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]), // 1
      Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex'), // order 8
      Buffer.from('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex'), // p - 1
    ];
    for (const point of lowOrder) {
      expect(computeSharedSecret(alice.privateKey, point)).toBeNull();
      expect(deriveSharedKey(alice.privateKey, point, { info: 'x' })).toBeNull();
    }
  });

  it('answers null for a peer key on another curve, off the curve, or malformed', () => {
    const p256 = generateEcdhKeyPair('P-256');
    const x25519 = generateEcdhKeyPair('X25519');
    expect(computeSharedSecret(p256.privateKey, x25519.publicKey)).toBeNull();
    expect(computeSharedSecret(x25519.privateKey, p256.publicKey)).toBeNull();
    expect(computeSharedSecret(p256.privateKey, generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)).toBeNull();
    expect(computeSharedSecret(p256.privateKey, generateEd25519KeyPair().publicKey)).toBeNull();
    const offCurve = Buffer.from(exportEcdhPublicKey(generateEcdhKeyPair('P-256').publicKey));
    offCurve[40] = (offCurve[40] ?? 0) ^ 4;
    expect(computeSharedSecret(p256.privateKey, offCurve)).toBeNull();
    expect(deriveSharedKey(p256.privateKey, offCurve, { info: 'x' })).toBeNull();
    expect(computeSharedSecret(p256.privateKey, new Uint8Array(12))).toBeNull();
  });

  it('treats problems with our own key or options as programmer misuse', () => {
    const peer = generateEcdhKeyPair('P-256');
    expect(() => generateEcdhKeyPair('P-384' as EcdhCurve)).toThrow(TypeError);
    expect(() => computeSharedSecret(generateEd25519KeyPair().privateKey, peer.publicKey)).toThrow(TypeError);
    expect(() => computeSharedSecret(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, peer.publicKey)).toThrow(TypeError);
    expect(() => computeSharedSecret(peer.publicKey, peer.publicKey)).toThrow(TypeError);
    expect(() => computeSharedSecret(generateEcKeyPair().privateKey, peer.privateKey)).toThrow(TypeError);
    expect(() => computeSharedSecret(generateEcKeyPair().privateKey, 'peer' as unknown as Uint8Array)).toThrow(TypeError);
    const own = generateEcdhKeyPair('P-256').privateKey;
    expect(() => deriveSharedKey(own, peer.publicKey, {} as { info: string })).toThrow(TypeError);
    expect(() => deriveSharedKey(own, peer.publicKey, { info: 'x', length: 0 })).toThrow(TypeError);
    expect(() => deriveSharedKey(own, peer.publicKey, { info: 'x', length: 8161 })).toThrow(TypeError);
    expect(() => deriveSharedKey(own, peer.publicKey, { info: 'x'.repeat(1025) })).toThrow(TypeError);
  });
});

interface EcdhTest extends WycheproofTestBase {
  public: string;
  private: string;
  shared: string;
}
interface EcdhWebcryptoTest extends WycheproofTestBase {
  public: JsonWebKey;
  private: JsonWebKey;
  shared: string;
}

/** The outcome of one agreement: the secret must equal `shared` when there is one. */
function agreement(computed: Uint8Array | null, shared: string): CaseOutcome {
  if (computed === null) return 'rejected';
  return Buffer.from(computed).toString('hex') === shared ? 'accepted' : 'wrong-output';
}

const ecdhFile = 'ecdh_secp256r1_test.json';
const ecdhWebcryptoFile = 'ecdh_secp256r1_webcrypto_test.json';
const x25519File = 'x25519_test.json';

describe.skipIf(loadWycheproof(ecdhFile) === null)('Wycheproof ecdh_secp256r1 (SPKI public keys)', () => {
  it('agrees on every valid case and refuses every invalid peer key', () => {
    const tally = tallyWycheproof(loadWycheproof<EcdhTest, WycheproofGroup<EcdhTest>>(ecdhFile), (group, test) => {
      expect(group.curve).toBe('secp256r1');
      const peer = importEcdhPublicKey('P-256', hexBytes(test.public), { format: 'spki' });
      if (peer === null) return 'rejected';
      return agreement(computeSharedSecret(p256PrivateKeyFromScalar(test.private), peer), test.shared);
    });
    expect(tally.failures).toEqual([]);
    // Acceptable: 230 cases of unusual encodings (compressed point, explicit curve parameters,
    // lax ASN.1). We accept the one well-formed compressed point and refuse the other 229: a
    // peer key must be strict DER and name P-256.
    expect(tally.counts).toEqual({ valid: 330, invalid: 52, acceptableAccepted: 1, acceptableRejected: 229 });
  });
});

describe.skipIf(loadWycheproof(ecdhWebcryptoFile) === null)('Wycheproof ecdh_secp256r1_webcrypto (JWK keys)', () => {
  it('agrees on every valid case and refuses every invalid peer key', () => {
    const tally = tallyWycheproof(loadWycheproof<EcdhWebcryptoTest, WycheproofGroup<EcdhWebcryptoTest>>(ecdhWebcryptoFile), (_group, test) => {
      const peer = importEcdhPublicKey('P-256', test.public, { format: 'jwk' });
      if (peer === null) return 'rejected';
      const own = createPrivateKey({ key: test.private, format: 'jwk' });
      return agreement(computeSharedSecret(own, peer), test.shared);
    });
    expect(tally.failures).toEqual([]);
    expect(tally.counts).toEqual({ valid: 330, invalid: 23, acceptableAccepted: 0, acceptableRejected: 0 });
  });
});

describe.skipIf(loadWycheproof(x25519File) === null)('Wycheproof x25519', () => {
  it('agrees on every valid case and refuses every all-zero shared secret', () => {
    let zeroSecrets = 0;
    const tally = tallyWycheproof(loadWycheproof<EcdhTest, WycheproofGroup<EcdhTest>>(x25519File), (group, test) => {
      expect(group.curve).toBe('curve25519');
      const outcome = agreement(computeSharedSecret(x25519PrivateKeyFromRaw(test.private), hexBytes(test.public)), test.shared);
      if (/^0+$/.test(test.shared)) {
        zeroSecrets += 1;
        // RFC 7748 section 6.1: an all-zero result must be refused, whatever the vector allows.
        expect(outcome, `tcId ${test.tcId}`).toBe('rejected');
      }
      return outcome;
    });
    expect(tally.failures).toEqual([]);
    expect(zeroSecrets).toBe(31);
    // Acceptable: 254 cases (twist points, non-canonical u, low-order points); we agree on all
    // of them except the 31 whose shared secret is all zeros.
    expect(tally.counts).toEqual({ valid: 264, invalid: 0, acceptableAccepted: 223, acceptableRejected: 31 });
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('ECDH + HKDF interop with Python cryptography', () => {
  it.each(curves)('%s: Python and we derive the same key from each other\'s public keys', (curve) => {
    const ours = generateEcdhKeyPair(curve);
    for (const salt of [undefined, 'a salt']) {
      const info = `bulwark interop ${curve}`;
      const theirs = runPythonJson<{ public: string; derived: string }>(
        [
          'from cryptography.hazmat.primitives.kdf.hkdf import HKDF',
          'if req["curve"] == "P-256":',
          '    key = ec.generate_private_key(ec.SECP256R1())',
          '    peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), h(req["peer"]))',
          '    shared = key.exchange(ec.ECDH(), peer)',
          '    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)',
          'else:',
          '    key = x25519.X25519PrivateKey.generate()',
          '    shared = key.exchange(x25519.X25519PublicKey.from_public_bytes(h(req["peer"])))',
          '    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)',
          'salt = h(req["salt"]) if req["salt"] is not None else None',
          'derived = HKDF(algorithm=hashes.SHA256(), length=req["length"], salt=salt, info=req["info"].encode()).derive(shared)',
          'print(json.dumps({"public": public.hex(), "derived": derived.hex()}))',
        ].join('\n'),
        {
          curve,
          peer: hex(exportEcdhPublicKey(ours.publicKey)),
          salt: salt === undefined ? null : hex(Buffer.from(salt)),
          info,
          length: 48,
        },
      );
      const derived = deriveSharedKey(ours.privateKey, hexBytes(theirs.public), { info, salt, length: 48 });
      expect(Buffer.from(derived ?? []).toString('hex')).toBe(theirs.derived);
    }
  });
});
