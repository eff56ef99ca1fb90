import { describe, expect, it } from 'vitest';
import * as bulwark from './index.js';

describe('the bulwark package entry', () => {
  // Named as toolkit calls in README.md and docs/*.md: a library user must be able to reach them.
  it.each([
    'createPasswordHasher', 'checkPasswordPolicy', 'loadPasswordPolicy', 'readBlocklistFile', 'normalizePassword',
    'importTutorialPbkdf2', 'estimatePasswordStrength', 'isCommonPassword', 'identifyHashScheme',
    'openStore', 'openDatabase', 'migrateToLatest', 'loadConfig', 'buildApp', 'createDependencies',
    'createLoginThrottle', 'createRegistrationThrottle', 'parseBody', 'normalizeEmail', 'normalizeUsername',
  ])('exports %s', (name) => {
    expect(typeof (bulwark as Record<string, unknown>)[name]).toBe('function');
  });
});
