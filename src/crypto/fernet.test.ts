import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorPath } from '../test-support/environment.js';
import { MultiFernet, encryptFernetToken, fernetDecrypt, fernetEncrypt, fernetTimestamp, generateFernetKey, isFernetKey } from './fernet.js';
import { hasPythonCryptography, runPythonText } from './test-support/python.js';
import { rejectsWithDecryptionError } from './test-support/rejects-with-decryption-error.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function loadSpec<T>(name: string): T[] | null {
  const path = vectorPath(`fernet/${name}`);
  return path === null ? null : (JSON.parse(readFileSync(path, 'utf8')) as T[]);
}


interface GenerateVector {
  token: string;
  now: string;
  iv: number[];
  src: string;
  secret: string;
}
interface VerifyVector {
  token: string;
  now: string;
  ttl_sec: number;
  src: string;
  secret: string;
}
interface InvalidVector {
  desc: string;
  token: string;
  now: string;
  ttl_sec: number;
  secret: string;
}

describe('Fernet spec vectors (fernet/spec)', () => {
  const generate = loadSpec<GenerateVector>('generate.json');
  const verify = loadSpec<VerifyVector>('verify.json');
  const invalid = loadSpec<InvalidVector>('invalid.json');

  it.skipIf(generate === null)('generate.json: the same time, IV and message give the published token', () => {
    for (const v of generate!) {
      const timestamp = BigInt(Date.parse(v.now) / 1000);
      expect(encryptFernetToken(v.secret, v.src, timestamp, Uint8Array.from(v.iv))).toBe(v.token);
    }
    expect(generate!.length).toBeGreaterThan(0);
  });

  it.skipIf(verify === null)('verify.json: the token decrypts to the message within its TTL', () => {
    for (const v of verify!) {
      expect(text(fernetDecrypt(v.secret, v.token, { ttl: v.ttl_sec, now: new Date(v.now) }))).toBe(v.src);
    }
    expect(verify!.length).toBeGreaterThan(0);
  });

  it.skipIf(invalid === null)('invalid.json: every token is refused with DecryptionError', () => {
    for (const v of invalid!) {
      expect(rejectsWithDecryptionError(() => fernetDecrypt(v.secret, v.token, { ttl: v.ttl_sec, now: new Date(v.now) })), v.desc).toBe(true);
    }
    expect(invalid!.length).toBe(8);
  });
});

describe('fernetEncrypt / fernetDecrypt', () => {
  const key = generateFernetKey();

  it('generates keys the way Python does: 32 bytes as padded URL-safe base64', () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(generateFernetKey()).not.toBe(key);
    expect(isFernetKey(key)).toBe(true);
    expect(isFernetKey(key.slice(1))).toBe(false);
    expect(isFernetKey(Buffer.alloc(32, 0xfb).toString('base64'))).toBe(false);
    expect(isFernetKey(42)).toBe(false);
  });

  it('round-trips any message, text or bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        expect(Buffer.from(fernetDecrypt(key, fernetEncrypt(key, message))).equals(Buffer.from(message))).toBe(true);
      }),
    );
    expect(text(fernetDecrypt(key, fernetEncrypt(key, 'héllo')))).toBe('héllo');
  });

  it('rejects any single-bit change to the decoded token (tampering)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), (message, bit) => {
        const bytes = Buffer.from(fernetEncrypt(key, message), 'base64url');
        bytes[(bit >> 3) % bytes.length]! ^= 1 << (bit & 7);
        const tampered = bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_');
        expect(rejectsWithDecryptionError(() => fernetDecrypt(key, tampered))).toBe(true);
      }),
    );
  });

  it('rejects a token under another key, and non-canonical or truncated encodings', () => {
    const token = fernetEncrypt(key, 'secret');
    expect(rejectsWithDecryptionError(() => fernetDecrypt(generateFernetKey(), token))).toBe(true);
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, token.replace(/=+$/, '')))).toBe(true);
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, ` ${token}`))).toBe(true);
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, token.slice(0, -4)))).toBe(true);
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, ''))).toBe(true);
  });

  it('applies the TTL: accepted up to ttl seconds old, refused one second later', () => {
    const stamped = new Date('2024-01-01T00:00:00Z');
    const token = fernetEncrypt(key, 'x', { now: stamped });
    const at = (seconds: number): Date => new Date(stamped.getTime() + seconds * 1000);
    expect(text(fernetDecrypt(key, token, { ttl: 60, now: at(60) }))).toBe('x');
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, token, { ttl: 60, now: at(61) }))).toBe(true);
    // Without a TTL the age is not checked (as in Python).
    expect(text(fernetDecrypt(key, token, { now: at(10 ** 6) }))).toBe('x');
  });

  it('with a TTL, refuses tokens stamped more than 60 seconds in the future (clock skew rule)', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const future = (seconds: number): string => fernetEncrypt(key, 'x', { now: new Date(now.getTime() + seconds * 1000) });
    expect(text(fernetDecrypt(key, future(60), { ttl: 10, now }))).toBe('x');
    expect(rejectsWithDecryptionError(() => fernetDecrypt(key, future(61), { ttl: 10, now }))).toBe(true);
    expect(text(fernetDecrypt(key, future(61), { now }))).toBe('x');
  });

  it('refuses misuse with TypeError: malformed keys, negative TTL, invalid dates, bad IVs', () => {
    const token = fernetEncrypt(key, 'x');
    for (const bad of ['', 'short', key.slice(0, -1), `${key}=`, key.replace(/.$/, 'A'), Buffer.alloc(32, 0xfb).toString('base64')]) {
      expect(() => fernetEncrypt(bad, 'x'), bad).toThrow(TypeError);
    }
    expect(() => fernetDecrypt(key, token, { ttl: -1 })).toThrow(TypeError);
    expect(() => fernetEncrypt(key, 'x', { now: new Date('nonsense') })).toThrow(TypeError);
    expect(() => encryptFernetToken(key, 'x', 0n, new Uint8Array(12))).toThrow(TypeError);
  });

  it('fernetTimestamp reads the verified timestamp and refuses forgeries', () => {
    const token = fernetEncrypt(key, 'x', { now: new Date(1_700_000_000_000) });
    expect(fernetTimestamp(key, token)).toBe(1_700_000_000n);
    expect(rejectsWithDecryptionError(() => fernetTimestamp(generateFernetKey(), token))).toBe(true);
  });
});

