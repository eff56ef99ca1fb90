import { accessSync, constants, statSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Keyring } from '../crypto/keyring.js';

/** A parsed value, or what the value must be ("must be an integer between 1 and 65535"). */
export type SettingResult<T> = { ok: true; value: T } | { ok: false; expected: string };

export type SettingParser<T> = ((raw: string) => SettingResult<T>) & {
  /** What the parser accepts, for the documentation when the description does not say it. */
  readonly accepts?: string;
};

const ok = <T>(value: T): SettingResult<T> => ({ ok: true, value });
const fail = (expected: string): SettingResult<never> => ({ ok: false, expected });

export function parseIntegerBetween(min: number, max: number): SettingParser<number> {
  const expected = `must be an integer between ${min} and ${max}`;
  const parse = (raw: string): SettingResult<number> => {
    // Digits only: Number() would also take '0x10', '1e3' and ' ', parseInt would take '12abc'.
    if (!/^[0-9]{1,15}$/.test(raw)) return fail(expected);
    const value = Number(raw);
    return value >= min && value <= max ? ok(value) : fail(expected);
  };
  return Object.assign(parse, { accepts: `An integer from ${min} to ${max}.` });
}

export function parseOneOf<const T extends string>(values: readonly T[]): SettingParser<T> {
  const expected = `must be one of ${values.join(', ')}`;
  return (raw) => {
    const value = values.find((candidate) => candidate === raw);
    return value === undefined ? fail(expected) : ok(value);
  };
}

const HOST_LABEL = /^[A-Za-z0-9-]{1,63}$/;

/** inet_aton's decimal forms: a, a.b, a.b.c (the last part fills the bytes left), as listen reads them. */
function isShortIpv4(value: string): boolean {
  const parts = value.split('.');
  if (parts.length > 4 || parts.some((part) => !/^[0-9]{1,10}$/.test(part))) return false;
  const numbers = parts.map(Number);
  const last = numbers.pop() ?? 0;
  return numbers.every((part) => part <= 255) && last < 2 ** (8 * (4 - numbers.length));
}

/** An IP address or a DNS name to listen on (no brackets, no port). */
export const parseHost: SettingParser<string> = (raw) => {
  if (isIP(raw) !== 0) return ok(raw);
  // All digits and dots: an IPv4 address in one of the short forms listen takes (127.1, 0), or a
  // mistyped one (999.999.999.999), which would fail only at listen, as a DNS lookup of a name no one has.
  if (/^[0-9.]+$/.test(raw) && !isShortIpv4(raw)) {
    return fail('must be an IP address or a host name: this looks like an IPv4 address but is not one, e.g. 127.0.0.1 or 0.0.0.0');
  }
  const labels = raw.split('.');
  const valid =
    raw.length <= 253 && labels.every((label) => HOST_LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
  return valid ? ok(raw) : fail('must be an IP address or a host name such as localhost or 0.0.0.0');
};

/**
 * The explicit database choice, by scheme only (same rules as the store's parser, which the
 * config layer may not import): `sqlite:<path>`, `sqlite::memory:`, or a postgres URL.
 */
export const parseDatabaseUrl: SettingParser<string> = (raw) => {
  // pg would turn a NUL into startup parameters of its own (see the store's parser).
  if (/\0|%00/i.test(raw)) return fail('must not hold a NUL byte, raw or as %00: no path, name or option can contain one');
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (path === '') return fail('must name a file after sqlite:, e.g. sqlite:./data/bulwark.db');
    if (path.startsWith('//')) return fail('must be written sqlite:<path> (sqlite://... is ambiguous), e.g. sqlite:/var/lib/bulwark/bulwark.db');
    return ok(raw);
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    if (!URL.canParse(raw)) return fail('must be a valid postgres:// URL, e.g. postgres://bulwark@db.internal:5432/bulwark');
    // An '@' after the host: a user name or password held an unencoded / ? or #, so the URL would
    // be read with part of the password as the host, port or path (and shown in messages).
    const url = new URL(raw);
    if (`${url.pathname}${url.search}${url.hash}`.includes('@')) {
      return fail('must percent-encode / ? # and @ in its user name and password (e.g. / as %2F)');
    }
    return ok(raw);
  }
  return fail('must start with sqlite:, postgres:// or postgresql://');
};

/** An http(s) origin with nothing after the host and port; returned in canonical form. */
export const parsePublicUrl: SettingParser<string> = (raw) => {
  const expected = 'must be an http:// or https:// origin without a path, e.g. https://id.example.com';
  if (!URL.canParse(raw)) return fail(expected);
  const url = new URL(raw);
  const isOrigin =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    !/[?#]/.test(raw);
  return isOrigin ? ok(url.origin) : fail(expected);
};

/**
 * The shared throttle store: a redis:// or rediss:// (TLS) URL with a host, an optional port and
 * database number, and no query string (ioredis would read a query as client options, overriding
 * the timeouts the server sets). Returned in canonical form (lower-case scheme), so the TLS choice
 * is never lost to a spelling like REDISS://.
 */
export const parseRedisUrl: SettingParser<string> = (raw) => {
  const expected = 'must be a redis:// or rediss:// (TLS) URL such as rediss://:password@redis.internal:6379/0';
  if (!URL.canParse(raw)) return fail(expected);
  const url = new URL(raw);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return fail(expected);
  if (url.hostname === '') return fail('must name a host, e.g. redis://127.0.0.1:6379');
  if (url.port === '0') return fail('must use a port between 1 and 65535');
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(raw)) {
    return fail('must not have a query string or fragment (the server sets the client options itself)');
  }
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/[0-9]{1,5}$/.test(url.pathname)) {
    return fail('may only have a database number as its path, e.g. redis://127.0.0.1:6379/0');
  }
  return ok(url.href);
};

