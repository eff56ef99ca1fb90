import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsymmetricKeyPair } from './asymmetric-key.js';
import { generateEcKeyPair } from './ec.js';
import { generateEcdhKeyPair } from './ecdh.js';
import { ed25519Sign, ed25519Verify, generateEd25519KeyPair } from './ed25519.js';
import { exportPrivateKeyPem, exportPublicKeyPem, importPrivateKeyPem, importPublicKeyPem } from './pem.js';
import { generateRsaKeyPair } from './rsa.js';
import { rsaPssSign, rsaPssVerify } from './rsa-pss.js';
import { runPythonJson } from './test-support/python-asym.js';
import { hasPythonCryptography } from './test-support/python.js';

let rsa: AsymmetricKeyPair;
beforeAll(async () => {
  rsa = await generateRsaKeyPair({ modulusLength: 2048 });
});

describe('PEM export and import', () => {
  it('round-trips every supported key type, unencrypted', () => {
    for (const pair of [rsa, generateEcKeyPair(), generateEd25519KeyPair(), generateEcdhKeyPair('X25519')]) {
      const privatePem = exportPrivateKeyPem(pair.privateKey);
      expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const publicPem = exportPublicKeyPem(pair.publicKey);
      expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(importPrivateKeyPem(privatePem)?.equals(pair.privateKey)).toBe(true);
      expect(importPublicKeyPem(publicPem)?.equals(pair.publicKey)).toBe(true);
      // The public half of a private key exports as the public key.
      expect(exportPublicKeyPem(pair.privateKey)).toBe(publicPem);
    }
  });

  it('encrypts with a passphrase (PKCS#8 PBES2 AES-256-CBC) and needs it back', () => {
    const pem = exportPrivateKeyPem(rsa.privateKey, { passphrase: 'correct horse' });
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(importPrivateKeyPem(pem, { passphrase: 'correct horse' })?.equals(rsa.privateKey)).toBe(true);
    expect(importPrivateKeyPem(pem, { passphrase: 'wrong horse' })).toBeNull();
    expect(importPrivateKeyPem(pem)).toBeNull();
    expect(importPrivateKeyPem(pem, { passphrase: '' })).toBeNull();
  });

  it('refuses an empty or non-string passphrase on export with a TypeError', () => {
    expect(() => exportPrivateKeyPem(rsa.privateKey, { passphrase: '' })).toThrow(TypeError);
    expect(() => exportPrivateKeyPem(rsa.privateKey, { passphrase: 42 as unknown as string })).toThrow(TypeError);
    expect(() => exportPrivateKeyPem(rsa.publicKey)).toThrow(TypeError);
  });

  it('answers null for garbage and for formats it does not take', () => {
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const sec1 = generateEcKeyPair().privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const pkcs1Public = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const privatePem = exportPrivateKeyPem(rsa.privateKey);
    for (const garbage of ['', 'hello', '-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----', privatePem.replace('MII', 'MIJ'), pkcs1, sec1, 'x'.repeat(100_000)]) {
      expect(importPrivateKeyPem(garbage)).toBeNull();
    }
    for (const garbage of ['', 'hello', pkcs1Public, privatePem, exportPublicKeyPem(rsa.publicKey).slice(0, 100)]) {
      expect(importPublicKeyPem(garbage)).toBeNull();
    }
    // Two blocks in one string: a bait-and-switch we refuse rather than pick one.
    expect(importPublicKeyPem(exportPublicKeyPem(rsa.publicKey) + exportPublicKeyPem(rsa.publicKey))).toBeNull();
  });

  // The attack: a client registers a key Bulwark should never trust (a factorable RSA-1024, a
  // weak or exotic curve); import answers null instead of handing back a usable KeyObject.
  it('answers null for keys outside policy: RSA-1024, P-384, secp256k1, DSA', () => {
    const keys = [
      generateKeyPairSync('rsa', { modulusLength: 1024 }),
      generateKeyPairSync('ec', { namedCurve: 'P-384' }),
      generateKeyPairSync('ec', { namedCurve: 'secp256k1' }),
      generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }),
    ];
    for (const pair of keys) {
      expect(importPublicKeyPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBeNull();
      expect(importPrivateKeyPem(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBeNull();
    }
  });

  it('treats a non-string PEM as programmer misuse', () => {
    expect(() => importPublicKeyPem(undefined as unknown as string)).toThrow(TypeError);
    expect(() => importPrivateKeyPem(Buffer.from('x') as unknown as string)).toThrow(TypeError);
  });
});

const python = hasPythonCryptography();

describe.skipIf(!python)('PEM interop with Python cryptography', () => {
  const passphrase = 'interop passphrase ✓';

  it('imports Python keys encrypted with BestAvailableEncryption, and their public keys', () => {
    const made = runPythonJson<Array<{ private: string; public: string; kind: string }>>(
      [
        'password = req["passphrase"].encode()',
        'out = []',
        'for kind, key in [("rsa", rsa.generate_private_key(public_exponent=65537, key_size=2048)), ("ec", ec.generate_private_key(ec.SECP256R1())), ("ed25519", ed25519.Ed25519PrivateKey.generate()), ("x25519", x25519.X25519PrivateKey.generate())]:',
        '    out.append({"kind": kind,',
        '        "private": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(password)).decode(),',
        '        "public": key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()})',
        'print(json.dumps(out))',
      ].join('\n'),
      { passphrase },
    );
    expect(made.map((m) => m.kind)).toEqual(['rsa', 'ec', 'ed25519', 'x25519']);
    for (const { private: privatePem, public: publicPem } of made) {
      expect(privatePem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      const privateKey = importPrivateKeyPem(privatePem, { passphrase });
      const publicKey = importPublicKeyPem(publicPem);
      expect(privateKey).not.toBeNull();
      expect(publicKey).not.toBeNull();
      if (privateKey === null || publicKey === null) continue;
      expect(exportPublicKeyPem(privateKey)).toBe(publicPem);
      expect(importPrivateKeyPem(privatePem, { passphrase: 'not it' })).toBeNull();
    }
    // And the imported keys work: sign with the imported RSA and Ed25519 keys.
    const rsaKey = importPrivateKeyPem(made[0]?.private ?? '', { passphrase });
    const edKey = importPrivateKeyPem(made[2]?.private ?? '', { passphrase });
    if (rsaKey === null || edKey === null) throw new Error('import failed');
    expect(rsaPssVerify(importPublicKeyPem(made[0]?.public ?? '') ?? '', 'x', rsaPssSign(rsaKey, 'x'))).toBe(true);
    expect(ed25519Verify(importPublicKeyPem(made[2]?.public ?? '') ?? '', 'x', ed25519Sign(edKey, 'x'))).toBe(true);
  });

  it('Python loads our passphrase-encrypted PKCS#8 keys and finds the same public key', () => {
    const pairs = [rsa, generateEcKeyPair(), generateEd25519KeyPair(), generateEcdhKeyPair('X25519')];
    const publics = runPythonJson<string[]>(
      [
        'def public(pem):',
        '    key = serialization.load_pem_private_key(pem.encode(), password=req["passphrase"].encode())',
        '    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()',
        'print(json.dumps([public(pem) for pem in req["keys"]]))',
      ].join('\n'),
      { passphrase, keys: pairs.map((pair) => exportPrivateKeyPem(pair.privateKey, { passphrase })) },
    );
    expect(publics).toEqual(pairs.map((pair) => exportPublicKeyPem(pair.publicKey)));
  });

  it('Python refuses our encrypted key under the wrong passphrase', () => {
    const outcome = runPythonJson<string>(
      [
        'try:',
        '    serialization.load_pem_private_key(req["pem"].encode(), password=b"wrong")',
        '    print(json.dumps("loaded"))',
        'except ValueError:',
        '    print(json.dumps("refused"))',
      ].join('\n'),
      { pem: exportPrivateKeyPem(rsa.privateKey, { passphrase }) },
    );
    expect(outcome).toBe('refused');
  });
});
