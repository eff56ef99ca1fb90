export type { Argon2Parameters, PasswordHasher, PasswordPolicyOptions, PasswordVerification, PolicyCheckedHash } from './types.js';
export { createPasswordHasher, type PasswordHasherOptions } from './create-password-hasher.js';
export { DEFAULT_ARGON2_PARAMETERS } from './default-argon2-parameters.js';
export { ARGON2_COST_LIMITS } from './argon2-cost-limits.js';
export {
  identifyHashScheme,
  importTutorialPbkdf2,
  isLegacyHash,
  LEGACY_COST_LIMITS,
  TUTORIAL_PBKDF2_PREFIX,
  type LegacyHashScheme,
} from './legacy/index.js';
export { normalizePassword, countCodePoints } from './normalize-password.js';
export { equalConstantTime } from './equal-constant-time.js';
export { isCommonPassword, readBlocklistFile } from './common-passwords.js';
export { estimatePasswordStrength, type PasswordStrength, type StrengthScore } from './strength.js';
export {
  checkPasswordPolicy,
  defaultPasswordPolicyOptions,
  isPasswordExpired,
  loadPasswordPolicy,
  type PasswordPolicyCheckOptions,
  type PasswordPolicyContext,
  type PasswordPolicyResult,
} from './policy.js';
