import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { argon2id, deriveKeys, hkdf, hkdfSync, pbkdf2, scrypt } from './kdf.js';
import { hasPythonCryptography, runPythonText } from './test-support/python.js';
import { hexBytes, loadWycheproof, wycheproofCases, type WycheproofTestBase } from './test-support/wycheproof.js';
import { loadArgon2TestCVectors } from '../test-support/argon2-vectors.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const range = (from: number, to: number): Buffer => Buffer.from(Array.from({ length: to - from }, (_, i) => from + i));

describe('HKDF: RFC 5869 appendix A (SHA-256 cases)', () => {
  const cases = [
    {
      name: 'A.1 basic',
      ikm: Buffer.alloc(22, 0x0b),
      salt: range(0x00, 0x0d),
      info: range(0xf0, 0xfa),
      length: 42,
      okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    },
    {
      name: 'A.2 longer inputs and outputs',
      ikm: range(0x00, 0x50),
      salt: range(0x60, 0xb0),
      info: range(0xb0, 0x100),
      length: 82,
      okm:
        'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09' +
        'da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    },
    {
      name: 'A.3 zero-length salt and info',
      ikm: Buffer.alloc(22, 0x0b),
      salt: Buffer.alloc(0),
      info: Buffer.alloc(0),
      length: 42,
      okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(hex(await hkdf(c.ikm, { salt: c.salt, info: c.info, length: c.length }))).toBe(c.okm);
      expect(hex(hkdfSync(c.ikm, { salt: c.salt, info: c.info, length: c.length }))).toBe(c.okm);
    });
  }

  it('refuses output longer than 255 hash blocks, unknown hashes and oversized info with TypeError', () => {
    expect(() => hkdfSync('k', { length: 255 * 32 + 1 })).toThrow(TypeError);
    expect(() => hkdf('k', { length: 32, hash: 'md5' as 'sha256' })).toThrow(TypeError);
    expect(() => hkdfSync('k', { length: 32, info: new Uint8Array(1025) })).toThrow(TypeError);
  });
});

describe('PBKDF2-HMAC-SHA256 published vectors (RFC 7914 section 11 and the RFC 6070-style set)', () => {
  const cases = [
    { password: 'passwd', salt: 'salt', iterations: 1, length: 64, dk: '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783' },
    { password: 'password', salt: 'salt', iterations: 1, length: 32, dk: '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b' },
    { password: 'password', salt: 'salt', iterations: 2, length: 32, dk: 'ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43' },
    { password: 'password', salt: 'salt', iterations: 4096, length: 32, dk: 'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a' },
    {
      password: 'passwordPASSWORDpassword',
      salt: 'saltSALTsaltSALTsaltSALTsaltSALTsalt',
      iterations: 4096,
      length: 40,
      dk: '348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9',
    },
    { password: 'pass\0word', salt: 'sa\0lt', iterations: 4096, length: 16, dk: '89b69d0516f829893c696226650a8687' },
  ];
  for (const c of cases) {
    it(`P=${JSON.stringify(c.password)} c=${c.iterations} dkLen=${c.length}`, async () => {
      expect(hex(await pbkdf2(c.password, c.salt, { iterations: c.iterations, length: c.length }))).toBe(c.dk);
    });
  }

  it('does not block the event loop: a queued callback runs before a long derivation finishes', async () => {
    const derivation = pbkdf2('password', 'salt', { iterations: 300_000, length: 32 });
    const first = await Promise.race([derivation.then(() => 'pbkdf2'), new Promise((resolve) => setImmediate(() => resolve('event loop')))]);
    expect(first).toBe('event loop');
    await derivation;
  });

  it('refuses zero iterations, zero length and unknown hashes with TypeError', () => {
    expect(() => pbkdf2('p', 's', { iterations: 0, length: 32 })).toThrow(TypeError);
    expect(() => pbkdf2('p', 's', { iterations: 1, length: 0 })).toThrow(TypeError);
    expect(() => pbkdf2('p', 's', { iterations: 1, length: 32, hash: 'sha1' as 'sha256' })).toThrow(TypeError);
  });
});

