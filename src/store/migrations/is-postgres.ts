import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a migration runs on PostgreSQL. The adapter is the one openStore chose from the
 * explicit DATABASE_URL scheme, so this reads that choice back (a class check, not a guess
 * from an object's shape). Only used where the two dialects have no common DDL.
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
