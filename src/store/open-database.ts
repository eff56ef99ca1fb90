import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { cacheSqliteStatements } from './cache-sqlite-statements.js';
import { createPostgresPool } from './create-postgres-pool.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { parseDatabaseUrl } from './parse-database-url.js';
import type { Database } from './schema.js';
import type { Store } from './types.js';

export interface OpenDatabaseOptions {
  /**
   * PostgreSQL only: the schema to work in (created when missing), set as the search_path of
   * every pooled connection. Lets tests use a fresh schema per run. Lowercase identifier only.
   */
  postgresSchema?: string;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: Store['dialect'];
}

const schemaNamePattern = /^[a-z_][a-z0-9_]*$/;

/**
 * Opens a Kysely instance for DATABASE_URL, chosen by its scheme alone (see parseDatabaseUrl).
 * Runs no migration. The caller owns the instance and ends it with db.destroy().
 */
export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const location = parseDatabaseUrl(databaseUrl);
  const { postgresSchema } = options;
  if (postgresSchema !== undefined) {
    if (location.dialect !== 'postgres') {
      throw new TypeError('The postgresSchema option applies only to a postgres:// or postgresql:// database URL.');
    }
    if (typeof postgresSchema !== 'string' || !schemaNamePattern.test(postgresSchema) || postgresSchema.length > 63) {
      throw new TypeError('postgresSchema must match /^[a-z_][a-z0-9_]*$/ and be at most 63 characters.');
    }
  }

  if (location.dialect === 'sqlite') {
    const database = openSqliteDatabase(location.filename);
    return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cacheSqliteStatements(database) }) }), dialect: 'sqlite' };
  }

  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: createPostgresPool(location.connectionString),
      ...(postgresSchema === undefined
        ? {}
        : {
            // Per connection, as a bound value: the name never becomes part of the SQL text.
            onCreateConnection: async (connection) => {
              // Audited: fixed text, the schema name is a bound value.
              // eslint-disable-next-line no-restricted-syntax
              await connection.executeQuery(CompiledQuery.raw("select set_config('search_path', $1, false)", [postgresSchema]));
            },
          }),
    }),
  });
  if (postgresSchema !== undefined) {
    try {
      await db.schema.createSchema(postgresSchema).ifNotExists().execute();
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return { db, dialect: 'postgres' };
}
