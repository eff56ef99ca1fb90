/**
 * Narrow persistence interfaces, one per aggregate. Times are epoch milliseconds.
 * Implementations: Kysely over SQLite (better-sqlite3) and PostgreSQL (pg); one shared
 * test suite runs against both.
 */

export interface UserRecord {
  id: string;
  /** As the user typed it, after NFKC; shown back to them. */
  username: string;
  /** NFKC + case folded; unique. Used for lookups. */
  usernameKey: string;
  email: string;
  /** Normalized (lowercased, NFKC); unique. Used for lookups. */
  emailKey: string;
  /** PHC string (argon2id) or an imported legacy hash awaiting upgrade. */
  passwordHash: string;
  passwordChangedAt: number;
  createdAt: number;
}

export type NewUser = Omit<UserRecord, 'createdAt' | 'passwordChangedAt'> & { now: number };

export type CreateUserResult =
  | { ok: true; user: UserRecord }
  | { ok: false; conflict: 'username' | 'email' };

export interface UserStore {
  createUser(user: NewUser): Promise<CreateUserResult>;
  findUserById(id: string): Promise<UserRecord | null>;
  /** Finds by usernameKey or emailKey (the login identifier, already normalized). */
  findUserByLogin(key: string): Promise<UserRecord | null>;
  /**
   * Replaces the hash. With `expectedHash`, only when the stored hash still equals it
   * (compare-and-set, so a concurrent change is not overwritten); returns whether it changed.
   */
  updatePasswordHash(userId: string, newHash: string, options: { now: number; expectedHash?: string; changed: boolean }): Promise<boolean>;
  /** Remembers an old hash for password-history checks, keeping at most `keep` per user. */
  addPasswordHistory(userId: string, hash: string, now: number, keep: number): Promise<void>;
  listPasswordHistory(userId: string, limit: number): Promise<string[]>;
}

export interface SessionRecord {
  /** Public random id shown in GET /sessions and used by DELETE /sessions/:id. Not the token. */
  id: string;
  /** Hex SHA-256 of the session token: the raw token is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute expiry (createdAt + absolute timeout). */
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionStore {
  createSession(session: SessionRecord): Promise<void>;
  findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  /** The hot path of every authenticated request: the session and its user in one query. */
  findSessionWithUser(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  /**
   * The same lookup answered from process memory, without I/O, or undefined when only the
   * database can answer. Offered only by a store that sees every write to its sessions and users
   * (SQLite, one process per file), so a revocation or a change to the user is never missed;
   * only lastSeenAt may lag by up to one touch interval, which moves the idle timeout earlier.
   */
  peekSessionWithUser?(tokenHash: string): { session: SessionRecord; user: UserRecord } | undefined;
  touchSession(id: string, lastSeenAt: number): Promise<void>;
  listSessions(userId: string): Promise<SessionRecord[]>;
  /** Deletes one session only if it belongs to `userId`; returns whether one was deleted. */
  revokeSession(userId: string, id: string): Promise<boolean>;
  /** Deletes all of a user's sessions, except one when given; returns how many. */
  revokeSessions(userId: string, options?: { except?: string }): Promise<number>;
  /** Housekeeping: removes sessions past their absolute expiry or idle since before `idleBefore`. */
  deleteExpiredSessions(now: number, idleBefore: number): Promise<number>;
}

export interface AuditEvent {
  at: number;
  /** e.g. 'login.succeeded', 'login.failed', 'login.throttled', 'user.registered', 'password.changed', 'session.revoked' */
  event: string;
  userId: string | null;
  ip: string | null;
  /** Small JSON-able details. Never a password, token, hash or cookie. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditStore {
  recordEvent(event: AuditEvent): Promise<void>;
  listEvents(options: { userId?: string; limit: number }): Promise<(AuditEvent & { id: string })[]>;
}

export interface Store {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditStore;
  /** 'sqlite' or 'postgres', from the explicit DATABASE_URL scheme. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a trivial query; used by /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
