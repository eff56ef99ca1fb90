/**
 * Envelope-free symmetric encryption for application data at rest, with key rotation.
 *
 * A Keyring holds master keys with ids; the first encrypts, all decrypt. Each (master key,
 * purpose) pair gets its own AES-256-GCM subkey via HKDF-SHA256, so a value encrypted for one
 * purpose cannot be decrypted under another, and subkeys are cached after first use.
 *
 * Ciphertext format (a compact string, safe in URLs, JSON and database text columns):
 *
 *   bk1.<keyId>.<base64url(nonce[12] || ciphertext || tag[16])>
 *
 * The associated data fed to AES-GCM is "bk1" . keyId . purpose (length-prefixed) . caller AAD,
 * so the version, the key id, the purpose and the caller's context are all authenticated.
 */
import { Buffer } from 'node:buffer';
import { AEAD_NONCE_LENGTH, AEAD_TAG_LENGTH, decryptAead, encryptAead } from './aead.js';
import { decodeBase64, decodeBase64Url, decodeBase64UrlPadded, encodeBase64Url, toBytes } from './encoding.js';
import { DecryptionError } from './errors.js';
import { hkdfSync } from './kdf.js';
import { pooledRandomBytes } from './random.js';

const VERSION = 'bk1';
const ALGORITHM = 'aes-256-gcm';
const SUBKEY_INFO_PREFIX = 'bulwark/keyring/v1/purpose:';
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PURPOSE_BYTES = 255;

export interface KeyringKey {
  /** 1 to 64 characters from [A-Za-z0-9_-]; appears in every ciphertext made with this key. */
  id: string;
  /** 32 random bytes, or their base64 / base64url text. */
  key: string | Uint8Array;
}

export interface KeyringOptions {
  /** What the data is for, e.g. "totp-secret"; a value encrypted for one purpose cannot be read as another. */
  purpose: string;
  /** Context the ciphertext is bound to, e.g. the owning user's id; must be given again to decrypt. */
  aad?: string | Uint8Array;
}

interface Subkey {
  key: Uint8Array;
  /** The AAD prefix for this key id and purpose, built once. */
  aadPrefix: Buffer;
}

interface MasterKey {
  id: string;
  key: Uint8Array;
  subkeys: Map<string, Subkey>;
}

function decodeMasterKey(id: string, key: string | Uint8Array): Uint8Array {
  let bytes: Uint8Array | null;
  if (typeof key === 'string') {
    bytes = decodeBase64(key) ?? decodeBase64UrlPadded(key) ?? decodeBase64Url(key);
  } else if (key instanceof Uint8Array) {
    bytes = key;
  } else {
    throw new TypeError(`key "${id}" must be a string or a Uint8Array`);
  }
  // The message names the id only: key material never goes into an error.
  if (bytes === null || bytes.length !== 32) throw new TypeError(`key "${id}" must be 32 bytes (base64 or base64url text, or a Uint8Array)`);
  return Uint8Array.from(bytes);
}

function assertPurpose(purpose: unknown): asserts purpose is string {
  if (typeof purpose !== 'string' || purpose.length === 0 || Buffer.byteLength(purpose) > MAX_PURPOSE_BYTES) {
    throw new TypeError(`purpose must be a non-empty string of at most ${MAX_PURPOSE_BYTES} bytes`);
  }
}

export class Keyring {
  readonly #keys: readonly MasterKey[];
  readonly #byId: ReadonlyMap<string, MasterKey>;

  /** The first key encrypts; every key decrypts. Ids must be unique. */
  constructor(keys: readonly KeyringKey[]) {
    if (!Array.isArray(keys) || keys.length === 0) throw new TypeError('a Keyring needs at least one key');
    const byId = new Map<string, MasterKey>();
    for (const entry of keys) {
      if (typeof entry?.id !== 'string' || !KEY_ID_PATTERN.test(entry.id)) throw new TypeError('key ids must be 1 to 64 characters from [A-Za-z0-9_-]');
      if (byId.has(entry.id)) throw new TypeError(`duplicate key id "${entry.id}"`);
      byId.set(entry.id, { id: entry.id, key: decodeMasterKey(entry.id, entry.key), subkeys: new Map() });
    }
    this.#byId = byId;
    this.#keys = [...byId.values()];
  }

  /**
   * Parses "id1:base64key,id2:base64key" (the first entry encrypts). Whitespace around entries
   * is ignored; keys are standard base64 or base64url of 32 bytes, as `bulwark keys generate` prints.
   */
  static fromConfig(config: string): Keyring {
    if (typeof config !== 'string' || config.trim() === '') throw new TypeError('keyring config must be a non-empty string');
    const keys = config.split(',').map((entry, index) => {
      const trimmed = entry.trim();
      const colon = trimmed.indexOf(':');
      if (colon <= 0) throw new TypeError(`keyring config entry ${index + 1} must look like id:base64key`);
      return { id: trimmed.slice(0, colon), key: trimmed.slice(colon + 1) };
    });
    return new Keyring(keys);
  }

