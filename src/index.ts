/**
 * `bulwark`: the server and the building blocks it is made of. Cryptography lives in
 * `bulwark/crypto`.
 */
export * from './errors.js';
export { loadConfig, renderConfigTable, configSettings, type Config } from './config/index.js';
export {
  checkPasswordPolicy,
  createPasswordHasher,
  DEFAULT_ARGON2_PARAMETERS,
  defaultPasswordPolicyOptions,
  estimatePasswordStrength,
  identifyHashScheme,
  importTutorialPbkdf2,
  isCommonPassword,
  isLegacyHash,
  isPasswordExpired,
  loadPasswordPolicy,
  normalizePassword,
  readBlocklistFile,
  type Argon2Parameters,
  type PasswordHasher,
  type PasswordPolicyOptions,
  type PasswordPolicyResult,
  type PasswordVerification,
  type PolicyCheckedHash,
} from './passwords/index.js';
export {
  hasForbiddenKeys,
  normalizeEmail,
  normalizeLoginIdentifier,
  normalizeUsername,
  parseBody,
} from './validation/index.js';
export { createLoginThrottle, createRegistrationThrottle, type LoginThrottle, type RegistrationThrottle, type ThrottleBackend } from './limits/index.js';
export { migrateToLatest, openDatabase, openStore, type Store } from './store/index.js';
export type { AccountDependencies } from './accounts/index.js';
export { buildApp } from './http/build-app.js';
export { createDependencies } from './cli/create-dependencies.js';
