export { identifyHashScheme, isLegacyHash } from './identify-hash-scheme.js';
export { importTutorialPbkdf2 } from './import-tutorial-pbkdf2.js';
export { LEGACY_COST_LIMITS } from './legacy-cost-limits.js';
export type { LegacyHashScheme } from './legacy-hash-scheme.js';
export { TUTORIAL_PBKDF2_PREFIX } from './tutorial-pbkdf2-scheme.js';
