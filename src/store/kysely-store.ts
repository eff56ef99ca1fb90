import { sql, type Kysely } from 'kysely';
import { cacheSessionLookups } from './cache-session-lookups.js';
import { KyselyAuditStore } from './kysely-audit-store.js';
import { KyselySessionStore } from './kysely-session-store.js';
import { KyselyUserStore } from './kysely-user-store.js';
import { refuseWhenUnreachable } from './refuse-when-unreachable.js';
import type { Database } from './schema.js';
import { SessionLookupCache } from './session-lookup-cache.js';
import type { AuditStore, SessionStore, Store, UserStore } from './types.js';

/** The Store over one Kysely instance, which it owns and destroys on close(). */
export class KyselyStore implements Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly audit: AuditStore;
  readonly dialect: Store['dialect'];
  readonly #db: Kysely<Database>;
  #closing: Promise<void> | undefined;

  constructor(db: Kysely<Database>, dialect: Store['dialect']) {
    this.#db = db;
    this.dialect = dialect;
    const stores = { users: new KyselyUserStore(db), sessions: new KyselySessionStore(db) };
    // SQLite is single-process (its file is locked exclusively), so this process sees every
    // write and can cache session lookups; PostgreSQL instances share data and must not.
    const { users, sessions } = dialect === 'sqlite' ? cacheSessionLookups(stores, new SessionLookupCache()) : stores;
    const audit = new KyselyAuditStore(db);
    // A shared database can be lost while the server runs; a SQLite file is opened once, locked.
    this.users = dialect === 'postgres' ? refuseWhenUnreachable(users) : users;
    this.sessions = dialect === 'postgres' ? refuseWhenUnreachable(sessions) : sessions;
    this.audit = dialect === 'postgres' ? refuseWhenUnreachable(audit) : audit;
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.#db);
      return true;
    } catch {
      return false;
    }
  }

  /** Idempotent: pg's pool refuses a second end(). */
  close(): Promise<void> {
    this.#closing ??= this.#db.destroy();
    return this.#closing;
  }
}
