import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** More distinct queries than Bulwark has; the oldest is dropped past it. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a
 * point lookup. Statements are keyed by their SQL text (values are always bound, never part of
 * the text), so one prepared statement serves every call. Safe because better-sqlite3 runs a
 * statement to completion synchronously; Bulwark never streams (iterate) from SQLite.
 */
export function cacheSqliteStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= MAX_CACHED_STATEMENTS) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
