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
    database.pragma('journal_mode = WAL');
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
