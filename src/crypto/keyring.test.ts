import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hkdfSync } from './kdf.js';
import { decryptAead } from './aead.js';
import { Keyring } from './keyring.js';
import { rejectsWithDecryptionError } from './test-support/rejects-with-decryption-error.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);


const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const purpose = 'totp-secret';

describe('Keyring encrypt / decrypt', () => {
  const ring = new Keyring([{ id: 'k1', key: oldKey }]);

  it('round-trips any plaintext with and without associated data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.string(), { nil: undefined }), (plaintext, aad) => {
        const sealed = ring.encrypt(plaintext, { purpose, aad });
        expect(Buffer.from(ring.decrypt(sealed, { purpose, aad })).equals(Buffer.from(plaintext))).toBe(true);
      }),
    );
  });

  it('writes a compact string naming the version and key id, with a fresh nonce each time', () => {
    const a = ring.encrypt('same', { purpose });
    const b = ring.encrypt('same', { purpose });
    expect(a).toMatch(/^bk1\.k1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[2]!, 'base64url')).toHaveLength(12 + 4 + 16);
  });

  it('uses an HKDF subkey per purpose, with version, key id and purpose in the associated data (documented format)', () => {
    const sealed = ring.encrypt('hello', { purpose, aad: 'user:1' });
    const payload = Buffer.from(sealed.split('.')[2]!, 'base64url');
    const subkey = hkdfSync(oldKey, { info: `bulwark/keyring/v1/purpose:${purpose}`, length: 32 });
    const aad = Buffer.concat([Buffer.from('bk1.k1.'), Buffer.from([purpose.length]), Buffer.from(purpose), Buffer.from('user:1')]);
    const plaintext = decryptAead('aes-256-gcm', subkey, payload.subarray(0, 12), payload.subarray(12, -16), payload.subarray(-16), aad);
    expect(plaintext && text(plaintext)).toBe('hello');
  });

  it('refuses another purpose, other or missing associated data (no cross-purpose reuse)', () => {
    const sealed = ring.encrypt('secret', { purpose: 'totp-secret', aad: 'user:1' });
    expect(rejectsWithDecryptionError(() => ring.decrypt(sealed, { purpose: 'api-token', aad: 'user:1' }))).toBe(true);
    expect(rejectsWithDecryptionError(() => ring.decrypt(sealed, { purpose: 'totp-secret', aad: 'user:2' }))).toBe(true);
    expect(rejectsWithDecryptionError(() => ring.decrypt(sealed, { purpose: 'totp-secret' }))).toBe(true);
  });

  it('rejects any single-bit change to the decoded payload, and any changed character in the string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), (plaintext, bit) => {
        const sealed = ring.encrypt(plaintext, { purpose });
        const [version, id, body] = sealed.split('.') as [string, string, string];
        const payload = Buffer.from(body, 'base64url');
        payload[(bit >> 3) % payload.length]! ^= 1 << (bit & 7);
        expect(rejectsWithDecryptionError(() => ring.decrypt(`${version}.${id}.${payload.toString('base64url')}`, { purpose }))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.constantFrom(...'ABCXYZabcxyz0189-_.'), (plaintext, index, replacement) => {
        const sealed = ring.encrypt(plaintext, { purpose });
        const position = index % sealed.length;
        fc.pre(sealed[position] !== replacement);
        const changed = sealed.slice(0, position) + replacement + sealed.slice(position + 1);
        expect(rejectsWithDecryptionError(() => ring.decrypt(changed, { purpose }))).toBe(true);
      }),
    );
  });

  it('refuses truncated, empty, unknown-version and garbage inputs', () => {
    const sealed = ring.encrypt('secret', { purpose });
    for (const bad of ['', 'bk1', 'bk1.', 'bk1.k1', 'bk1.k1.', sealed.slice(0, -1), sealed.slice(0, 30), sealed.replace(/^bk1/, 'bk2'), 'not a ciphertext']) {
      expect(rejectsWithDecryptionError(() => ring.decrypt(bad, { purpose })), bad).toBe(true);
    }
  });

  it('refuses misuse with TypeError: missing purpose, non-string ciphertext', () => {
    expect(() => ring.encrypt('x', { purpose: '' })).toThrow(TypeError);
    expect(() => ring.encrypt('x', { purpose: 'p'.repeat(256) })).toThrow(TypeError);
    expect(() => ring.encrypt('x', undefined as unknown as { purpose: string })).toThrow(TypeError);
    expect(() => ring.decrypt(42 as unknown as string, { purpose })).toThrow(TypeError);
  });
});

