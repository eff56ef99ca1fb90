import { ConfigError } from '../errors.js';
import { ARGON2_COST_LIMITS } from '../passwords/argon2-cost-limits.js';
import type { Argon2Parameters } from '../passwords/types.js';
import { configSettings } from './config-settings.js';
import type { Config } from './types.js';

/** OWASP's argon2id pairings (19456 KiB x 2, 12288 x 3, 9216 x 4) all reach this product. */
export const ARGON2_MIN_MEMORY_TIME_PRODUCT = 36_864;
const SHOWN_VALUE_MAX_LENGTH = 80;

/**
 * Reads and validates every setting of `configSettings` from `env`, then the rules that tie
 * settings together. Throws ConfigError listing every problem at once; messages show the
 * offending value (escaped, shortened) except for secret settings. Unset or blank variables
 * take their defaults. The loader has no other side effect than checking that
 * PASSWORD_BLOCKLIST_FILE is readable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  if (env === null || typeof env !== 'object') throw new TypeError('loadConfig expects an environment object');
  const problems: string[] = [];
  const values = new Map<string, unknown>();

  for (const setting of configSettings) {
    const given = env[setting.env];
    const raw = typeof given === 'string' && given.trim() !== '' ? given.trim() : setting.default;
    if (raw === null) {
      values.set(setting.env, null);
      continue;
    }
    const parsed = setting.parse(raw);
    if (parsed.ok) {
      values.set(setting.env, parsed.value);
    } else {
      problems.push(`${setting.env} ${parsed.expected} ${setting.secret ? '(value hidden)' : showValue(raw)}`);
    }
  }

  // Cross-field rules run only when both settings parsed; a bad value is already reported.
  const has = (...names: string[]): boolean => names.every((name) => values.get(name) !== undefined);
  const number = (name: string): number => values.get(name) as number;

  if (has('PASSWORD_MIN_LENGTH', 'PASSWORD_MAX_LENGTH') && number('PASSWORD_MIN_LENGTH') > number('PASSWORD_MAX_LENGTH')) {
    problems.push(`PASSWORD_MIN_LENGTH (${number('PASSWORD_MIN_LENGTH')}) must not be greater than PASSWORD_MAX_LENGTH (${number('PASSWORD_MAX_LENGTH')})`);
  }
  if (has('SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS') && number('SESSION_IDLE_MINUTES') >= number('SESSION_ABSOLUTE_HOURS') * 60) {
    problems.push(
      `SESSION_IDLE_MINUTES (${number('SESSION_IDLE_MINUTES')}) must be shorter than SESSION_ABSOLUTE_HOURS ` +
        `(${number('SESSION_ABSOLUTE_HOURS')} hours = ${number('SESSION_ABSOLUTE_HOURS') * 60} minutes)`,
    );
  }
  if (has('SESSION_TOUCH_SECONDS', 'SESSION_IDLE_MINUTES') && number('SESSION_TOUCH_SECONDS') >= number('SESSION_IDLE_MINUTES') * 60) {
    problems.push(
      `SESSION_TOUCH_SECONDS (${number('SESSION_TOUCH_SECONDS')}) must be shorter than SESSION_IDLE_MINUTES ` +
        `(${number('SESSION_IDLE_MINUTES')} minutes = ${number('SESSION_IDLE_MINUTES') * 60} seconds)`,
    );
  }
  if (has('ARGON2_MEMORY_KIB', 'ARGON2_ITERATIONS')) {
    const memory = number('ARGON2_MEMORY_KIB');
    const iterations = number('ARGON2_ITERATIONS');
    if (memory * iterations < ARGON2_MIN_MEMORY_TIME_PRODUCT) {
      problems.push(
        `ARGON2_MEMORY_KIB x ARGON2_ITERATIONS (${memory} x ${iterations} = ${memory * iterations}) must be at least ` +
          `${ARGON2_MIN_MEMORY_TIME_PRODUCT}, as in the OWASP pairings 19456 x 2, 12288 x 3 and 9216 x 4`,
      );
    }
    // Hashes beyond the ceiling that stored hashes are held to would never verify at the next login.
    if (memory * iterations > ARGON2_COST_LIMITS.maxMemoryKibTimesPasses) {
      problems.push(
        `ARGON2_MEMORY_KIB x ARGON2_ITERATIONS (${memory} x ${iterations} = ${memory * iterations}) must be at most ` +
          `${ARGON2_COST_LIMITS.maxMemoryKibTimesPasses} (e.g. 262144 x 8), the most a stored hash may cost to verify`,
      );
    }
  }
  // Production is served over TLS behind a known origin: cookies, CSRF origin checks and links depend on it.
  if (values.get('NODE_ENV') === 'production' && has('PUBLIC_URL')) {
    const publicUrl = values.get('PUBLIC_URL') as string | null;
    if (publicUrl === null) {
      problems.push('PUBLIC_URL is required when NODE_ENV is production: set the https:// origin users visit, e.g. https://id.example.com');
    } else if (!publicUrl.startsWith('https://')) {
      problems.push(`PUBLIC_URL must use https:// when NODE_ENV is production ${showValue(publicUrl)}`);
    }
  }

  if (has('BODY_LIMIT_BYTES', 'PASSWORD_MAX_LENGTH')) {
    // A password change carries two passwords; a character can take 12 bytes (an emoji
    // form-encoded, or as JSON \u escapes); 1 KiB covers the field names and the CSRF token.
    // Text typed decomposed (Hangul as jamo) sends more characters than NFKC counts: not covered.
    const needed = 2 * number('PASSWORD_MAX_LENGTH') * 12 + 1024;
    if (number('BODY_LIMIT_BYTES') < needed) {
      problems.push(
        `BODY_LIMIT_BYTES (${number('BODY_LIMIT_BYTES')}) must be at least ${needed} to hold a password change with two passwords of ` +
          `PASSWORD_MAX_LENGTH (${number('PASSWORD_MAX_LENGTH')}) characters; raise it or lower PASSWORD_MAX_LENGTH`,
      );
    }
  }
  if (values.get('NODE_ENV') === 'production' && values.get('DATABASE_URL') === 'sqlite::memory:') {
    problems.push(
      'DATABASE_URL sqlite::memory: keeps nothing past a restart, so it is for tests only: in production use a file (e.g. sqlite:/var/lib/bulwark/bulwark.db) or PostgreSQL',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const argon2: Argon2Parameters = {
    memoryCost: number('ARGON2_MEMORY_KIB'),
    timeCost: number('ARGON2_ITERATIONS'),
    parallelism: number('ARGON2_PARALLELISM'),
  };
  return {
    env: values.get('NODE_ENV') as Config['env'],
    host: values.get('HOST') as string,
    port: number('PORT'),
    databaseUrl: values.get('DATABASE_URL') as string,
    publicUrl: values.get('PUBLIC_URL') as string | null,
    trustedProxies: (values.get('TRUSTED_PROXIES') as string[] | null) ?? [],
    logLevel: values.get('LOG_LEVEL') as Config['logLevel'],
    bodyLimitBytes: number('BODY_LIMIT_BYTES'),
    argon2,
    hashWorkers: number('HASH_WORKERS'),
    hashQueueMax: number('HASH_QUEUE_MAX'),
    passwordPolicy: {
      minLength: number('PASSWORD_MIN_LENGTH'),
      maxLength: number('PASSWORD_MAX_LENGTH'),
      minScore: number('PASSWORD_MIN_SCORE'),
      requiredCharacterClasses: number('PASSWORD_REQUIRED_CLASSES'),
      maxAgeDays: number('PASSWORD_MAX_AGE_DAYS'),
      historySize: number('PASSWORD_HISTORY'),
    },
    session: {
      idleTimeoutMs: number('SESSION_IDLE_MINUTES') * 60_000,
      absoluteTimeoutMs: number('SESSION_ABSOLUTE_HOURS') * 3_600_000,
      touchIntervalMs: number('SESSION_TOUCH_SECONDS') * 1000,
    },
    throttle: {
      loginMaxConsecutiveFailures: number('LOGIN_MAX_FAILURES'),
      loginBlockSeconds: number('LOGIN_BLOCK_SECONDS'),
      loginMaxFailuresPerIpPerHour: number('LOGIN_IP_MAX_FAILURES_PER_HOUR'),
      registrationsPerIpPerHour: number('REGISTRATIONS_PER_IP_PER_HOUR'),
    },
    redisUrl: values.get('REDIS_URL') as string | null,
    redisKeyPrefix: values.get('REDIS_KEY_PREFIX') as string,
    passwordBlocklistFile: values.get('PASSWORD_BLOCKLIST_FILE') as string | null,
    keys: values.get('BULWARK_MASTER_KEYS') as string | null,
  };
}

/**
 * A rejected value as echoed back: quoted and escaped (so a newline cannot forge a log line),
 * shortened, and without the parts of a URL that can hold a secret. A URL is
 * often refused for exactly those (PUBLIC_URL must be a bare origin). Login details can be
 * spelled in many ways a URL parser still accepts (`https:user:pw@host`, `https:\\user:pw@`, a
 * password holding `@`), so any value with an `@` is not shown at all; the query and the
 * fragment are cut.
 */
function showValue(raw: string): string {
  if (raw.includes('@')) return '(value hidden: it may hold login details)';
  const masked = raw.replace(/([?#]).*$/s, '$1***');
  const shown = masked.length > SHOWN_VALUE_MAX_LENGTH ? `${masked.slice(0, SHOWN_VALUE_MAX_LENGTH)}...` : masked;
  // JSON escapes control characters; bidirectional ones are escaped too, or the printed line
  // could read differently from what it holds.
  const escaped = JSON.stringify(shown).replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `(got ${escaped})`;
}
