import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate-to-latest.js';
import { openDatabase } from './open-database.js';
import { openStore } from './open-store.js';
import { parseDatabaseUrl } from './parse-database-url.js';
import { readUniqueViolation } from './read-unique-violation.js';
import { describeStoreSuite } from './test-support/store-test-suite.js';

const folder = mkdtempSync(join(tmpdir(), 'bulwark-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeStoreSuite('SQLite store (file)', () => openStore(`sqlite:${join(folder, 'suite.db')}`));

describe('SQLite store specifics', () => {
  it('runs with WAL, foreign keys, a busy timeout and synchronous=NORMAL on a file database', async () => {
    const { db } = await openDatabase(`sqlite:${join(folder, 'pragmas.db')}`);
    try {
      // Read through the Kysely connection the store itself uses (foreign_keys is per connection).
      expect((await sql`pragma journal_mode`.execute(db)).rows).toEqual([{ journal_mode: 'wal' }]);
      expect((await sql`pragma foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);
      expect((await sql`pragma busy_timeout`.execute(db)).rows).toEqual([{ timeout: 5000 }]);
      expect((await sql`pragma synchronous`.execute(db)).rows).toEqual([{ synchronous: 1 }]); // NORMAL
      expect((await sql`pragma locking_mode`.execute(db)).rows).toEqual([{ locking_mode: 'exclusive' }]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a second process-level opener of the same file while the first is open (one process per SQLite file)', async () => {
    const url = `sqlite:${join(folder, 'exclusive.db')}`;
    const first = await openStore(url);
    try {
      await expect(openStore(url)).rejects.toThrow(/in use by another process/);
    } finally {
      await first.close();
    }
    const again = await openStore(url);
    await again.close();
  });

  it('creates the missing parent folders of the database file', async () => {
    const file = join(folder, 'nested', 'deeper', 'bulwark.db');
    const store = await openStore(`sqlite:${file}`);
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('works in memory for tests', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      expect(store.dialect).toBe('sqlite');
      expect(await store.ping()).toBe(true);
      expect(await store.users.findUserByLogin('nobody')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('applies migrations once: opening the same file again runs none and keeps the data', async () => {
    const url = `sqlite:${join(folder, 'twice.db')}`;
    const first = await openDatabase(url);
    expect((await migrateToLatest(first.db)).map(({ migrationName, status }) => ({ migrationName, status }))).toEqual([
      { migrationName: '0001-initial', status: 'Success' },
    ]);
    await first.db.insertInto('users').values({
      id: 'u1', username: 'Keep', username_key: 'keep', email: 'k@example.test', email_key: 'k@example.test',
      password_hash: 'h', password_changed_at: 1, created_at: 1,
    }).execute();
    await first.db.destroy();

    const store = await openStore(url);
    await store.close();
    const second = await openDatabase(url);
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      expect(await second.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'Keep' }]);
    } finally {
      await second.db.destroy();
    }
  });

  it('throws a clear Error naming the migration that failed', async () => {
    const { db } = await openDatabase(`sqlite:${join(folder, 'clash.db')}`);
    try {
      // A table in the way makes the initial migration's CREATE TABLE fail.
      await sql`create table users (id text)`.execute(db);
      await expect(migrateToLatest(db)).rejects.toThrow(/Database migration "0001-initial" failed: .*users/);
    } finally {
      await db.destroy();
    }
    await expect(openStore(`sqlite:${join(folder, 'clash.db')}`)).rejects.toThrow(/0001-initial/);
  });

  it('refuses a database a newer version has migrated, and says so instead of calling it corrupted', async () => {
    const { db } = await openDatabase(`sqlite:${join(folder, 'newer.db')}`);
    try {
      await migrateToLatest(db);
      await sql`insert into kysely_migration (name, timestamp) values ('0002-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(db);
      await expect(migrateToLatest(db)).rejects.toThrow(
        'The database was migrated by a newer Bulwark: it has run "0002-from-the-future", which this version does not know. ' +
          'Run the newer version, or restore a backup taken before the upgrade; an older version must not write to it.',
      );
    } finally {
      await db.destroy();
    }
  });

  it('says which setting and file it could not open, and what to check', async () => {
    const notADatabase = join(folder, 'notes.txt');
    writeFileSync(notADatabase, 'not a database, just some text that is long enough to have a header\n'.repeat(20));
    const cases: [string, RegExp][] = [
      // A folder where the file should be (SQLite's own words were only "unable to open database file").
      [folder, /^DATABASE_URL: cannot use the SQLite database .+: unable to open database file; check that the path names a file, not a folder/],
      [notADatabase, /^DATABASE_URL: cannot use the SQLite database .+notes\.txt: file is not a database; the file is not a SQLite database/],
      [join(notADatabase, 'inside.db'), /^DATABASE_URL: cannot use the SQLite database .+inside\.db: .*; part of the path is a file, not a folder\.$/],
    ];
    for (const [path, message] of cases) {
      await expect(openStore(`sqlite:${path}`), path).rejects.toThrow(message);
    }
  });

  it('recognises a real SQLite unique violation by its code, and nothing else', async () => {
    const { db } = await openDatabase('sqlite::memory:');
    try {
      await migrateToLatest(db);
      const row = {
        id: 'a', username: 'A', username_key: 'a', email: 'a@x.test', email_key: 'a@x.test',
        password_hash: 'h', password_changed_at: 1, created_at: 1,
      };
      await db.insertInto('users').values(row).execute();
      const duplicate = await db.insertInto('users').values({ ...row, id: 'b', email_key: 'b@x.test' }).execute().catch((error: unknown) => error);
      expect(duplicate).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(readUniqueViolation(duplicate)).toEqual({ constraint: null });

      const orphan = await db
        .insertInto('sessions')
        .values({ id: 's', token_hash: 't', user_id: 'ghost', created_at: 1, last_seen_at: 1, expires_at: 2, ip: null, user_agent: null })
        .execute()
        .catch((error: unknown) => error);
      expect(orphan).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
      expect(readUniqueViolation(orphan)).toBeNull();
      expect(readUniqueViolation(new Error('UNIQUE constraint failed: users.username_key'))).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});

describe('choosing the database from DATABASE_URL', () => {
  it.each(['mysql://x', 'bulwark.db', './data/bulwark.db', '', 'sqlite:', 'sqlite://data/x.db', 'postgres:/x', 'file:bulwark.db'])(
    'rejects %j with a TypeError naming the accepted forms',
    async (url) => {
      const failure = await openStore(url).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TypeError);
      expect((failure as TypeError).message).toMatch(/sqlite:|postgres/);
    },
  );

  it('names both accepted forms when the scheme is unknown', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/unsupported scheme "mysql:".*sqlite:<path>.*postgres:\/\//);
    expect(() => parseDatabaseUrl('bulwark.db')).toThrow(/no scheme/);
  });

  it('never echoes the URL, which may carry a password', () => {
    expect(() => parseDatabaseUrl('mysql://admin:s3cret-pw@db.internal/app')).toThrow(TypeError);
    try {
      parseDatabaseUrl('mysql://admin:s3cret-pw@db.internal/app');
    } catch (error) {
      expect(String(error)).not.toContain('s3cret-pw');
    }
  });

  it('refuses a NUL byte, raw or %-encoded, which pg would turn into extra startup parameters', () => {
    // With pg 8.23.1 this URL connects with search_path=pg_temp,evil: the NUL ends application_name
    // and starts a parameter of the URL author's choosing.
    const injected = 'postgres://u@h:5432/db?application_name=bulwark%00search_path%00pg_temp,evil';
    for (const url of [injected, injected.replaceAll('%00', '\0'), 'postgres://u@h/db%00', 'sqlite:./data/x.db%00', 'sqlite:./data/x\0.db']) {
      expect(() => parseDatabaseUrl(url)).toThrow(/NUL byte/);
    }
    expect(parseDatabaseUrl('postgres://u@h:5432/db?application_name=bulwark%20a')).toEqual({
      dialect: 'postgres', connectionString: 'postgres://u@h:5432/db?application_name=bulwark%20a',
    });
  });

  it('resolves sqlite paths against the working directory and accepts both postgres schemes', () => {
    expect(parseDatabaseUrl('sqlite:./data/bulwark.db')).toEqual({ dialect: 'sqlite', filename: resolve(process.cwd(), 'data/bulwark.db') });
    expect(parseDatabaseUrl('sqlite:/var/lib/bulwark.db')).toEqual({ dialect: 'sqlite', filename: '/var/lib/bulwark.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@h:5432/db' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgres', connectionString: 'postgresql://u@h/db' });
  });

  it('rejects postgresSchema on SQLite and schema names that are not plain identifiers', async () => {
    await expect(openStore('sqlite::memory:', { postgresSchema: 'bulwark' })).rejects.toBeInstanceOf(TypeError);
    for (const schema of ['Public', 'a;drop schema public cascade', 'x-y', '1abc', '', 'a'.repeat(64), 'x" cascade; --']) {
      // Refused before any connection is attempted (the host does not exist).
      await expect(openStore('postgres://nobody@invalid.invalid/db', { postgresSchema: schema })).rejects.toBeInstanceOf(TypeError);
    }
  });
});