describe('scrypt: RFC 7914 section 12', () => {
  const cases = [
    { password: '', salt: '', N: 16, r: 1, p: 1, dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906' },
    { password: 'password', salt: 'NaCl', N: 1024, r: 8, p: 16, dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640' },
    { password: 'pleaseletmein', salt: 'SodiumChloride', N: 16384, r: 8, p: 1, dk: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887' },
    // 1 GiB of memory: node's default 32 MiB maxmem would refuse it.
    { password: 'pleaseletmein', salt: 'SodiumChloride', N: 1048576, r: 8, p: 1, dk: '2101cb9b6a511aaeaddbbe09cf70f881ec568d574a2ffd4dabe5ee9820adaa478e56fd8f4ba5d09ffa1c6d927c40f4c337304049e8a952fbcbf45c6fa77a41a4' },
  ];
  for (const c of cases) {
    it(`P=${JSON.stringify(c.password)} N=${c.N} r=${c.r} p=${c.p}`, async () => {
      expect(hex(await scrypt(c.password, c.salt, { N: c.N, r: c.r, p: c.p, length: 64 }))).toBe(c.dk);
    });
  }

  it('refuses N that is not a power of two, zero r or p, and parameters needing over 2 GiB', () => {
    expect(() => scrypt('p', 's', { N: 1000, r: 8, p: 1, length: 32 })).toThrow(TypeError);
    expect(() => scrypt('p', 's', { N: 1024, r: 0, p: 1, length: 32 })).toThrow(TypeError);
    expect(() => scrypt('p', 's', { N: 1024, r: 8, p: 0, length: 32 })).toThrow(TypeError);
    expect(() => scrypt('p', 's', { N: 2 ** 22, r: 8, p: 1, length: 32 })).toThrow(TypeError);
  });
});

interface HkdfTest extends WycheproofTestBase {
  ikm: string;
  salt: string;
  info: string;
  size: number;
  okm: string;
}

interface PbkdfTest extends WycheproofTestBase {
  password: string;
  salt: string;
  iterationCount: number;
  dkLen: number;
  dk: string;
}

describe('Wycheproof KDF vectors', () => {
  const hkdfFile = loadWycheproof<HkdfTest>('hkdf_sha256_test.json');
  it.skipIf(hkdfFile === null)('hkdf_sha256_test.json: every case honoured (invalid sizes are refused as misuse)', async () => {
    let checked = 0;
    for (const { test } of wycheproofCases(hkdfFile!)) {
      const context = `tcId ${test.tcId} (${test.comment})`;
      const options = { salt: hexBytes(test.salt), info: hexBytes(test.info), length: test.size };
      if (test.result === 'valid') {
        expect(hex(await hkdf(hexBytes(test.ikm), options)), context).toBe(test.okm);
      } else {
        expect(() => hkdf(hexBytes(test.ikm), options), context).toThrow(TypeError);
      }
      checked++;
    }
    expect(checked).toBe(hkdfFile!.numberOfTests);
  });

  const pbkdfFile = loadWycheproof<PbkdfTest>('pbkdf2_hmacsha256_test.json');
  it.skipIf(pbkdfFile === null)('pbkdf2_hmacsha256_test.json: every case honoured', async () => {
    const cases = wycheproofCases(pbkdfFile!);
    const results = await Promise.all(
      cases.map(({ test }) => pbkdf2(hexBytes(test.password), hexBytes(test.salt), { iterations: test.iterationCount, length: test.dkLen })),
    );
    cases.forEach(({ test }, index) => {
      const matches = hex(results[index]!) === test.dk;
      // This file has only valid cases; an invalid one would have to differ.
      expect(matches, `tcId ${test.tcId} (${test.comment})`).toBe(test.result !== 'invalid');
    });
    expect(cases).toHaveLength(pbkdfFile!.numberOfTests);
  });
});

describe('argon2id raw output: reference test.c vectors (version 0x13)', () => {
  const testC = loadArgon2TestCVectors();
  const vectors = testC?.hashTests ?? [];
  const argon2idVectors = vectors.filter((v) => v.type === 'argon2id' && v.version === 19 && !v.requires_large_ram);

  it.skipIf(testC === null)('the file holds argon2id vectors', () => {
    expect(argon2idVectors.length).toBeGreaterThanOrEqual(6);
  });

  for (const v of argon2idVectors) {
    it(`m=${v.m_cost_kib} t=${v.t_cost} p=${v.parallelism} P=${v.password} S=${v.salt}`, async () => {
      const output = await argon2id(v.password, v.salt, { memoryCost: v.m_cost_kib, timeCost: v.t_cost, parallelism: v.parallelism, length: 32 });
      expect(hex(output)).toBe(v.tag_hex);
    });
  }

  it('refuses short salts and impossible parameters with TypeError', () => {
    expect(() => argon2id('p', 'short', { memoryCost: 1024, timeCost: 1, parallelism: 1, length: 32 })).toThrow(TypeError);
    expect(() => argon2id('p', 'somesalt', { memoryCost: 8, timeCost: 1, parallelism: 2, length: 32 })).toThrow(TypeError);
    expect(() => argon2id('p', 'somesalt', { memoryCost: 1024, timeCost: 0, parallelism: 1, length: 32 })).toThrow(TypeError);
  });
});

describe('deriveKeys', () => {
  const master = randomBytes(32);

  it('derives one distinct 32-byte key per purpose, deterministically', () => {
    const keys = deriveKeys(master, ['session', 'csrf', 'totp']);
    expect(Object.keys(keys)).toEqual(['session', 'csrf', 'totp']);
    const hexes = Object.values(keys).map(hex);
    expect(new Set(hexes).size).toBe(3);
    for (const key of Object.values(keys)) expect(key).toHaveLength(32);
    expect(hex(deriveKeys(master, ['csrf']).csrf!)).toBe(hex(keys.csrf!));
    expect(hex(deriveKeys(randomBytes(32), ['csrf']).csrf!)).not.toBe(hex(keys.csrf!));
  });

  it('is HKDF-SHA256 with the purpose in info (documented derivation)', () => {
    const expected = hkdfSync(master, { info: 'bulwark/derive-keys/v1:session', length: 32 });
    expect(hex(deriveKeys(master, ['session']).session!)).toBe(hex(expected));
  });

  it('keeps a purpose called __proto__ as a plain entry (no prototype pollution)', () => {
    const keys = deriveKeys(master, ['__proto__']);
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
    expect(Object.hasOwn(keys, '__proto__')).toBe(true);
  });

  it('refuses short master keys, duplicate or empty purposes with TypeError', () => {
    expect(() => deriveKeys(randomBytes(16), ['a'])).toThrow(TypeError);
    expect(() => deriveKeys(master, ['a', 'a'])).toThrow(TypeError);
    expect(() => deriveKeys(master, [''])).toThrow(TypeError);
  });
});

const pythonKdf = `
import sys, json, hashlib
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
job = json.loads(sys.stdin.read())
pw, salt = bytes.fromhex(job["password"]), bytes.fromhex(job["salt"])
out = {
  "pbkdf2": PBKDF2HMAC(hashes.SHA256(), 48, salt, 1000).derive(pw).hex(),
  "pbkdf2_512": PBKDF2HMAC(hashes.SHA512(), 64, salt, 1000).derive(pw).hex(),
  "scrypt": Scrypt(salt, 32, 2**14, 8, 1).derive(pw).hex(),
  "hkdf": HKDF(hashes.SHA256(), 64, salt, bytes.fromhex(job["info"])).derive(pw).hex(),
  "hkdf_384": HKDF(hashes.SHA384(), 64, salt, bytes.fromhex(job["info"])).derive(pw).hex(),
}
print(json.dumps(out))
`;

describe.skipIf(!hasPythonCryptography())('interop with Python cryptography (KDFs)', () => {
  it('PBKDF2, scrypt and HKDF agree on random inputs', async () => {
    for (let round = 0; round < 3; round++) {
      const password = randomBytes(20);
      const salt = randomBytes(16);
      const info = randomBytes(10);
      const python = JSON.parse(runPythonText(pythonKdf, [], JSON.stringify({ password: hex(password), salt: hex(salt), info: hex(info) }))) as Record<string, string>;
      expect(hex(await pbkdf2(password, salt, { iterations: 1000, length: 48 }))).toBe(python.pbkdf2);
      expect(hex(await pbkdf2(password, salt, { iterations: 1000, length: 64, hash: 'sha512' }))).toBe(python.pbkdf2_512);
      expect(hex(await scrypt(password, salt, { N: 2 ** 14, r: 8, p: 1, length: 32 }))).toBe(python.scrypt);
      expect(hex(await hkdf(password, { salt, info, length: 64 }))).toBe(python.hkdf);
      expect(hex(hkdfSync(password, { salt, info, length: 64, hash: 'sha384' }))).toBe(python.hkdf_384);
    }
  });
});
