import type { ThrottleOptions } from '../limits/types.js';
import type { Argon2Parameters, PasswordPolicyOptions } from '../passwords/types.js';

// Each layer owns the shape of its own options; configuration composes them.
export type { PasswordPolicyOptions, ThrottleOptions };

export interface SessionOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** lastSeenAt is written at most this often (default 60 s), not on every request. */
  touchIntervalMs: number;
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
  /** Shared throttle store, `redis://` or `rediss://` (REDIS_URL; may hold a password, never log it); null = in memory, one instance. */
  redisUrl: string | null;
  /** Namespace of every throttle key in Redis (REDIS_KEY_PREFIX, default `bulwark`). */
  redisKeyPrefix: string;
  /** Extra blocked passwords, one a line (PASSWORD_BLOCKLIST_FILE, checked readable at load); null = none. */
  passwordBlocklistFile: string | null;
  /** BULWARK_MASTER_KEYS as given: comma-separated base64 master keys, newest first (a secret; never log it). */
  keys: string | null;
}
