import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Opens a better-sqlite3 database with the settings Bulwark relies on, creating the parent
 * folder of a file database when missing. `filename` is an absolute path or ':memory:'.
 */
export function openSqliteDatabase(filename: string): SqliteDatabase.Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const database = new SqliteDatabase(filename);
  try {
    // WAL lets readers run beside the single writer; NORMAL sync is durable under WAL
    // except for the last commits on power loss, never corrupting the file.
    // One process per database file: the lock is taken here and held until close, so a second
    // server on the same file fails at start instead of serving stale cached sessions (the
    // SQLite store caches session lookups; scale out on PostgreSQL instead).
    database.pragma('locking_mode = EXCLUSIVE');
    try {
      database.pragma('journal_mode = WAL');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY') {
        throw new Error(`The SQLite database ${filename} is in use by another process. SQLite mode runs one Bulwark process per database file; stop the other one, or use PostgreSQL to run several.`);
      }
      throw error;
    }
    database.pragma('synchronous = NORMAL');
    // Off by default in SQLite: without it ON DELETE CASCADE and references are ignored.
    database.pragma('foreign_keys = ON');
    // A writer waits up to 5 s for another connection's lock instead of failing at once.
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