/** A namespace for Redis keys: letters, digits and : . _ -, starting with a letter or digit. */
export const parseRedisKeyPrefix: SettingParser<string> = (raw) =>
  /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/.test(raw)
    ? ok(raw)
    : fail('must be 1 to 100 letters, digits or : . _ - starting with a letter or digit, e.g. bulwark or bulwark-staging');

/** The names proxy-addr (Fastify's trustProxy) understands, spelled out as ranges. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Comma-separated IPs, CIDR ranges and the names loopback, linklocal, uniquelocal. A /0 range,
 * or an IPv6 range holding every IPv4-mapped address, is refused: trusting every address lets any
 * client forge X-Forwarded-For.
 */
export const parseTrustedProxies: SettingParser<string[]> = (raw) => {
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const ranges: string[] = [];
  for (const entry of entries) {
    const named = Object.hasOwn(NAMED_RANGES, entry) ? NAMED_RANGES[entry] : undefined;
    if (named !== undefined) {
      ranges.push(...named);
      continue;
    }
    const range = parseAddressRange(entry);
    if (range === 'everything') return fail('must not contain a /0 range (or ::ffff:0:0/96, every IPv4 address), which would trust every client; list your proxies');
    if (range === 'too broad') {
      return fail('must not contain a range broader than /8 (IPv4) or /16 (IPv6, unique-local fc00::/7 and link-local fe80::/10 aside): together such ranges can trust every client; list your proxies');
    }
    if (range === null) return fail('must be a comma-separated list of IP addresses, CIDR ranges (e.g. 10.0.0.0/8) or loopback, linklocal, uniquelocal');
    ranges.push(range);
  }
  return ok([...new Set(ranges)]);
};

/** Narrowest prefixes accepted: no proxy fleet needs more, and /1 + /1 would be /0 again. */
const BROADEST_IPV4_PREFIX = 8;
const BROADEST_IPV6_PREFIX = 16;
function ipv6Range(network: string, prefix: number): [BlockList, number] {
  const list = new BlockList();
  list.addSubnet(network, prefix, 'ipv6');
  return [list, prefix];
}

/** Addresses no public client has, any part of which may be trusted: unique-local and link-local. */
const LOCAL_IPV6_RANGES: readonly [BlockList, number][] = [ipv6Range('fc00::', 7), ipv6Range('fe80::', 10)];
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

function parseAddressRange(entry: string): string | 'everything' | 'too broad' | null {
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return null;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (slash === -1) return address;
  const prefixText = entry.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^[0-9]{1,3}$/.test(prefixText) || prefix > (version === 4 ? 32 : 128)) return null;
  if (prefix === 0) return 'everything';
  const range = new BlockList();
  try {
    // The same check node:net applies when the range is used.
    range.addSubnet(address, prefix, type);
  } catch {
    return null;
  }
  // ::ffff:0:0/96 trusts every IPv4 client, as a mapped address (proxy-addr matches IPv4 clients
  // against IPv4-mapped ranges). A broader IPv6 range holding it is refused too: proxy-addr 5
  // happens not to apply those to IPv4 clients, but nobody needs one, and a change there would
  // silently open it.
  if (type === 'ipv6' && range.check('::ffff:0.0.0.0', 'ipv6') && range.check('::ffff:255.255.255.255', 'ipv6')) return 'everything';
  // An IPv4-mapped range (::ffff:a.b.c.d/n) is an IPv4 range of n - 96 bits.
  const mappedIpv4 = type === 'ipv6' && prefix >= 96 && IPV4_MAPPED.check(address, 'ipv6');
  const broadest = type === 'ipv4' ? BROADEST_IPV4_PREFIX : mappedIpv4 ? 96 + BROADEST_IPV4_PREFIX : BROADEST_IPV6_PREFIX;
  const local = type === 'ipv6' && LOCAL_IPV6_RANGES.some(([list, localPrefix]) => prefix >= localPrefix && list.check(address, 'ipv6'));
  if (prefix < broadest && !local) return 'too broad';
  return `${address}/${prefix}`;
}

/** 'auto' (the number of CPUs, at most 4) or an explicit thread count. */
export const parseHashWorkers: SettingParser<number> = (raw) => {
  if (raw === 'auto') return ok(Math.min(availableParallelism(), 4));
  const parsed = parseIntegerBetween(1, 64)(raw);
  return parsed.ok ? parsed : fail('must be auto or an integer between 1 and 64');
};

/** A path to a file that exists and can be read now, resolved against the working directory. */
export const parseReadableFile: SettingParser<string> = (raw) => {
  const path = resolve(raw);
  try {
    if (!statSync(path).isFile()) return fail('must name a readable file, but it is not a regular file');
    accessSync(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' || code === 'ENOTDIR' ? 'must name a readable file, but it does not exist' : 'must name a readable file, but it cannot be read');
  }
  return ok(path);
};

/**
 * Keyring master keys, 'id:base64key' entries separated by commas, newest first; checked with
 * the keyring's own parser. Its messages are not repeated: they can quote an id, and a
 * mistyped entry's "id" may be key material.
 */
export const parseMasterKeys: SettingParser<string> = (raw) => {
  try {
    Keyring.fromConfig(raw);
  } catch {
    return fail('must be id:base64key entries separated by commas (ids of letters, digits, _ or -; unique ids, each key 32 random bytes in base64), e.g. k1:<output of `bulwark keys generate`>');
  }
  return ok(raw);
};
