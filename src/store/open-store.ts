import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { openDatabase, type OpenDatabaseOptions } from './open-database.js';
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
  const { db, dialect } = await openDatabase(databaseUrl, databaseOptions);
  try {
    if (migrate) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, dialect);
}
