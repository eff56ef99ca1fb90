import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import { toUserRecord } from './kysely-user-store.js';
import type { Database, SessionsTable, UsersTable } from './schema.js';
import type { SessionRecord, SessionStore, UserRecord } from './types.js';

type SessionWithUserRow = Selectable<SessionsTable> & { [K in keyof UsersTable as `u_${K & string}`]: Selectable<UsersTable>[K] };

export class KyselySessionStore implements SessionStore {
  readonly #db: Kysely<Database>;
  /**
   * The session-with-user lookup, compiled once: building and compiling a Kysely query costs
   * more than running it. Only the SQL text is kept; the token hash is bound on every call.
   */
  readonly #sessionWithUserSql: string;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.#sessionWithUserSql = db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select([
        'users.id as u_id',
        'users.username as u_username',
        'users.username_key as u_username_key',
        'users.email as u_email',
        'users.email_key as u_email_key',
        'users.password_hash as u_password_hash',
        'users.password_changed_at as u_password_changed_at',
        'users.created_at as u_created_at',
      ])
      .where('sessions.token_hash', '=', '')
      .compile().sql;
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.#db.insertInto('sessions').values(toSessionRow(session)).execute();
  }

  /** Hot path (every authenticated request): one lookup on the unique token_hash index. */
  async findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.#db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toSessionRecord(row) : null;
  }

  async findSessionWithUser(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    // Audited: the text was compiled by Kysely from the builder above; the value is bound.
    // eslint-disable-next-line no-restricted-syntax
    const { rows } = await this.#db.executeQuery<SessionWithUserRow>(CompiledQuery.raw(this.#sessionWithUserSql, [tokenHash]));
    const row = rows[0];
    if (row === undefined) return null;
    return {
      session: toSessionRecord(row),
      user: toUserRecord({
        id: row.u_id,
        username: row.u_username,
        username_key: row.u_username_key,
        email: row.u_email,
        email_key: row.u_email_key,
        password_hash: row.u_password_hash,
        password_changed_at: row.u_password_changed_at,
        created_at: row.u_created_at,
      }),
    };
  }

  async touchSession(id: string, lastSeenAt: number): Promise<void> {
    await this.#db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
  }

  async listSessions(userId: string): Promise<SessionRecord[]> {
    const rows = await this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSessionRecord);
  }

  async revokeSession(userId: string, id: string): Promise<boolean> {
    // The owner check is part of the delete, so one user can never end another's session.
    const result = await this.#db.deleteFrom('sessions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async revokeSessions(userId: string, options: { except?: string } = {}): Promise<number> {
    let remove = this.#db.deleteFrom('sessions').where('user_id', '=', userId);
    if (options.except !== undefined) remove = remove.where('id', '!=', options.except);
    const result = await remove.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpiredSessions(now: number, idleBefore: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toSessionRow(session: SessionRecord): SessionsTable {
  return {
    id: session.id,
    token_hash: session.tokenHash,
    user_id: session.userId,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    expires_at: session.expiresAt,
    ip: session.ip,
    user_agent: session.userAgent,
  };
}

function toSessionRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}