describe('Keyring rotation', () => {
  const before = new Keyring([{ id: 'k1', key: oldKey }]);
  const after = new Keyring([
    { id: 'k2', key: newKey },
    { id: 'k1', key: oldKey },
  ]);

  it('the first key encrypts, every key decrypts', () => {
    const old = before.encrypt('record', { purpose });
    expect(text(after.decrypt(old, { purpose }))).toBe('record');
    expect(after.encrypt('record', { purpose })).toMatch(/^bk1\.k2\./);
    expect(after.primaryKeyId).toBe('k2');
    expect(after.keyIds).toEqual(['k2', 'k1']);
  });

  it('needsRotation is true for old-key, unknown-key and malformed values only', () => {
    expect(after.needsRotation(before.encrypt('x', { purpose }))).toBe(true);
    expect(after.needsRotation(after.encrypt('x', { purpose }))).toBe(false);
    expect(after.needsRotation('bk1.k9.AAAA')).toBe(true);
    expect(after.needsRotation('garbage')).toBe(true);
  });

  it('rotate re-encrypts under the primary key and keeps the purpose and AAD binding', () => {
    const old = before.encrypt('record', { purpose, aad: 'row:7' });
    const rotated = after.rotate(old, { purpose, aad: 'row:7' });
    expect(rotated).toMatch(/^bk1\.k2\./);
    expect(after.needsRotation(rotated)).toBe(false);
    expect(text(after.decrypt(rotated, { purpose, aad: 'row:7' }))).toBe('record');
    expect(rejectsWithDecryptionError(() => after.decrypt(rotated, { purpose, aad: 'row:8' }))).toBe(true);
    expect(rejectsWithDecryptionError(() => after.rotate(old, { purpose: 'other', aad: 'row:7' }))).toBe(true);
  });

  it('refuses a ciphertext relabelled with another key id (the key id is authenticated)', () => {
    // Both keys are in the ring, so relabelling k1's ciphertext as k2 picks a real key; the tag
    // must still fail because "k1" was part of the associated data.
    const old = before.encrypt('record', { purpose });
    expect(rejectsWithDecryptionError(() => after.decrypt(old.replace(/^bk1\.k1\./, 'bk1.k2.'), { purpose }))).toBe(true);
    const sameKeyTwoIds = new Keyring([
      { id: 'a', key: oldKey },
      { id: 'b', key: oldKey },
    ]);
    const sealed = sameKeyTwoIds.encrypt('x', { purpose });
    expect(rejectsWithDecryptionError(() => sameKeyTwoIds.decrypt(sealed.replace(/^bk1\.a\./, 'bk1.b.'), { purpose }))).toBe(true);
  });

  it('refuses values from a ring that no longer holds their key', () => {
    const withoutOld = new Keyring([{ id: 'k2', key: newKey }]);
    expect(rejectsWithDecryptionError(() => withoutOld.decrypt(before.encrypt('x', { purpose }), { purpose }))).toBe(true);
  });
});

describe('Keyring construction', () => {
  it('accepts base64, base64url and raw 32-byte keys', () => {
    const fromB64 = new Keyring([{ id: 'a', key: oldKey.toString('base64') }]);
    const fromB64Url = new Keyring([{ id: 'a', key: oldKey.toString('base64url') }]);
    const fromBytes = new Keyring([{ id: 'a', key: new Uint8Array(oldKey) }]);
    const sealed = fromB64.encrypt('x', { purpose });
    expect(text(fromB64Url.decrypt(sealed, { purpose }))).toBe('x');
    expect(text(fromBytes.decrypt(sealed, { purpose }))).toBe('x');
  });

  it('copies key bytes, so later changes to the caller buffer do not change the ring', () => {
    const bytes = Uint8Array.from(oldKey);
    const ring = new Keyring([{ id: 'a', key: bytes }]);
    const sealed = ring.encrypt('x', { purpose });
    bytes.fill(0);
    expect(text(ring.decrypt(sealed, { purpose }))).toBe('x');
  });

  it('refuses bad keys and ids with TypeError, without echoing key material', () => {
    const secretLooking = randomBytes(31).toString('base64');
    try {
      new Keyring([{ id: 'a', key: secretLooking }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).not.toContain(secretLooking);
    }
    expect(() => new Keyring([])).toThrow(TypeError);
    expect(() => new Keyring([{ id: 'has.dot', key: oldKey }])).toThrow(TypeError);
    expect(() => new Keyring([{ id: '', key: oldKey }])).toThrow(TypeError);
    expect(() => new Keyring([{ id: 'a', key: oldKey }, { id: 'a', key: newKey }])).toThrow(TypeError);
    expect(() => new Keyring([{ id: 'a', key: randomBytes(16) }])).toThrow(TypeError);
  });

  it('fromConfig parses "id:base64key,id:base64key" with the first entry primary', () => {
    const ring = Keyring.fromConfig(` k2:${newKey.toString('base64')} , k1:${oldKey.toString('base64')}\n`);
    expect(ring.keyIds).toEqual(['k2', 'k1']);
    const old = new Keyring([{ id: 'k1', key: oldKey }]).encrypt('x', { purpose });
    expect(text(ring.decrypt(old, { purpose }))).toBe('x');
  });

  it('fromConfig refuses malformed configuration with TypeError', () => {
    for (const bad of ['', ' ', 'k1', `:${oldKey.toString('base64')}`, `k1:${oldKey.toString('base64')},`, 'k1:not-base64!']) {
      expect(() => Keyring.fromConfig(bad), JSON.stringify(bad)).toThrow(TypeError);
    }
  });
});
