import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadConfig } from './load-config.js';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64url');

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const folder = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('loadConfig defaults', () => {
  it('loads every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      host: 'localhost',
      port: 8000,
      databaseUrl: 'sqlite:./data/bulwark.db',
      publicUrl: null,
      trustedProxies: [],
      logLevel: 'info',
      bodyLimitBytes: 16384,
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      hashWorkers: Math.min(availableParallelism(), 4),
      hashQueueMax: 64,
      passwordPolicy: { minLength: 12, maxLength: 256, minScore: 3, requiredCharacterClasses: 0, maxAgeDays: 0, historySize: 0 },
      session: { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000, touchIntervalMs: 60_000 },
      throttle: { loginMaxConsecutiveFailures: 5, loginBlockSeconds: 900, loginMaxFailuresPerIpPerHour: 100, registrationsPerIpPerHour: 10 },
      redisUrl: null,
      redisKeyPrefix: 'bulwark',
      passwordBlocklistFile: null,
      keys: null,
    });
  });

  it('treats blank values as unset and trims surrounding whitespace', () => {
    const config = loadConfig({ PORT: '   ', HOST: ' 0.0.0.0 ', LOG_LEVEL: '' });
    expect(config.port).toBe(8000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.logLevel).toBe('info');
  });

  it('reads process.env when no environment is given', () => {
    const outcome = (load: () => unknown): unknown => {
      try {
        return load();
      } catch (error) {
        return error;
      }
    };
    expect(outcome(() => loadConfig())).toEqual(outcome(() => loadConfig({ ...process.env })));
  });
});

describe('loadConfig values', () => {
  it('reads every setting when set', () => {
    const blocklist = join(folder, 'blocklist.txt');
    writeFileSync(blocklist, 'hunter2\n');
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '::',
      PORT: '443',
      DATABASE_URL: 'postgres://bulwark:pw@db.internal:5432/bulwark',
      PUBLIC_URL: 'https://ID.example.com/',
      TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16,loopback, 2001:db8::/32',
      LOG_LEVEL: 'warn',
      BODY_LIMIT_BYTES: '32768',
      ARGON2_MEMORY_KIB: '12288',
      ARGON2_ITERATIONS: '3',
      ARGON2_PARALLELISM: '2',
      HASH_WORKERS: '3',
      HASH_QUEUE_MAX: '10',
      PASSWORD_MIN_LENGTH: '15',
      PASSWORD_MAX_LENGTH: '64',
      PASSWORD_MIN_SCORE: '4',
      PASSWORD_REQUIRED_CLASSES: '2',
      PASSWORD_MAX_AGE_DAYS: '365',
      PASSWORD_HISTORY: '5',
      PASSWORD_BLOCKLIST_FILE: blocklist,
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      SESSION_TOUCH_SECONDS: '30',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_BLOCK_SECONDS: '60',
      LOGIN_IP_MAX_FAILURES_PER_HOUR: '50',
      REGISTRATIONS_PER_IP_PER_HOUR: '2',
      REDIS_URL: 'rediss://bulwark:pw@redis.internal:6380/2',
      REDIS_KEY_PREFIX: 'bulwark:staging',
      BULWARK_MASTER_KEYS: `k2:${KEY_B}, k1:${KEY_A}`,
    });
    expect(config).toMatchObject({
      env: 'production',
      host: '::',
      port: 443,
      databaseUrl: 'postgres://bulwark:pw@db.internal:5432/bulwark',
      publicUrl: 'https://id.example.com',
      trustedProxies: ['10.0.0.1', '192.168.0.0/16', '127.0.0.0/8', '::1/128', '2001:db8::/32'],
      logLevel: 'warn',
      bodyLimitBytes: 32768,
      argon2: { memoryCost: 12288, timeCost: 3, parallelism: 2 },
      hashWorkers: 3,
      hashQueueMax: 10,
      passwordPolicy: { minLength: 15, maxLength: 64, minScore: 4, requiredCharacterClasses: 2, maxAgeDays: 365, historySize: 5 },
      session: { idleTimeoutMs: 15 * 60_000, absoluteTimeoutMs: 8 * 3_600_000, touchIntervalMs: 30_000 },
      throttle: { loginMaxConsecutiveFailures: 3, loginBlockSeconds: 60, loginMaxFailuresPerIpPerHour: 50, registrationsPerIpPerHour: 2 },
      redisUrl: 'rediss://bulwark:pw@redis.internal:6380/2',
      redisKeyPrefix: 'bulwark:staging',
      passwordBlocklistFile: blocklist,
      keys: `k2:${KEY_B}, k1:${KEY_A}`,
    });
  });

  it('accepts sqlite::memory: and relative sqlite paths', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl).toBe('sqlite::memory:');
    expect(loadConfig({ DATABASE_URL: 'sqlite:db.sqlite' }).databaseUrl).toBe('sqlite:db.sqlite');
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/bulwark' }).databaseUrl).toBe('postgresql://localhost/bulwark');
  });
});

