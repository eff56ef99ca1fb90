import { ARGON2_COST_LIMITS } from '../passwords/argon2-cost-limits.js';
import {
  parseDatabaseUrl,
  parseHashWorkers,
  parseHost,
  parseIntegerBetween,
  parseMasterKeys,
  parseOneOf,
  parsePublicUrl,
  parseReadableFile,
  parseRedisKeyPrefix,
  parseRedisUrl,
  parseTrustedProxies,
  type SettingParser,
} from './setting-parsers.js';

export interface ConfigSetting {
  /** Environment variable name. */
  readonly env: string;
  /** Value used when the variable is unset or blank; null = no value (the setting is optional). */
  readonly default: string | null;
  readonly description: string;
  /** Never echoed in messages (and marked as secret in the docs). */
  readonly secret: boolean;
  readonly parse: SettingParser<unknown>;
}

function setting<T>(env: string, defaultValue: string | null, parse: SettingParser<T>, description: string, secret = false): ConfigSetting {
  return { env, default: defaultValue, description, secret, parse };
}

/**
 * The one table of settings: it drives `loadConfig` and the documentation
 * (`renderConfigTable`). Cross-field rules live in `loadConfig`.
 */
export const configSettings: readonly ConfigSetting[] = [
  setting('NODE_ENV', 'development', parseOneOf(['development', 'production', 'test'] as const),
    'development, production or test. Production requires an https PUBLIC_URL and always sets Secure cookies.'),
  setting('HOST', 'localhost', parseHost, 'Address to listen on (0.0.0.0 or :: for every interface).'),
  setting('PORT', '8000', parseIntegerBetween(1, 65535), 'TCP port to listen on.'),
  setting('DATABASE_URL', 'sqlite:./data/bulwark.db', parseDatabaseUrl,
    '`sqlite:<path>` (relative to the working directory; `sqlite::memory:` for tests) or `postgres://user:password@host:5432/db`. Chosen by scheme, never guessed. May hold a password.', true),
  setting('PUBLIC_URL', null, parsePublicUrl,
    'Public origin, e.g. `https://id.example.com` (no path). Required in production, and must be https there; https makes cookies Secure with the `__Host-` prefix.'),
  setting('TRUSTED_PROXIES', null, parseTrustedProxies,
    'Comma-separated proxy IPs or CIDR ranges whose X-Forwarded-For is believed, or loopback, linklocal, uniquelocal. Unset: none (the socket address is the client). /0, any IPv6 range holding ::ffff:0:0/96 (every IPv4 client), and any range broader than /8 (IPv4) or /16 (IPv6; unique-local fc00::/7 and link-local fe80::/10 aside) are refused: together such ranges could trust every client.'),
  setting('LOG_LEVEL', 'info', parseOneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    'fatal, error, warn, info, debug, trace or silent.'),
  setting('BODY_LIMIT_BYTES', '16384', parseIntegerBetween(1024, 67_108_864), 'Largest JSON or form request body accepted, in bytes (1 KiB to 64 MiB).'),
  setting('ARGON2_MEMORY_KIB', '19456', parseIntegerBetween(8192, ARGON2_COST_LIMITS.maxMemoryKib),
    'argon2id memory per hash in KiB (OWASP: 19456 with 2 iterations). With ARGON2_ITERATIONS it must reach an OWASP pairing, memory x iterations >= 36864, and stay within what stored hashes may cost, memory x iterations <= 2097152.'),
  setting('ARGON2_ITERATIONS', '2', parseIntegerBetween(1, 64), 'argon2id passes over memory (OWASP: 2 at 19 MiB, 3 at 12 MiB, 4 at 9 MiB).'),
  setting('ARGON2_PARALLELISM', '1', parseIntegerBetween(1, 16), 'argon2id lanes per hash (OWASP: 1; scale with HASH_WORKERS instead).'),
  setting('HASH_WORKERS', 'auto', parseHashWorkers, 'Password-hashing worker threads: auto (the number of CPUs, at most 4) or 1 to 64.'),
  setting('HASH_QUEUE_MAX', '64', parseIntegerBetween(1, 100_000), 'Hash jobs allowed to wait; beyond it requests get 503 with Retry-After.'),
  setting('PASSWORD_MIN_LENGTH', '12', parseIntegerBetween(8, 512),
    'Minimum password length in characters (code points after NFKC). 8 to PASSWORD_MAX_LENGTH; NIST SP 800-63B-4 asks 15 when the password is the only factor.'),
  setting('PASSWORD_MAX_LENGTH', '256', parseIntegerBetween(64, 512), 'Maximum password length in characters; NIST asks that at least 64 be allowed.'),
  setting('PASSWORD_MIN_SCORE', '3', parseIntegerBetween(0, 4), 'Minimum zxcvbn strength score; 0 turns the check off.'),
  setting('PASSWORD_REQUIRED_CLASSES', '0', parseIntegerBetween(0, 4),
    'How many of lowercase, uppercase, digit, symbol a password must mix. Default 0: NIST advises against composition rules.'),
  setting('PASSWORD_MAX_AGE_DAYS', '0', parseIntegerBetween(0, 3650), 'Days after which a password counts as expired: `/login` and `/session` then answer `passwordExpired: true`, for the client to ask for a new one; 0 = never (NIST advises no periodic changes).'),
  setting('PASSWORD_HISTORY', '0', parseIntegerBetween(0, 24), 'Refuse reuse of the last N passwords, counting the current one (1 = only the current one); 0 turns the check off.'),
  setting('PASSWORD_BLOCKLIST_FILE', null, parseReadableFile,
    'Extra blocked passwords, one a line, added to the built-in list. Must exist and be readable when the server starts.'),
  setting('SESSION_IDLE_MINUTES', '30', parseIntegerBetween(1, 10_080), 'A session unused this long ends. Must be shorter than SESSION_ABSOLUTE_HOURS.'),
  setting('SESSION_ABSOLUTE_HOURS', '12', parseIntegerBetween(1, 720), 'A session ends this long after sign-in, however active.'),
  setting('SESSION_TOUCH_SECONDS', '60', parseIntegerBetween(1, 3600),
    'A session\'s last-seen time is written at most this often. Must be shorter than SESSION_IDLE_MINUTES.'),
  setting('LOGIN_MAX_FAILURES', '5', parseIntegerBetween(1, 100), 'Consecutive failed logins for one account from one IP before a block.'),
  setting('LOGIN_BLOCK_SECONDS', '900', parseIntegerBetween(1, 86_400), 'First block length; each further block doubles, up to 24 hours.'),
  setting('LOGIN_IP_MAX_FAILURES_PER_HOUR', '100', parseIntegerBetween(1, 1_000_000), 'Failed logins from one IP across all accounts in an hour before that IP is blocked.'),
  setting('REGISTRATIONS_PER_IP_PER_HOUR', '10', parseIntegerBetween(1, 1_000_000), 'Sign-up attempts allowed from one IP per hour, refused ones included (each runs the password policy and says whether a name is taken); a 503 (server busy or unreachable database) is given back.'),
  setting('REDIS_URL', null, parseRedisUrl,
    'Shared throttle store: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS; a database number the server does not have stops the start. Set it to run several instances: login and sign-up throttles then count in this Redis, so a block placed through one instance holds on all. The server does not start if Redis does not answer; while it is unreachable, logins, password changes and sign-ups answer 503 (never unthrottled). Unset: in-memory throttles, one instance only. May hold a password.', true),
  setting('REDIS_KEY_PREFIX', 'bulwark', parseRedisKeyPrefix,
    'Namespace of every throttle key in Redis (used only with REDIS_URL), so several deployments can share one Redis. Instances that must share blocks need the same prefix. 1 to 100 letters, digits or `: . _ -`, starting with a letter or digit.'),
  setting('BULWARK_MASTER_KEYS', null, parseMasterKeys,
    'Master keys for secrets stored at rest: id:base64key entries separated by commas, newest first (the first encrypts, all decrypt). Checked at start; nothing the server stores uses them yet (MFA secrets will). Make a key with `bulwark keys generate`.', true),
];
