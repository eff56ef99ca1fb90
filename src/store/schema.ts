/**
 * The database schema as Kysely sees it. Column names are snake_case as stored; the stores map
 * rows to the camelCase records of types.ts explicitly, so no plugin rewrites identifiers.
 * Times are epoch milliseconds: `bigint` in PostgreSQL (parsed to number per pool) and
 * `integer` in SQLite.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  email: string;
  email_key: string;
  password_hash: string;
  password_changed_at: number;
  created_at: number;
}

export interface PasswordHistoryTable {
  /** Auto-assigned; orders entries written in the same millisecond. */
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** Public random id (shown to the user); not the token. */
  id: string;
  /** Hex SHA-256 of the session token. */
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  event: string;
  user_id: string | null;
  ip: string | null;
  /** JSON text of the event details, or null when there are none. */
  details: string | null;
}

export interface Database {
  users: UsersTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
}
