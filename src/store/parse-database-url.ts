import { resolve } from 'node:path';

export type DatabaseLocation =
  | { dialect: 'sqlite'; /** Absolute path, or ':memory:'. */ filename: string }
  | { dialect: 'postgres'; connectionString: string };

const accepted =
  'use "sqlite:<path>" (relative to the working directory, e.g. sqlite:./data/bulwark.db; sqlite::memory: for tests) ' +
  'or "postgres://user@host:5432/db" / "postgresql://..."';

/**
 * Reads the database choice from the URL scheme alone; nothing else is inferred.
 * Error messages name the scheme seen but never echo the URL, which may hold a password.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseLocation {
  if (typeof databaseUrl !== 'string' || databaseUrl.trim() === '') {
    throw new TypeError(`Database URL is missing: ${accepted}.`);
  }
  // pg (through 8.23.1, CVE-2026-142201) writes connection values into the startup message
  // unescaped, so a NUL in one (raw or as %00) adds startup parameters of its own choosing, such as
  // search_path. No file path, name or option can hold a NUL, so it is refused for every scheme.
  if (/\0|%00/i.test(databaseUrl)) {
    throw new TypeError('Database URL holds a NUL byte (raw or as %00), which no path, name or option can contain: remove it.');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();

  if (scheme === 'sqlite') {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
    if (path === '') throw new TypeError(`Database URL "sqlite:" has no file path: ${accepted}.`);
    // sqlite://x and sqlite:///x mean different things in different tools; refuse to guess.
    if (path.startsWith('//')) {
      throw new TypeError(`Database URL "sqlite://..." is ambiguous: write sqlite:<path> (e.g. sqlite:/var/lib/bulwark/bulwark.db).`);
    }
    return { dialect: 'sqlite', filename: resolve(process.cwd(), path) };
  }

  if (scheme === 'postgres' || scheme === 'postgresql') {
    if (!URL.canParse(databaseUrl) || !databaseUrl.slice(scheme.length + 1).startsWith('//')) {
      throw new TypeError(`Database URL with scheme "${scheme}:" is not a valid URL: ${accepted}.`);
    }
    // An '@' after the host: a user name or password held an unencoded / ? or #, and the URL would
    // be read with part of the password as the host, port or path (and shown in messages).
    const url = new URL(databaseUrl);
    if (`${url.pathname}${url.search}${url.hash}`.includes('@')) {
      throw new TypeError('Database URL must percent-encode / ? # and @ in its user name and password (e.g. / as %2F).');
    }
    return { dialect: 'postgres', connectionString: databaseUrl };
  }

  const seen = scheme === undefined ? 'has no scheme' : `has the unsupported scheme "${scheme}:"`;
  throw new TypeError(`Database URL ${seen}: ${accepted}.`);
}
