export type * from './types.js';
export type { AuditEventsTable, Database, PasswordHistoryTable, SessionsTable, UsersTable } from './schema.js';
export { openStore, type OpenStoreOptions } from './open-store.js';
export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './open-database.js';
export { parseDatabaseUrl, type DatabaseLocation } from './parse-database-url.js';
export { migrateToLatest, type MigrateOptions } from './migrate-to-latest.js';
export { migrations } from './migrations/index.js';
export { KyselyStore } from './kysely-store.js';
export { readUniqueViolation, type UniqueViolation } from './read-unique-violation.js';
