import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Opens a better-sqlite3 database with the settings Bulwark relies on, creating the parent
 * folder of a file database when missing. `filename` is an absolute path or ':memory:'.
 */
export function openSqliteDatabase(filename: string): SqliteDatabase.Database {
  try {
    return openAndConfigure(filename);
  } catch (error) {
    throw explainOpenFailure(filename, error);
  }
}

/** What to check, by SQLite's (or the file system's) error code. */
const OPEN_FAILURE_ADVICE: Readonly<Record<string, string>> = {
  SQLITE_CANTOPEN: 'check that the path names a file, not a folder, in a folder this user may write',
  SQLITE_NOTADB: 'the file is not a SQLite database: point DATABASE_URL at a Bulwark database, or at a new path',
  SQLITE_CORRUPT: 'the file is damaged: restore it from a backup',
  SQLITE_READONLY: 'this user may not write it: SQLite needs to write the file and, beside it, its -wal and -shm files',
  SQLITE_PERM: 'this user may not write it: SQLite needs to write the file and, beside it, its -wal and -shm files',
  SQLITE_IOERR: 'reading or writing it failed: check that this user may write the file and its folder, and that the disk has room',
  SQLITE_FULL: 'the disk is full',
  EACCES: 'this user may not create the folder it goes in',
  EROFS: 'the folder is on a read-only file system',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'part of the path is a file, not a folder',
};

function explainOpenFailure(filename: string, error: unknown): unknown {
  // Errors without a code (our own "in use by another process") already say what to do.
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return error;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DIRECTORY...) share their family's advice.
  const family = error.code.startsWith('SQLITE_') ? error.code.split('_').slice(0, 2).join('_') : error.code;
  const advice = OPEN_FAILURE_ADVICE[family];
  if (advice === undefined) return error;
  return new Error(`DATABASE_URL: cannot use the SQLite database ${filename}: ${error.message}; ${advice}.`, { cause: error });
}

function openAndConfigure(filename: string): SqliteDatabase.Database {
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
