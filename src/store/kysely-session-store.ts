import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from './schema.js';
import type { SessionRecord, SessionStore } from './types.js';

export class KyselySessionStore implements SessionStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.#db.insertInto('sessions').values(toSessionRow(session)).execute();
  }

  /** Hot path (every authenticated request): one lookup on the unique token_hash index. */
  async findSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.#db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toSessionRecord(row) : null;
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
