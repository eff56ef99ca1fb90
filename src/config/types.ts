import type { Argon2Parameters } from '../passwords/types.js';

export interface PasswordPolicyOptions {
  /** Minimum length in Unicode code points after NFKC (NIST SP 800-63B-4: 15 for single-factor, ASVS 5: 12; default 12). */
  minLength: number;
  /** Maximum length in code points after NFKC (default 256). */
  maxLength: number;
  /** Minimum zxcvbn score 0..4 (default 3). */
  minScore: number;
  /** Composition rule: how many of {lowercase, uppercase, digit, symbol} are required. 0 = none (default). */
  requiredCharacterClasses: number;
  /** Passwords older than this many days must be changed; 0 = never (default). */
  maxAgeDays: number;
  /** Reject reuse of the last N passwords; 0 = off (default). */
  historySize: number;
}

export interface SessionOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** lastSeenAt is written at most this often (default 60 s), not on every request. */
  touchIntervalMs: number;
}

export interface ThrottleOptions {
  /** Consecutive failures per (account, IP) before a block (default 5). */
  loginMaxConsecutiveFailures: number;
  /** First block length in seconds (default 900); each further block doubles, up to 24 h. */
  loginBlockSeconds: number;
  /** Failed logins per IP across all accounts in one hour before that IP is blocked (default 100). */
  loginMaxFailuresPerIpPerHour: number;
  /** Registrations per IP per hour (default 10). */
  registrationsPerIpPerHour: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Explicit database choice: `sqlite:<path>` or `postgres://...`. */
  databaseUrl: string;
  /** Public origin, e.g. https://id.example.com; https here (or production) makes cookies Secure with the __Host- prefix. */
  publicUrl: string | null;
  /** IPs / CIDRs whose X-Forwarded-For is honoured; empty = none. */
  trustedProxies: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  argon2: Argon2Parameters;
  /** Password-hash worker threads (default: number of CPUs, at most 4). */
  hashWorkers: number;
  /** Hash jobs allowed to wait; beyond it requests get 503 with Retry-After (default 64). */
  hashQueueMax: number;
  passwordPolicy: PasswordPolicyOptions;
  session: SessionOptions;
  throttle: ThrottleOptions;
  /** Extra blocked passwords, one a line (PASSWORD_BLOCKLIST_FILE, checked readable at load); null = none. */
  passwordBlocklistFile: string | null;
  /** BULWARK_MASTER_KEYS as given: comma-separated base64 master keys, newest first (a secret; never log it). */
  keys: string | null;
}
