import type { SessionRecord, UserRecord } from './types.js';

export interface SessionWithUser {
  session: SessionRecord;
  user: UserRecord;
}

/** Enough for every live session of a large single-instance deployment; past it the oldest go. */
const DEFAULT_MAX_ENTRIES = 50_000;

/**
 * Session lookups (token hash → session and user) kept in process memory, for the SQLite
 * store only: SQLite mode is one process per database file (the file is locked exclusively),
 * so every write that could make an entry stale passes through this same process and calls
 * one of the `forget*` methods, and revocation stays immediate. On PostgreSQL, where several
 * instances share the data, there is no cache.
 *
 * A read that raced an invalidation must not store what it read: `generation` moves on every
 * invalidation, and `remember` only stores a value read under the current generation.
 */
export class SessionLookupCache {
  readonly #maxEntries: number;
  readonly #byToken = new Map<string, SessionWithUser>();
  readonly #tokenBySession = new Map<string, string>();
  readonly #tokensByUser = new Map<string, Set<string>>();
  #generation = 0;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive integer');
    this.#maxEntries = maxEntries;
  }

  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#byToken.size;
  }

  get(tokenHash: string): SessionWithUser | undefined {
    return this.#byToken.get(tokenHash);
  }

  /** Stores a lookup read while `readAtGeneration` was current; ignored if anything was invalidated since. */
  remember(tokenHash: string, value: SessionWithUser, readAtGeneration: number): void {
    if (readAtGeneration !== this.#generation) return;
    if (this.#byToken.size >= this.#maxEntries) this.#evictOldest();
    const frozen = Object.freeze({ session: Object.freeze({ ...value.session }), user: Object.freeze({ ...value.user }) });
    this.#byToken.set(tokenHash, frozen);
    this.#tokenBySession.set(value.session.id, tokenHash);
    let tokens = this.#tokensByUser.get(value.user.id);
    if (tokens === undefined) {
      tokens = new Set();
      this.#tokensByUser.set(value.user.id, tokens);
    }
    tokens.add(tokenHash);
  }

  /**
   * The session was touched: keep the cached copy's lastSeenAt in step with the database. Not
   * an invalidation (touches are frequent): a read racing a touch can at worst cache a
   * lastSeenAt up to one touch interval old, which only moves the idle timeout earlier.
   */
  touch(sessionId: string, lastSeenAt: number): void {
    const tokenHash = this.#tokenBySession.get(sessionId);
    const entry = tokenHash === undefined ? undefined : this.#byToken.get(tokenHash);
    if (tokenHash === undefined || entry === undefined) return;
    this.#byToken.set(tokenHash, Object.freeze({ session: Object.freeze({ ...entry.session, lastSeenAt }), user: entry.user }));
  }

  forgetSession(sessionId: string): void {
    this.#generation += 1;
    const tokenHash = this.#tokenBySession.get(sessionId);
    if (tokenHash !== undefined) this.#delete(tokenHash);
  }

  /** Every session of the user (revoked, or the user record changed). */
  forgetUser(userId: string): void {
    this.#generation += 1;
    for (const tokenHash of [...(this.#tokensByUser.get(userId) ?? [])]) this.#delete(tokenHash);
  }

  clear(): void {
    this.#generation += 1;
    this.#byToken.clear();
    this.#tokenBySession.clear();
    this.#tokensByUser.clear();
  }

  #evictOldest(): void {
    const oldest = this.#byToken.keys().next().value;
    if (oldest !== undefined) this.#delete(oldest);
  }

  #delete(tokenHash: string): void {
    const entry = this.#byToken.get(tokenHash);
    if (entry === undefined) return;
    this.#byToken.delete(tokenHash);
    this.#tokenBySession.delete(entry.session.id);
    const tokens = this.#tokensByUser.get(entry.user.id);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) this.#tokensByUser.delete(entry.user.id);
  }
}
