import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { inCi, postgresUrl } from '../test-support/environment.js';
import { probePostgres } from '../test-support/postgres.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { openDatabase } from './open-database.js';
import { openStore } from './open-store.js';
import { readUniqueViolation } from './read-unique-violation.js';
import { describeStoreSuite } from './test-support/store-test-suite.js';

const unreachable = await probePostgres();
if (unreachable !== null && !inCi) {
  console.warn(`SKIP: PostgreSQL store tests: no PostgreSQL at ${postgresUrl} (${unreachable}); set BULWARK_TEST_POSTGRES_URL.`);
}

if (unreachable !== null && inCi) {
  describe('PostgreSQL availability (CI)', () => {
    it('reaches the test PostgreSQL', () => {
      expect.fail(`PostgreSQL is required in CI but ${postgresUrl} is unreachable: ${unreachable}`);
    });
  });
}

describe('PostgreSQL that cannot be reached', () => {
  it('says so in one line naming DATABASE_URL and the server, never the password', async () => {
    const failure = await openStore('postgres://bulwark:hunter2-secret@127.0.0.1:1/app').catch((error: unknown) => error);
    expect(String(failure)).toMatch(/^Error: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/app \(ECONNREFUSED\); nothing listens there/);
    expect(String(failure)).not.toContain('hunter2');
  });

  it('refuses, before connecting and without showing it, a URL whose unencoded password the parser would misread as host, port and path', async () => {
    for (const url of ['postgres://bulwark:4242/s3cretRest@127.0.0.1:5432/app', 'postgres://bulwark:8080?TopSecret@db/app', 'postgres://u:1#s3cret@db/app']) {
      const failure = await openStore(url).catch((error: unknown) => error);
      expect(failure, url).toBeInstanceOf(TypeError);
      expect(String(failure)).toMatch(/must percent-encode \/ \? # and @ in its user name and password/);
      expect(String(failure)).not.toMatch(/4242|s3cret|TopSecret|bulwark/i);
    }
  });
});

describe.skipIf(unreachable !== null)('PostgreSQL store', () => {
  // A fresh schema per run, so runs never see each other's rows; dropped at the end.
  const schema = `bulwark_test_${randomBytes(8).toString('hex')}`;

  afterAll(async () => {
    const { db } = await openDatabase(postgresUrl);
    try {
      await db.schema.dropSchema(schema).ifExists().cascade().execute();
    } finally {
      await db.destroy();
    }
  });

  describeStoreSuite(`PostgreSQL store (schema ${schema})`, () => openStore(postgresUrl, { postgresSchema: schema }));

  describe('PostgreSQL specifics', () => {
    it('creates the tables in the chosen schema, with bigint times', async () => {
      const { db } = await openDatabase(postgresUrl);
      try {
        const columns = await db
          .withoutPlugins()
          .selectFrom(sql<{ table_schema: string; table_name: string; column_name: string; data_type: string }>`information_schema.columns`.as('c'))
          .select(['c.table_name', 'c.column_name', 'c.data_type'])
          .where('c.table_schema', '=', schema)
          .where('c.column_name', 'in', ['created_at', 'expires_at', 'at', 'password_changed_at'])
          .orderBy('c.table_name')
          .orderBy('c.column_name')
          .execute();
        expect(columns).toEqual([
          { table_name: 'audit_events', column_name: 'at', data_type: 'bigint' },
          { table_name: 'password_history', column_name: 'created_at', data_type: 'bigint' },
          { table_name: 'sessions', column_name: 'created_at', data_type: 'bigint' },
          { table_name: 'sessions', column_name: 'expires_at', data_type: 'bigint' },
          { table_name: 'users', column_name: 'created_at', data_type: 'bigint' },
          { table_name: 'users', column_name: 'password_changed_at', data_type: 'bigint' },
        ]);
      } finally {
        await db.destroy();
      }
    });

    it('applies migrations once: migrating the schema again runs none', async () => {
      const { db } = await openDatabase(postgresUrl, { postgresSchema: schema });
      try {
        expect(await migrateToLatest(db)).toEqual([]);
      } finally {
        await db.destroy();
      }
    });

    it('refuses a schema a newer version has migrated, naming the migration it does not know', async () => {
      const newer = `${schema}_newer`;
      const store = await openStore(postgresUrl, { postgresSchema: newer });
      await store.close();
      const { db } = await openDatabase(postgresUrl, { postgresSchema: newer });
      try {
        await sql`insert into kysely_migration (name, timestamp) values ('0002-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(db);
        await expect(migrateToLatest(db)).rejects.toThrow(/^The database was migrated by a newer Bulwark: it has run "0002-from-the-future"/);
      } finally {
        await db.schema.dropSchema(newer).ifExists().cascade().execute();
        await db.destroy();
      }
    });

    it('names a database that does not exist as such', async () => {
      const url = new URL(postgresUrl);
      url.pathname = '/bulwark_no_such_database';
      await expect(openStore(url.href)).rejects.toThrow(/^DATABASE_URL: cannot connect to PostgreSQL at .+\/bulwark_no_such_database \(3D000\); that database does not exist/);
    });

    it('returns bigint columns as numbers on its own pool only, leaving pg’s global parser alone', async () => {
      const { db } = await openDatabase(postgresUrl, { postgresSchema: schema });
      try {
        const { rows } = await sql<{ big: unknown }>`select ${'9007199254740991'}::bigint as big`.execute(db);
        expect(rows[0]?.big).toBe(Number.MAX_SAFE_INTEGER);
        // Beyond 2^53 a silent rounding would corrupt data, so the query fails instead.
        await expect(sql`select ${'9007199254740993'}::bigint as big`.execute(db)).rejects.toBeInstanceOf(RangeError);
      } finally {
        await db.destroy();
      }
      const pg = (await import('pg')).default;
      expect(pg.types.getTypeParser(pg.types.builtins.INT8, 'text')('12')).toBe('12');
    });

    it('recognises a real pg unique violation by SQLSTATE and names the constraint', async () => {
      const { db } = await openDatabase(postgresUrl, { postgresSchema: schema });
      try {
        const key = `uv_${randomBytes(6).toString('hex')}`;
        const row = {
          id: `${key}_1`, username: key, username_key: key, email: `${key}@x.test`, email_key: `${key}@x.test`,
          password_hash: 'h', password_changed_at: 1, created_at: 1,
        };
        await db.insertInto('users').values(row).execute();
        const byUsername = await db.insertInto('users').values({ ...row, id: `${key}_2`, email_key: `${key}2@x.test` }).execute().catch((e: unknown) => e);
        expect(byUsername).toMatchObject({ code: '23505' });
        expect(readUniqueViolation(byUsername)).toEqual({ constraint: 'users_username_key_unique' });
        const byEmail = await db.insertInto('users').values({ ...row, id: `${key}_3`, username_key: `${key}3` }).execute().catch((e: unknown) => e);
        expect(readUniqueViolation(byEmail)).toEqual({ constraint: 'users_email_key_unique' });
        const orphan = await db
          .insertInto('sessions')
          .values({ id: key, token_hash: key, user_id: 'ghost', created_at: 1, last_seen_at: 1, expires_at: 2, ip: null, user_agent: null })
          .execute()
          .catch((e: unknown) => e);
        expect(orphan).toMatchObject({ code: '23503' });
        expect(readUniqueViolation(orphan)).toBeNull();
      } finally {
        await db.destroy();
      }
    });

    it('keeps a hostile schema name out of the SQL (rejected before connecting)', async () => {
      await expect(openStore(postgresUrl, { postgresSchema: 'public; drop table users' })).rejects.toBeInstanceOf(TypeError);
      await expect(openStore(postgresUrl, { postgresSchema: 'x" cascade --' })).rejects.toBeInstanceOf(TypeError);
    });
  });
});