describe('loadConfig problems', () => {
  it('explains a bad integer with its range and the value given', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be an integer between 1 and 65535 (got "abc")']);
  });

  it('refuses integer spellings that Number() or parseInt() would accept', () => {
    for (const port of ['0x1F90', '8e3', '80.0', '-1', '+80', '8000abc', '0', '65536', '99999999999999999999']) {
      expect(problemsOf({ PORT: port }), port).toEqual([`PORT must be an integer between 1 and 65535 (got ${JSON.stringify(port)})`]);
    }
  });

  it('explains bad enumerations, hosts, URLs and lists', () => {
    expect(problemsOf({ NODE_ENV: 'prod' })).toEqual(['NODE_ENV must be one of development, production, test (got "prod")']);
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")']);
    expect(problemsOf({ HOST: 'my host' })).toEqual(['HOST must be an IP address or a host name such as localhost or 0.0.0.0 (got "my host")']);
    expect(problemsOf({ HOST: '[::1]' })).toHaveLength(1);
    expect(problemsOf({ HOST: '-bad-.example' })).toHaveLength(1);
    // Digits and dots that are no IPv4 address used to pass as a host name and fail only at listen.
    for (const host of ['999.999.999.999', '1.2.3.4.5', '10.256.0', '1..2', '4294967296']) {
      expect(problemsOf({ HOST: host }), host).toEqual([expect.stringContaining('looks like an IPv4 address but is not one')]);
    }
    // The short forms listen takes are addresses, not mistakes: 127.1 is 127.0.0.1, 0 is 0.0.0.0.
    for (const host of ['127.1', '0', '10.0.0', '4294967295']) expect(problemsOf({ HOST: host }), host).toEqual([]);
    for (const [url, shown] of [
      ['id.example.com', 'id.example.com'],
      ['ftp://id.example.com', 'ftp://id.example.com'],
      ['https://id.example.com/app', 'https://id.example.com/app'],
      // The parts that can hold a secret are not echoed: query and fragment.
      ['https://id.example.com/?token=SECRET-Q', 'https://id.example.com/?***'],
      ['https://id.example.com/#SECRET-F', 'https://id.example.com/#***'],
    ]) {
      expect(problemsOf({ PUBLIC_URL: url }), url).toEqual([
        `PUBLIC_URL must be an http:// or https:// origin without a path, e.g. https://id.example.com (got ${JSON.stringify(shown)})`,
      ]);
    }
    // Login details, however spelled, hide the whole value.
    for (const url of ['https://admin:SECRET-PW@id.example.com', 'https:admin:SECRET-PW@id.example.com', 'https:\\\\admin:SECRET-PW@x', 'https://admin:p@SECRET-PW@id.example.com']) {
      expect(problemsOf({ PUBLIC_URL: url }), url).toEqual([
        'PUBLIC_URL must be an http:// or https:// origin without a path, e.g. https://id.example.com (value hidden: it may hold login details)',
      ]);
    }
  });

  it('validates trusted proxies as IPs and CIDR ranges, and refuses /0', () => {
    const listMessage =
      'TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDR ranges (e.g. 10.0.0.0/8) or loopback, linklocal, uniquelocal';
    for (const value of ['10.0.0.256', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/', '10.0.0.0/x', '10.0.0.1,,evil']) {
      expect(problemsOf({ TRUSTED_PROXIES: value }), value).toEqual([`${listMessage} (got ${JSON.stringify(value)})`]);
    }
    expect(problemsOf({ TRUSTED_PROXIES: '0.0.0.0/0' })).toEqual([
      'TRUSTED_PROXIES must not contain a /0 range (or ::ffff:0:0/96, every IPv4 address), which would trust every client; list your proxies (got "0.0.0.0/0")',
    ]);
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.1, ::/0' })).toHaveLength(1);
    // The same trust in disguise: every IPv4 client, as an IPv4-mapped IPv6 address (the broader
    // ranges holding ::ffff:0:0/96 are refused too, erring safe).
    for (const value of ['::ffff:0.0.0.0/96', '::ffff:0:0/96', '::/80', '::ffff:0:0/95']) {
      expect(problemsOf({ TRUSTED_PROXIES: value }), value).toEqual([expect.stringContaining('would trust every client')]);
    }
    expect(loadConfig({ TRUSTED_PROXIES: '::ffff:10.0.0.0/104' }).trustedProxies).toEqual(['::ffff:10.0.0.0/104']);
    // /0 split in two is still everyone; so is any other set of broad ranges: none may be broader
    // than /8 (IPv4) or /16 (IPv6, except unique-local addresses, fc00::/7).
    for (const value of ['0.0.0.0/1,128.0.0.0/1', '10.0.0.0/7', '4000::/2,8000::/1', '2000::/3', '::ffff:10.0.0.0/103']) {
      expect(problemsOf({ TRUSTED_PROXIES: value }), value).toEqual([expect.stringContaining('broader than /8 (IPv4) or /16 (IPv6')]);
    }
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,2606:4700::/32,2a06:98c0::/29,fc00::/7,fd00::/8,fe80::/10' }).trustedProxies).toHaveLength(6);
    // Local ranges are exempt only as far as they stay local.
    expect(problemsOf({ TRUSTED_PROXIES: 'fe80::/9' })).toEqual([expect.stringContaining('broader than /8 (IPv4) or /16 (IPv6')]);
    expect(loadConfig({ TRUSTED_PROXIES: 'uniquelocal,linklocal' }).trustedProxies).toEqual([
      '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', '169.254.0.0/16', 'fe80::/10',
    ]);
  });

  it('refuses database URLs it cannot classify, without echoing them (they may hold a password)', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/app' });
    expect(problems).toEqual(['DATABASE_URL must start with sqlite:, postgres:// or postgresql:// (value hidden)']);
    expect(problemsOf({ DATABASE_URL: 'sqlite:' })).toEqual(['DATABASE_URL must name a file after sqlite:, e.g. sqlite:./data/bulwark.db (value hidden)']);
    expect(problemsOf({ DATABASE_URL: 'sqlite:///var/db' })).toHaveLength(1);
    expect(problemsOf({ DATABASE_URL: 'postgres://user:hunter2@[bad' })[0]).not.toContain('hunter2');
    // An unencoded / ? or # in the password makes the URL parser read part of it as host, port or path.
    for (const url of ['postgres://bulwark:4242/s3cretRest@127.0.0.1:5432/app', 'postgres://bulwark:8080?TopSecret@db/app', 'postgres://u:1#x@db/app']) {
      expect(problemsOf({ DATABASE_URL: url }), url).toEqual(['DATABASE_URL must percent-encode / ? # and @ in its user name and password (e.g. / as %2F) (value hidden)']);
    }
    expect(problemsOf({ DATABASE_URL: 'postgres://bulwark:4242%2Fs3cret@127.0.0.1:5432/app' })).toEqual([]);
    // pg 8.23.1 would send what follows a NUL as startup parameters of the URL author's choosing.
    for (const url of ['postgres://u@h/db?application_name=x%00search_path%00evil', 'sqlite:./data/x\0.db']) {
      expect(problemsOf({ DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL must not hold a NUL byte/)]);
    }
  });

  it('accepts redis:// and rediss:// URLs, in canonical form so TLS is never lost to the spelling', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({ REDIS_URL: 'REDISS://:p%40ss@Redis.internal:6380/0' }).redisUrl).toBe('rediss://:p%40ss@Redis.internal:6380/0');
    expect(loadConfig({ REDIS_URL: 'redis://[::1]/' }).redisUrl).toBe('redis://[::1]/');
    expect(loadConfig({ REDIS_URL: ' redis://user:pw@redis.internal/15 ' }).redisUrl).toBe('redis://user:pw@redis.internal/15');
    // Blank means unset: in-memory throttles.
    expect(loadConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
  });

  it('refuses anything but a redis:// or rediss:// URL, without echoing it (it may hold a password)', () => {
    const schemeMessage = 'REDIS_URL must be a redis:// or rediss:// (TLS) URL such as rediss://:password@redis.internal:6379/0 (value hidden)';
    for (const value of ['127.0.0.1:6379', 'http://:hunter2@127.0.0.1:6379', 'tcp://127.0.0.1:6379', 'unix:///run/redis.sock', 'redis', 'valkey://:hunter2@h', 'redis://:hunter2@h:99999']) {
      expect(problemsOf({ REDIS_URL: value }), value).toEqual([schemeMessage]);
    }
    expect(problemsOf({ REDIS_URL: 'redis:///run/redis.sock' })).toEqual(['REDIS_URL must name a host, e.g. redis://127.0.0.1:6379 (value hidden)']);
    expect(problemsOf({ REDIS_URL: 'redis://:hunter2@h:0' })).toEqual(['REDIS_URL must use a port between 1 and 65535 (value hidden)']);
    // A query would reach ioredis as client options (e.g. turning the command timeout off).
    for (const value of ['redis://:hunter2@h:6379?commandTimeout=0', 'rediss://h?tls=false', 'redis://h?', 'redis://h#x']) {
      expect(problemsOf({ REDIS_URL: value }), value).toEqual([
        'REDIS_URL must not have a query string or fragment (the server sets the client options itself) (value hidden)',
      ]);
    }
    for (const value of ['redis://:hunter2@h/db', 'redis://h/0/1', 'redis://h/123456']) {
      expect(problemsOf({ REDIS_URL: value }), value).toEqual([
        'REDIS_URL may only have a database number as its path, e.g. redis://127.0.0.1:6379/0 (value hidden)',
      ]);
    }
  });

  it('checks REDIS_KEY_PREFIX', () => {
    expect(loadConfig({ REDIS_KEY_PREFIX: 'tenant-1:bulwark_v2.prod' }).redisKeyPrefix).toBe('tenant-1:bulwark_v2.prod');
    for (const value of [':leading', 'has space', 'star*', 'new\nline', 'x'.repeat(101), 'ключ']) {
      expect(problemsOf({ REDIS_KEY_PREFIX: value }), value).toEqual([
        `REDIS_KEY_PREFIX must be 1 to 100 letters, digits or : . _ - starting with a letter or digit, e.g. bulwark or bulwark-staging (got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value)})`,
      ]);
    }
  });

  it('never echoes BULWARK_MASTER_KEYS, even when it is malformed', () => {
    const secret = `k1:${KEY_A.slice(0, 20)}`;
    for (const value of [secret, KEY_A, `k1:${KEY_A},k1:${KEY_A}`, `${KEY_A}:${KEY_A}`]) {
      const problems = problemsOf({ BULWARK_MASTER_KEYS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^BULWARK_MASTER_KEYS must be id:base64key entries .* \(value hidden\)$/);
      expect(problems[0]).not.toContain(KEY_A.slice(0, 12));
    }
  });

  it('checks that PASSWORD_BLOCKLIST_FILE exists and is a readable file', () => {
    const missing = join(folder, 'missing.txt');
    expect(problemsOf({ PASSWORD_BLOCKLIST_FILE: missing })).toEqual([
      `PASSWORD_BLOCKLIST_FILE must name a readable file, but it does not exist (got ${JSON.stringify(missing)})`,
    ]);
    const directory = join(folder, 'a-directory');
    mkdirSync(directory);
    expect(problemsOf({ PASSWORD_BLOCKLIST_FILE: directory })[0]).toContain('is not a regular file');
  });

  it('reports an unreadable blocklist file (checked without root\'s override when the tests run as root)', () => {
    const locked = join(folder, 'locked.txt');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) {
      expect(problemsOf({ PASSWORD_BLOCKLIST_FILE: locked })[0]).toContain('cannot be read');
      return;
    }
    // Root reads any file through CAP_DAC_OVERRIDE; the check runs in a child process that is root
    // without it (and without CAP_DAC_READ_SEARCH), so file modes apply as they would to a service user.
    const script = "const { loadConfig } = await import('./src/config/index.ts'); try { loadConfig({ PASSWORD_BLOCKLIST_FILE: process.argv[1] }); console.log('accepted'); } catch (error) { console.log(error.problems.join('\\n')); }";
    const child = spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, locked], {
      cwd: resolve(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toMatch(/^PASSWORD_BLOCKLIST_FILE .*cannot be read/);
  });

  it('applies the limits of each setting', () => {
    expect(problemsOf({ PASSWORD_MIN_LENGTH: '7' })).toEqual(['PASSWORD_MIN_LENGTH must be an integer between 8 and 512 (got "7")']);
    expect(problemsOf({ PASSWORD_MAX_LENGTH: '63' })).toEqual(['PASSWORD_MAX_LENGTH must be an integer between 64 and 512 (got "63")']);
    expect(problemsOf({ PASSWORD_MIN_SCORE: '5' })).toEqual(['PASSWORD_MIN_SCORE must be an integer between 0 and 4 (got "5")']);
    expect(problemsOf({ PASSWORD_REQUIRED_CLASSES: '5' })).toHaveLength(1);
    expect(problemsOf({ PASSWORD_HISTORY: '25' })).toEqual(['PASSWORD_HISTORY must be an integer between 0 and 24 (got "25")']);
    expect(problemsOf({ ARGON2_MEMORY_KIB: '4096' })).toEqual(['ARGON2_MEMORY_KIB must be an integer between 8192 and 262144 (got "4096")']);
    expect(problemsOf({ HASH_WORKERS: 'many' })).toEqual(['HASH_WORKERS must be auto or an integer between 1 and 64 (got "many")']);
    expect(problemsOf({ BODY_LIMIT_BYTES: '100' })).toHaveLength(1);
  });

  it('shortens and escapes long or multi-line values, so a message cannot forge log lines', () => {
    const [problem] = problemsOf({ LOG_LEVEL: `info\nFAKE LOG LINE ${'x'.repeat(200)}` });
    expect(problem).not.toContain('\n');
    expect(problem).toContain('\\nFAKE LOG LINE');
    expect(problem?.length).toBeLessThan(200);
    // Bidirectional controls could make the printed line read differently from what it holds.
    const [bidi] = problemsOf({ HOST: 'a\u202eb\u2066c' });
    expect(bidi).toContain('(got "a\\u202eb\\u2066c")');
  });
});

