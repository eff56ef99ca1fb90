import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { cacheSessionLookups } from './cache-session-lookups.js';
import { KyselySessionStore } from './kysely-session-store.js';
import { KyselyUserStore } from './kysely-user-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { openDatabase } from './open-database.js';
import { openStore } from './open-store.js';
import type { Database } from './schema.js';
import { SessionLookupCache } from './session-lookup-cache.js';
import type { SessionRecord, SessionStore, Store, UserRecord } from './types.js';

const now = 1_800_000_000_000;

describe('cached session lookups on the SQLite store', () => {
  let folder: string;
  let store: Store;
  let user: UserRecord;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bulwark-cache-'));
    store = await openStore(`sqlite:${join(folder, 'c.db')}`);
    const created = await store.users.createUser({
      id: randomUUID(), username: 'cache', usernameKey: 'cache', email: 'c@example.com', emailKey: 'c@example.com', passwordHash: 'h1', now,
    });
    if (!created.ok) throw new Error('setup');
    user = created.user;
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function newSession(): Promise<SessionRecord> {
    const session: SessionRecord = {
      id: randomBytes(16).toString('base64url'), tokenHash: randomBytes(32).toString('hex'), userId: user.id,
      createdAt: now, lastSeenAt: now, expiresAt: now + 3_600_000, ip: null, userAgent: null,
    };
    await store.sessions.createSession(session);
    return session;
  }

  it('a revoked session is gone at once, even when its lookup was cached (logout must be immediate)', async () => {
    const session = await newSession();
    expect(await store.sessions.findSessionWithUser(session.tokenHash)).not.toBeNull();
    expect(await store.sessions.findSessionWithUser(session.tokenHash)).not.toBeNull(); // now from the cache
    expect(await store.sessions.revokeSession(user.id, session.id)).toBe(true);
    expect(await store.sessions.findSessionWithUser(session.tokenHash)).toBeNull();
  });

  it('revoking all of a user\'s sessions drops every cached one', async () => {
    const a = await newSession();
    const b = await newSession();
    await store.sessions.findSessionWithUser(a.tokenHash);
    await store.sessions.findSessionWithUser(b.tokenHash);
    await store.sessions.revokeSessions(user.id);
    expect(await store.sessions.findSessionWithUser(a.tokenHash)).toBeNull();
    expect(await store.sessions.findSessionWithUser(b.tokenHash)).toBeNull();
  });

  it('a password change is seen by the next lookup (the cached user is not kept)', async () => {
    const session = await newSession();
    await store.sessions.findSessionWithUser(session.tokenHash);
    await store.users.updatePasswordHash(user.id, 'h2', { now: now + 5, changed: true });
    const found = await store.sessions.findSessionWithUser(session.tokenHash);
    expect(found?.user.passwordHash).toBe('h2');
    expect(found?.user.passwordChangedAt).toBe(now + 5);
  });

  it('a lookup racing a revocation cannot leave a stale copy behind', async () => {
    const session = await newSession();
    const racing = store.sessions.findSessionWithUser(session.tokenHash);
    const revoking = store.sessions.revokeSession(user.id, session.id);
    await Promise.all([racing, revoking]);
    expect(await store.sessions.findSessionWithUser(session.tokenHash)).toBeNull();
  });

  it('keeps lastSeenAt in step with touches, and expired-session housekeeping empties the cache', async () => {
    const session = await newSession();
    await store.sessions.findSessionWithUser(session.tokenHash);
    await store.sessions.touchSession(session.id, now + 60_000);
    expect((await store.sessions.findSessionWithUser(session.tokenHash))?.session.lastSeenAt).toBe(now + 60_000);
    expect(await store.sessions.deleteExpiredSessions(now + 7_200_000, 0)).toBe(1);
    expect(await store.sessions.findSessionWithUser(session.tokenHash)).toBeNull();
  });

  it('hands out frozen copies, so a caller cannot change what the next request sees', async () => {
    const session = await newSession();
    await store.sessions.findSessionWithUser(session.tokenHash);
    const cached = await store.sessions.findSessionWithUser(session.tokenHash);
    expect(() => {
      (cached as { user: { passwordHash: string } }).user.passwordHash = 'tampered';
    }).toThrow(TypeError);
  });
});

