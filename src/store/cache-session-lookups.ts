import type { SessionLookupCache, SessionWithUser } from './session-lookup-cache.js';
import type { SessionStore, UserStore } from './types.js';

/**
 * Wraps the session and user stores so that session lookups are served from `cache`, and
 * every write that could make a cached lookup stale invalidates it first-hand.
 */
export function cacheSessionLookups(
  stores: { users: UserStore; sessions: SessionStore },
  cache: SessionLookupCache,
): { users: UserStore; sessions: SessionStore } {
  const { users, sessions } = stores;
  return {
    users: {
      createUser: (user) => users.createUser(user),
      findUserById: (id) => users.findUserById(id),
      findUserByLogin: (key) => users.findUserByLogin(key),
      async updatePasswordHash(userId, newHash, options) {
        cache.forgetUser(userId);
        const changed = await users.updatePasswordHash(userId, newHash, options);
        cache.forgetUser(userId);
        return changed;
      },
      addPasswordHistory: (userId, hash, now, keep) => users.addPasswordHistory(userId, hash, now, keep),
      listPasswordHistory: (userId, limit) => users.listPasswordHistory(userId, limit),
    },
    sessions: {
      createSession: (session) => sessions.createSession(session),
      findSessionByTokenHash: (tokenHash) => sessions.findSessionByTokenHash(tokenHash),
      peekSessionWithUser: (tokenHash): SessionWithUser | undefined => cache.get(tokenHash),
      async findSessionWithUser(tokenHash): Promise<SessionWithUser | null> {
        const cached = cache.get(tokenHash);
        if (cached !== undefined) return cached;
        const generation = cache.generation;
        const found = await sessions.findSessionWithUser(tokenHash);
        if (found !== null) cache.remember(tokenHash, found, generation);
        return found;
      },
      async touchSession(id, lastSeenAt) {
        await sessions.touchSession(id, lastSeenAt);
        cache.touch(id, lastSeenAt);
      },
      listSessions: (userId) => sessions.listSessions(userId),
      async revokeSession(userId, id) {
        // Forget before and after the write: a lookup racing the delete cannot leave a copy behind.
        cache.forgetSession(id);
        const revoked = await sessions.revokeSession(userId, id);
        cache.forgetSession(id);
        return revoked;
      },
      async revokeSessions(userId, options) {
        cache.forgetUser(userId);
        const count = await sessions.revokeSessions(userId, options);
        cache.forgetUser(userId);
        return count;
      },
      async deleteExpiredSessions(now, idleBefore) {
        const count = await sessions.deleteExpiredSessions(now, idleBefore);
        if (count > 0) cache.clear();
        return count;
      },
    },
  };
}
