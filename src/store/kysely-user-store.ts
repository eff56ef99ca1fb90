import type { Kysely, Selectable } from 'kysely';
import { assertCount } from './assert-count.js';
import { readUniqueViolation } from './read-unique-violation.js';
import type { Database, UsersTable } from './schema.js';
import type { CreateUserResult, NewUser, UserRecord, UserStore } from './types.js';

type Conflict = 'username' | 'email';

const conflictByConstraint: Readonly<Record<string, Conflict>> = {
  users_username_key_unique: 'username',
  users_email_key_unique: 'email',
};

export class KyselyUserStore implements UserStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createUser(user: NewUser): Promise<CreateUserResult> {
    // No read first: the unique indexes decide, race-free, and callers that want a friendly
    // answer for the common case (sign-up) have already looked the names up.
    const row: UsersTable = {
      id: user.id,
      username: user.username,
      username_key: user.usernameKey,
      email: user.email,
      email_key: user.emailKey,
      password_hash: user.passwordHash,
      password_changed_at: user.now,
      created_at: user.now,
    };
    try {
      await this.#db.insertInto('users').values(row).execute();
    } catch (error) {
      const violation = readUniqueViolation(error);
      if (!violation) throw error;
      const named = violation.constraint === null ? undefined : conflictByConstraint[violation.constraint];
      // The username is reported when both keys are taken. PostgreSQL names only the first index
      // it hit, and SQLite names the column only in its message text, so unless that was the
      // username, ask the database again.
      const conflict = named === 'username' ? named : ((await this.#findConflict(user.usernameKey, user.emailKey)) ?? named);
      // Anything else (a duplicate id) is a programming error, not a user's conflict.
      if (!conflict) throw error;
      return { ok: false, conflict };
    }
    return { ok: true, user: toUserRecord(row) };
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUserRecord(row) : null;
  }

  async findUserByLogin(key: string): Promise<UserRecord | null> {
    const rows = await this.#db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username_key', '=', key), eb('email_key', '=', key)]))
      .limit(2)
      .execute();
    // Should one user's username equal another's email, the username wins, deterministically.
    const row = rows.find((candidate) => candidate.username_key === key) ?? rows[0];
    return row ? toUserRecord(row) : null;
  }

  async updatePasswordHash(
    userId: string,
    newHash: string,
    options: { now: number; expectedHash?: string; changed: boolean },
  ): Promise<boolean> {
    // A rehash upgrade (changed: false) keeps the date of the user's last real change.
    const values = options.changed ? { password_hash: newHash, password_changed_at: options.now } : { password_hash: newHash };
    let update = this.#db.updateTable('users').set(values).where('id', '=', userId);
    // Compare-and-set in the same statement, so no concurrent change slips in between.
    if (options.expectedHash !== undefined) update = update.where('password_hash', '=', options.expectedHash);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async addPasswordHistory(userId: string, hash: string, now: number, keep: number): Promise<void> {
    assertCount('keep', keep, 0);
    await this.#db.transaction().execute(async (trx) => {
      if (keep > 0) {
        await trx.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
      }
      const newest = trx
        .selectFrom('password_history')
        .select('id')
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep);
      await trx.deleteFrom('password_history').where('user_id', '=', userId).where('id', 'not in', newest).execute();
    });
  }

  async listPasswordHistory(userId: string, limit: number): Promise<string[]> {
    assertCount('limit', limit, 0);
    if (limit === 0) return [];
    const rows = await this.#db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.password_hash);
  }

  async #findConflict(usernameKey: string, emailKey: string): Promise<Conflict | null> {
    const rows = await this.#db
      .selectFrom('users')
      .select(['username_key', 'email_key'])
      .where((eb) => eb.or([eb('username_key', '=', usernameKey), eb('email_key', '=', emailKey)]))
      .limit(2)
      .execute();
    if (rows.some((row) => row.username_key === usernameKey)) return 'username';
    return rows.length > 0 ? 'email' : null;
  }
}

export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameKey: row.username_key,
    email: row.email,
    emailKey: row.email_key,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
  };
}
