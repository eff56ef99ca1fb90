import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { SessionLookupCache } from './session-lookup-cache.js';
import type { SessionRecord, Store, UserRecord } from './types.js';

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
