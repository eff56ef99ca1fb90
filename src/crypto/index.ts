/**
 * `bulwark/crypto`: the cryptographic building blocks, composed from node:crypto.
 * Misuse throws TypeError; untrusted input returns false/null or throws DecryptionError.
 */
export { DecryptionError } from './errors.js';
export {
  generatePassword, randomBytes, randomChoice, randomHex, randomInt, randomToken, randomUUID, shuffle,
  PASSWORD_DIGITS, PASSWORD_LOWER, PASSWORD_SYMBOLS, PASSWORD_UPPER, type GeneratePasswordOptions,
} from './random.js';
export { constantTimeEqual } from './compare.js';
export { digestLength, hash, hmac, verifyHmac, type HashAlgorithm, type HmacAlgorithm, type VerifyHmacOptions } from './digest.js';
export {
  fernetDecrypt, fernetEncrypt, fernetTimestamp, generateFernetKey, isFernetKey, MultiFernet,
  type FernetDecryptOptions, type FernetEncryptOptions,
} from './fernet.js';
export { AEAD_KEY_LENGTH, AEAD_NONCE_LENGTH, AEAD_TAG_LENGTH, open, seal, type AeadAlgorithm } from './aead.js';
export {
  argon2id, deriveKeys, hkdf, hkdfSync, pbkdf2, scrypt,
  type Argon2idOptions, type HkdfOptions, type KdfHash, type Pbkdf2Options, type ScryptOptions,
} from './kdf.js';
export { Keyring, type KeyringKey, type KeyringOptions } from './keyring.js';
export {
  decodeBase64, decodeBase64Url, decodeBase64UrlPadded, encodeBase64, encodeBase64Url, encodeBase64UrlPadded,
} from './encoding.js';
export type { AsymmetricKeyPair, PrivateKeyInput, PublicKeyInput } from './asymmetric-key.js';
export { DEFAULT_RSA_MODULUS_BITS, generateRsaKeyPair, MAX_RSA_MODULUS_BITS, MIN_RSA_MODULUS_BITS } from './rsa.js';
export { rsaOaepDecrypt, rsaOaepEncrypt, rsaOaepMaxPlaintextLength } from './rsa-oaep.js';
export { RSA_PSS_DEFAULT_SALT_LENGTH, rsaPssMaxSaltLength, rsaPssSign, rsaPssVerify, type RsaPssSaltLength } from './rsa-pss.js';
export { rsaPkcs1v15Sign, rsaPkcs1v15Verify } from './rsa-pkcs1v15.js';
export { exportPrivateKeyPem, exportPublicKeyPem, importPrivateKeyPem, importPublicKeyPem, type PrivateKeyPemOptions } from './pem.js';
export { generateEcKeyPair, isP256Key, type EcCurve } from './ec.js';
export { ecdsaSign, ecdsaVerify, type EcdsaSignatureEncoding } from './ecdsa.js';
export { ED25519_SIGNATURE_LENGTH, ed25519Sign, ed25519Verify, generateEd25519KeyPair } from './ed25519.js';
export { ecdhCurveOf, exportEcdhPublicKey, importEcdhPublicKey, type EcdhCurve, type EcdhPublicKeyFormat } from './ecdh-public-key.js';
export { computeSharedSecret, deriveSharedKey, generateEcdhKeyPair, type DeriveSharedKeyOptions, type EcdhPeerPublicKey } from './ecdh.js';