describe('loadConfig cross-field rules', () => {
  it('requires PASSWORD_MIN_LENGTH <= PASSWORD_MAX_LENGTH', () => {
    expect(problemsOf({ PASSWORD_MIN_LENGTH: '100', PASSWORD_MAX_LENGTH: '64' })).toEqual([
      'PASSWORD_MIN_LENGTH (100) must not be greater than PASSWORD_MAX_LENGTH (64)',
    ]);
    expect(problemsOf({ PASSWORD_MIN_LENGTH: '64', PASSWORD_MAX_LENGTH: '64' })).toEqual([]);
  });

  it('requires the idle timeout to be shorter than the absolute one, and the touch interval shorter than idle', () => {
    expect(problemsOf({ SESSION_IDLE_MINUTES: '120', SESSION_ABSOLUTE_HOURS: '2' })).toEqual([
      'SESSION_IDLE_MINUTES (120) must be shorter than SESSION_ABSOLUTE_HOURS (2 hours = 120 minutes)',
    ]);
    expect(problemsOf({ SESSION_IDLE_MINUTES: '1', SESSION_TOUCH_SECONDS: '60' })).toEqual([
      'SESSION_TOUCH_SECONDS (60) must be shorter than SESSION_IDLE_MINUTES (1 minutes = 60 seconds)',
    ]);
  });

  it('requires argon2 memory x iterations to reach an OWASP pairing', () => {
    expect(problemsOf({ ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '1' })).toEqual([
      'ARGON2_MEMORY_KIB x ARGON2_ITERATIONS (19456 x 1 = 19456) must be at least 36864, as in the OWASP pairings 19456 x 2, 12288 x 3 and 9216 x 4',
    ]);
    expect(problemsOf({ ARGON2_MEMORY_KIB: '9216', ARGON2_ITERATIONS: '4' })).toEqual([]);
    expect(problemsOf({ ARGON2_MEMORY_KIB: '47104', ARGON2_ITERATIONS: '1' })).toEqual([]);
  });

  it('keeps argon2 settings within what a stored hash may cost, so new hashes always verify', () => {
    expect(problemsOf({ ARGON2_MEMORY_KIB: '262144', ARGON2_ITERATIONS: '9' })).toEqual([
      'ARGON2_MEMORY_KIB x ARGON2_ITERATIONS (262144 x 9 = 2359296) must be at most 2097152 (e.g. 262144 x 8), the most a stored hash may cost to verify',
    ]);
    expect(problemsOf({ ARGON2_MEMORY_KIB: '262145' })).toEqual([expect.stringMatching(/^ARGON2_MEMORY_KIB must be an integer between 8192 and 262144/)]);
    expect(problemsOf({ ARGON2_MEMORY_KIB: '262144', ARGON2_ITERATIONS: '8' })).toEqual([]);
  });

  it('requires an https PUBLIC_URL in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'PUBLIC_URL is required when NODE_ENV is production: set the https:// origin users visit, e.g. https://id.example.com',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'http://id.example.com' })).toEqual([
      'PUBLIC_URL must use https:// when NODE_ENV is production (got "http://id.example.com")',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://id.example.com' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'development', PUBLIC_URL: 'http://localhost:8000' })).toEqual([]);
  });

  it('requires a body limit that holds a password change with two passwords of the largest length allowed', () => {
    // 2 x 256 characters x 12 bytes (an emoji, form-encoded or as JSON \\u escapes) + 1 KiB for the rest.
    expect(problemsOf({ BODY_LIMIT_BYTES: '4096' })).toEqual([
      'BODY_LIMIT_BYTES (4096) must be at least 7168 to hold a password change with two passwords of PASSWORD_MAX_LENGTH (256) characters; raise it or lower PASSWORD_MAX_LENGTH',
    ]);
    expect(problemsOf({ BODY_LIMIT_BYTES: '4096', PASSWORD_MAX_LENGTH: '64' })).toEqual([]);
    expect(problemsOf({ PASSWORD_MAX_LENGTH: '512' })).toEqual([]);
  });

  it('refuses an in-memory database in production, where a restart would lose every account', () => {
    expect(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://id.example.com', DATABASE_URL: 'sqlite::memory:' })).toEqual([
      'DATABASE_URL sqlite::memory: keeps nothing past a restart, so it is for tests only: in production use a file (e.g. sqlite:/var/lib/bulwark/bulwark.db) or PostgreSQL',
    ]);
    expect(problemsOf({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' })).toEqual([]);
  });

  it('skips a cross-field rule when one side is already invalid', () => {
    expect(problemsOf({ PASSWORD_MIN_LENGTH: 'twelve', PASSWORD_MAX_LENGTH: '64' })).toEqual([
      'PASSWORD_MIN_LENGTH must be an integer between 8 and 512 (got "twelve")',
    ]);
  });
});

describe('loadConfig reporting', () => {
  it('reports every problem together in one ConfigError', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', NODE_ENV: 'staging', ARGON2_ITERATIONS: '0', SESSION_IDLE_MINUTES: '9999', SESSION_ABSOLUTE_HOURS: '1', BULWARK_MASTER_KEYS: 'nope' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe('config_invalid');
    expect(error.problems).toEqual([
      'NODE_ENV must be one of development, production, test (got "staging")',
      'PORT must be an integer between 1 and 65535 (got "abc")',
      'ARGON2_ITERATIONS must be an integer between 1 and 64 (got "0")',
      'BULWARK_MASTER_KEYS must be id:base64key entries separated by commas (ids of letters, digits, _ or -; unique ids, each key 32 random bytes in base64), e.g. k1:<output of `bulwark keys generate`> (value hidden)',
      'SESSION_IDLE_MINUTES (9999) must be shorter than SESSION_ABSOLUTE_HOURS (1 hours = 60 minutes)',
    ]);
    expect(error.message).toContain('PORT must be an integer between 1 and 65535 (got "abc")');
    expect(error.message).not.toContain('nope');
  });

  it('throws TypeError when given something other than an environment object', () => {
    expect(() => loadConfig(null as unknown as Record<string, string>)).toThrow(TypeError);
  });
});
