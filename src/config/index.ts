export { configSettings, type ConfigSetting } from './config-settings.js';
export { ARGON2_MIN_MEMORY_TIME_PRODUCT, loadConfig } from './load-config.js';
export { renderConfigTable } from './render-config-table.js';
export type { SettingParser, SettingResult } from './setting-parsers.js';
export type { Config, PasswordPolicyOptions, SessionOptions, ThrottleOptions } from './types.js';