describe('a session lookup that returns after a revocation it raced', () => {
  let folder: string;
  let db: Kysely<Database>;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bulwark-race-'));
    ({ db } = await openDatabase(`sqlite:${join(folder, 'r.db')}`));
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is not cached: the revoked session is not served from memory afterwards', async () => {
    const users = new KyselyUserStore(db);
    const sessions = new KyselySessionStore(db);
    // The real store, except that one lookup is held after its read until the test lets it go.
    let release = (): void => undefined;
    let holdNextLookup = false;
    let readDone = (): void => undefined;
    const hasRead = new Promise<void>((resolve) => (readDone = resolve));
    const held: SessionStore = {
      createSession: (session) => sessions.createSession(session),
      findSessionByTokenHash: (tokenHash) => sessions.findSessionByTokenHash(tokenHash),
      async findSessionWithUser(tokenHash) {
        const found = await sessions.findSessionWithUser(tokenHash);
        if (holdNextLookup) {
          holdNextLookup = false;
          const released = new Promise<void>((resolve) => (release = resolve));
          readDone();
          await released;
        }
        return found;
      },
      touchSession: (id, lastSeenAt) => sessions.touchSession(id, lastSeenAt),
      listSessions: (userId) => sessions.listSessions(userId),
      revokeSession: (userId, id) => sessions.revokeSession(userId, id),
      revokeSessions: (userId, options) => sessions.revokeSessions(userId, options),
      deleteExpiredSessions: (at, idleBefore) => sessions.deleteExpiredSessions(at, idleBefore),
    };
    const cached = cacheSessionLookups({ users, sessions: held }, new SessionLookupCache());
    const created = await users.createUser({
      id: randomUUID(), username: 'race', usernameKey: 'race', email: 'r@example.com', emailKey: 'r@example.com', passwordHash: 'h', now,
    });
    if (!created.ok) throw new Error('setup');
    const session: SessionRecord = {
      id: randomBytes(16).toString('base64url'), tokenHash: randomBytes(32).toString('hex'), userId: created.user.id,
      createdAt: now, lastSeenAt: now, expiresAt: now + 3_600_000, ip: null, userAgent: null,
    };
    await cached.sessions.createSession(session);

    holdNextLookup = true;
    const racing = cached.sessions.findSessionWithUser(session.tokenHash); // has read the row, now held
    await hasRead;
    expect(await cached.sessions.revokeSession(created.user.id, session.id)).toBe(true); // logout completes
    release();
    expect((await racing)?.session.id).toBe(session.id); // it read before the revocation
    expect(cached.sessions.peekSessionWithUser?.(session.tokenHash)).toBeUndefined();
    expect(await cached.sessions.findSessionWithUser(session.tokenHash)).toBeNull();
  });
});

describe('SessionLookupCache', () => {
  const entry = (id: string, userId = 'u1') => ({
    session: { id, tokenHash: `t-${id}`, userId, createdAt: 0, lastSeenAt: 0, expiresAt: 1, ip: null, userAgent: null },
    user: { id: userId, username: userId, usernameKey: userId, email: 'e', emailKey: 'e', passwordHash: 'h', passwordChangedAt: 0, createdAt: 0 },
  });

  it('is bounded: past its size the oldest entries go', () => {
    const cache = new SessionLookupCache(3);
    for (const id of ['a', 'b', 'c', 'd']) cache.remember(`t-${id}`, entry(id), cache.generation);
    expect(cache.size).toBe(3);
    expect(cache.get('t-a')).toBeUndefined();
    expect(cache.get('t-d')).toBeDefined();
  });

  it('refuses a value read before an invalidation', () => {
    const cache = new SessionLookupCache();
    const readAt = cache.generation;
    cache.forgetUser('u1');
    cache.remember('t-a', entry('a'), readAt);
    expect(cache.get('t-a')).toBeUndefined();
  });

  it('rejects a nonsensical size', () => {
    expect(() => new SessionLookupCache(0)).toThrow(TypeError);
  });
});