describe('MultiFernet', () => {
  const oldKey = generateFernetKey();
  const newKey = generateFernetKey();

  it('encrypts with the first key and decrypts with any', () => {
    const ring = new MultiFernet([newKey, oldKey]);
    const fromRing = ring.encrypt('hello');
    expect(text(fernetDecrypt(newKey, fromRing))).toBe('hello');
    expect(rejectsWithDecryptionError(() => fernetDecrypt(oldKey, fromRing))).toBe(true);
    expect(text(ring.decrypt(fernetEncrypt(oldKey, 'old')))).toBe('old');
    expect(rejectsWithDecryptionError(() => ring.decrypt(fernetEncrypt(generateFernetKey(), 'other')))).toBe(true);
  });

  it('rotate re-encrypts an old token under the first key, keeping its timestamp', () => {
    const ring = new MultiFernet([newKey, oldKey]);
    const stamped = new Date('2020-05-05T05:05:05Z');
    const old = fernetEncrypt(oldKey, 'payload', { now: stamped });
    const rotated = ring.rotate(old);
    expect(text(fernetDecrypt(newKey, rotated))).toBe('payload');
    expect(fernetTimestamp(newKey, rotated)).toBe(BigInt(stamped.getTime() / 1000));
    expect(rejectsWithDecryptionError(() => ring.rotate(fernetEncrypt(generateFernetKey(), 'x')))).toBe(true);
  });

  it('applies TTL across keys, and refuses misuse with TypeError', () => {
    const ring = new MultiFernet([newKey, oldKey]);
    const token = fernetEncrypt(oldKey, 'x', { now: new Date(0) });
    expect(rejectsWithDecryptionError(() => ring.decrypt(token, { ttl: 60, now: new Date(120_000) }))).toBe(true);
    expect(() => new MultiFernet([])).toThrow(TypeError);
    expect(() => new MultiFernet([newKey, 'not a key'])).toThrow(TypeError);
  });
});

const pythonFernet = `
import sys, json
from cryptography.fernet import Fernet, InvalidToken
job = json.loads(sys.stdin.read())
f = Fernet(job["key"])
if job["op"] == "decrypt":
    out = []
    for token in job["tokens"]:
        try:
            if "ttl" in job:
                out.append(f.decrypt_at_time(token, job["ttl"], job["now"]).hex())
            else:
                out.append(f.decrypt(token).hex())
        except InvalidToken:
            out.append(None)
    print(json.dumps(out))
else:
    print(json.dumps([f.encrypt(bytes.fromhex(m)).decode() for m in job["messages"]]))
`;

describe.skipIf(!hasPythonCryptography())('interop with Python cryptography.fernet', () => {
  const key = generateFernetKey();
  const messages = [Buffer.alloc(0), Buffer.from('hello'), Buffer.alloc(16, 7), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))];

  it('Python decrypts tokens made here', () => {
    const tokens = messages.map((message) => fernetEncrypt(key, message));
    const decrypted = JSON.parse(runPythonText(pythonFernet, [], JSON.stringify({ op: 'decrypt', key, tokens }))) as string[];
    expect(decrypted).toEqual(messages.map((message) => message.toString('hex')));
  });

  it('tokens made by Python decrypt here', () => {
    const tokens = JSON.parse(
      runPythonText(pythonFernet, [], JSON.stringify({ op: 'encrypt', key, messages: messages.map((m) => m.toString('hex')) })),
    ) as string[];
    expect(tokens.map((token) => Buffer.from(fernetDecrypt(key, token, { ttl: 600 })).toString('hex'))).toEqual(
      messages.map((message) => message.toString('hex')),
    );
  });

  it('accepts and refuses exactly the same tokens as Python around the TTL and clock-skew edges', () => {
    const now = 1_700_000_000;
    const ttl = 100;
    const offsets = [-1000, -101, -100, -99, 0, 59, 60, 61, 1000];
    const tokens = offsets.map((offset) => fernetEncrypt(key, 'x', { now: new Date((now + offset) * 1000) }));
    const python = JSON.parse(runPythonText(pythonFernet, [], JSON.stringify({ op: 'decrypt', key, tokens, ttl, now }))) as Array<string | null>;
    const ours = tokens.map((token) => (rejectsWithDecryptionError(() => fernetDecrypt(key, token, { ttl, now: new Date(now * 1000) })) ? null : '78'));
    expect(ours).toEqual(python);
    expect(ours).toEqual([null, null, '78', '78', '78', '78', '78', null, null]);
  });
});
