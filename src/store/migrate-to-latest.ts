import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.js';
import { isPostgres } from './migrations/is-postgres.js';

export interface MigrateOptions {
  /**
   * PostgreSQL schema holding Kysely's migration tables. Defaults to the connection's
   * current_schema(), the same schema the migrations create their tables in.
   */
  migrationTableSchema?: string;
}

/**
 * Applies every pending migration in name order and returns what ran (empty when the
 * database is already up to date). Throws an Error naming the failed migration; on
 * PostgreSQL the failed run is rolled back (transactional DDL).
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, options: MigrateOptions = {}): Promise<MigrationResult[]> {
  const migrationTableSchema = options.migrationTableSchema ?? (isPostgres(db) ? await readCurrentSchema(db) : undefined);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  await refuseUnknownMigrations(db, migrationTableSchema);
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    const which = failed ? `migration "${failed.migrationName}"` : 'migration setup';
    throw new Error(`Database ${which} failed: ${reason}`, { cause: error });
  }
  return results ?? [];
}

/**
 * A database that has run a migration this build does not know was migrated by a newer Bulwark.
 * Kysely would call it "corrupted"; the operator needs to hear what happened and what to do.
 */
async function refuseUnknownMigrations<DB>(db: Kysely<DB>, schema: string | undefined): Promise<void> {
  const table = sql.table(schema === undefined ? DEFAULT_MIGRATION_TABLE : `${schema}.${DEFAULT_MIGRATION_TABLE}`);
  let executed: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    executed = rows.map((row) => row.name);
  } catch {
    // No migration table yet: a new database, which the migrator sets up.
    return;
  }
  const known = new Set(Object.keys(migrations));
  const unknown = executed.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `The database was migrated by a newer Bulwark: it has run ${unknown.map((name) => `"${name}"`).join(', ')}, which this version does not know. ` +
        'Run the newer version, or restore a backup taken before the upgrade; an older version must not write to it.',
    );
  }
}

/**
 * Kysely's migrator looks for its tables in every schema unless told which one, so another
 * schema's migration table (another app, a parallel test run) would be taken for ours.
 */
async function readCurrentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new Error('Database migration failed: PostgreSQL has no current schema (check search_path and that the schema exists).');
  }
  return schema;
}
