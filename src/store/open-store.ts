import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { explainPostgresFailure } from './explain-postgres-failure.js';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './open-database.js';
import { parseDatabaseUrl } from './parse-database-url.js';
import type { Store } from './types.js';

export interface OpenStoreOptions extends OpenDatabaseOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

/**
 * Opens the Store for DATABASE_URL: `sqlite:<path>` (relative to the working directory;
 * `sqlite::memory:` for tests) or `postgres://` / `postgresql://`. Any other value throws a
 * TypeError; the database type is never guessed.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { migrate = true, ...databaseOptions } = options;
  const explain = (error: unknown): unknown => (parseDatabaseUrl(databaseUrl).dialect === 'postgres' ? explainPostgresFailure(databaseUrl, error) : error);
  let opened: OpenedDatabase;
  try {
    opened = await openDatabase(databaseUrl, databaseOptions);
  } catch (error) {
    throw explain(error);
  }
  const { db, dialect } = opened;
  try {
    if (migrate) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw explain(error);
  }
  return new KyselyStore(db, dialect);
}