  /** The id of the key that encrypts. */
  get primaryKeyId(): string {
    return (this.#keys[0] as MasterKey).id;
  }

  /** Every key id, primary first. */
  get keyIds(): string[] {
    return this.#keys.map((key) => key.id);
  }

  /** Encrypts under the primary key for `purpose`, bound to `aad` when given. */
  encrypt(plaintext: string | Uint8Array, options: KeyringOptions): string {
    assertPurpose(options?.purpose);
    const master = this.#keys[0] as MasterKey;
    const subkey = this.#subkey(master, options.purpose);
    const nonce = pooledRandomBytes(AEAD_NONCE_LENGTH);
    const aad = options.aad === undefined ? subkey.aadPrefix : Buffer.concat([subkey.aadPrefix, toBytes(options.aad, 'aad')]);
    const { ciphertext, tag } = encryptAead(ALGORITHM, subkey.key, nonce, toBytes(plaintext, 'plaintext'), aad);
    return `${VERSION}.${master.id}.${encodeBase64Url(Buffer.concat([nonce, ciphertext, tag]))}`;
  }

  /**
   * Decrypts a value made by `encrypt` (with any key of this ring) for the same purpose and AAD.
   * Throws DecryptionError on anything wrong: format, version, unknown key id, purpose, AAD, tampering.
   */
  decrypt(ciphertext: string, options: KeyringOptions): Uint8Array {
    assertPurpose(options?.purpose);
    if (typeof ciphertext !== 'string') throw new TypeError('ciphertext must be a string');
    // 1. "bk1.<keyId>.<payload>" with a key id this ring holds.
    const parsed = this.#parse(ciphertext);
    if (parsed === null) throw new DecryptionError();
    // 2. The payload is canonical base64url and holds at least a nonce and a tag.
    const payload = decodeBase64Url(parsed.payload);
    if (payload === null || payload.length < AEAD_NONCE_LENGTH + AEAD_TAG_LENGTH) throw new DecryptionError();
    // 3. AES-256-GCM under the purpose's subkey, with version, key id, purpose and AAD authenticated.
    const subkey = this.#subkey(parsed.master, options.purpose);
    const aad = options.aad === undefined ? subkey.aadPrefix : Buffer.concat([subkey.aadPrefix, toBytes(options.aad, 'aad')]);
    const bytes = toBytes(payload);
    const plaintext = decryptAead(
      ALGORITHM,
      subkey.key,
      bytes.subarray(0, AEAD_NONCE_LENGTH),
      bytes.subarray(AEAD_NONCE_LENGTH, bytes.length - AEAD_TAG_LENGTH),
      bytes.subarray(bytes.length - AEAD_TAG_LENGTH),
      aad,
    );
    if (plaintext === null) throw new DecryptionError();
    return plaintext;
  }

  /**
   * True unless `ciphertext` is in the current format under the primary key. Looks at the
   * header only (nothing is decrypted), so a malformed value also answers true and `rotate`
   * then reports it with DecryptionError.
   */
  needsRotation(ciphertext: string): boolean {
    if (typeof ciphertext !== 'string') throw new TypeError('ciphertext must be a string');
    const parsed = this.#parse(ciphertext);
    return parsed === null || parsed.master !== this.#keys[0];
  }

  /** Decrypts with whichever key made it and re-encrypts under the primary key (fresh nonce). */
  rotate(ciphertext: string, options: KeyringOptions): string {
    return this.encrypt(this.decrypt(ciphertext, options), options);
  }

  #parse(ciphertext: string): { master: MasterKey; payload: string } | null {
    if (!ciphertext.startsWith(`${VERSION}.`)) return null;
    const idEnd = ciphertext.indexOf('.', VERSION.length + 1);
    if (idEnd < 0) return null;
    const master = this.#byId.get(ciphertext.slice(VERSION.length + 1, idEnd));
    return master === undefined ? null : { master, payload: ciphertext.slice(idEnd + 1) };
  }

  #subkey(master: MasterKey, purpose: string): Subkey {
    const cached = master.subkeys.get(purpose);
    if (cached) return cached;
    const purposeBytes = Buffer.from(purpose, 'utf8');
    const subkey: Subkey = {
      key: hkdfSync(master.key, { info: SUBKEY_INFO_PREFIX + purpose, length: 32 }),
      aadPrefix: Buffer.concat([Buffer.from(`${VERSION}.${master.id}.`, 'utf8'), Buffer.from([purposeBytes.length]), purposeBytes]),
    };
    master.subkeys.set(purpose, subkey);
    return subkey;
  }
}
