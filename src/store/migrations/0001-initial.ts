/**
 * Initial schema. Frozen once released: later changes go in a new migration, never here.
 * Typed as Kysely<unknown> because a migration must not depend on the current schema types.
 */
import type { Kysely, Migration } from 'kysely';
import { isPostgres } from './is-postgres.js';

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = isPostgres(db);
    // Epoch milliseconds overflow PostgreSQL's 32-bit integer; SQLite integers are 64-bit.
    const time = postgres ? 'bigint' : 'integer';

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('username_key', 'text', (col) => col.notNull())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('email_key', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('password_changed_at', time, (col) => col.notNull())
      .addColumn('created_at', time, (col) => col.notNull())
      // Named so a PostgreSQL unique violation says which one (error.constraint).
      .addUniqueConstraint('users_username_key_unique', ['username_key'])
      .addUniqueConstraint('users_email_key_unique', ['email_key'])
      .execute();

    // An auto-assigned id keeps entries of the same millisecond in order for trimming.
    // The two dialects share no syntax for it: identity in PostgreSQL, rowid alias in SQLite.
    await db.schema
      .createTable('password_history')
      .addColumn('id', postgres ? 'bigint' : 'integer', (col) =>
        postgres ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', time, (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('password_history_user_id_created_at_index')
      .on('password_history')
      .columns(['user_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('token_hash', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', time, (col) => col.notNull())
      .addColumn('last_seen_at', time, (col) => col.notNull())
      .addColumn('expires_at', time, (col) => col.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addUniqueConstraint('sessions_token_hash_unique', ['token_hash'])
      .execute();
    await db.schema.createIndex('sessions_user_id_index').on('sessions').column('user_id').execute();
    // Housekeeping deletes by either expiry; one index each lets both be range scans.
    await db.schema.createIndex('sessions_expires_at_index').on('sessions').column('expires_at').execute();
    await db.schema.createIndex('sessions_last_seen_at_index').on('sessions').column('last_seen_at').execute();

    // No foreign key on user_id: the audit trail must outlive the user it mentions.
    await db.schema
      .createTable('audit_events')
      .addColumn('id', postgres ? 'bigint' : 'integer', (col) =>
        postgres ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement())
      .addColumn('at', time, (col) => col.notNull())
      .addColumn('event', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('audit_events_user_id_at_index').on('audit_events').columns(['user_id', 'at']).execute();
    await db.schema.createIndex('audit_events_at_index').on('audit_events').column('at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_events').execute();
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('password_history').execute();
    await db.schema.dropTable('users').execute();
  },
};
