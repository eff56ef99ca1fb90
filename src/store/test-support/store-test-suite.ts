/**
 * One behavioural suite for every Store implementation; each dialect's test file runs it
 * against a real database. Tests share one store per run, so every test makes its own
 * users with random keys and never depends on another test's rows.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewUser, SessionRecord, Store, UserRecord } from '../types.js';

const t0 = 1_700_000_000_000;

function unique(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const name = unique('User');
  return {
    id: unique('usr'),
    username: name,
    usernameKey: name.toLowerCase(),
    email: `${name}@Example.test`,
    emailKey: `${name.toLowerCase()}@example.test`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
    now: t0,
    ...overrides,
  };
}

function newSession(userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: unique('ses'),
    tokenHash: randomBytes(32).toString('hex'),
    userId,
    createdAt: t0,
    lastSeenAt: t0,
    expiresAt: t0 + 86_400_000,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (test)',
    ...overrides,
  };
}

export function describeStoreSuite(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let store: Store;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    async function createUser(overrides: Partial<NewUser> = {}): Promise<UserRecord> {
      const result = await store.users.createUser(newUser(overrides));
      if (!result.ok) throw new Error(`test setup: user conflict on ${result.conflict}`);
      return result.user;
    }

    describe('store', () => {
      it('pings the database', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('opens again on the same database without re-running migrations, keeping the data', async () => {
        const user = await createUser();
        const first = store;
        await first.close();
        // Closing is idempotent and a closed store reports itself unhealthy.
        await first.close();
        expect(await first.ping()).toBe(false);
        store = await open();
        expect(store.dialect).toBe(first.dialect);
        expect(await store.users.findUserById(user.id)).toEqual(user);
        expect(await store.ping()).toBe(true);
      });
    });

    describe('users', () => {
      it('creates a user and finds it by id, username key and email key', async () => {
        const input = newUser();
        const result = await store.users.createUser(input);
        const expected: UserRecord = {
          id: input.id,
          username: input.username,
          usernameKey: input.usernameKey,
          email: input.email,
          emailKey: input.emailKey,
          passwordHash: input.passwordHash,
          passwordChangedAt: t0,
          createdAt: t0,
        };
        expect(result).toEqual({ ok: true, user: expected });
        expect(await store.users.findUserById(input.id)).toEqual(expected);
        expect(await store.users.findUserByLogin(input.usernameKey)).toEqual(expected);
        expect(await store.users.findUserByLogin(input.emailKey)).toEqual(expected);
      });

      it('returns null for unknown ids and logins, and does not match display forms', async () => {
        const user = await createUser();
        expect(await store.users.findUserById(unique('missing'))).toBeNull();
        expect(await store.users.findUserByLogin(unique('missing'))).toBeNull();
        // Lookups go through the normalized keys only; the display username is not a key.
        expect(await store.users.findUserByLogin(user.username)).toBeNull();
      });

      it('reports a username conflict when the username key is taken, whatever the display case', async () => {
        const first = await createUser();
        const result = await store.users.createUser(
          newUser({ username: first.username.toUpperCase(), usernameKey: first.usernameKey }),
        );
        expect(result).toEqual({ ok: false, conflict: 'username' });
        expect(await store.users.findUserByLogin(first.usernameKey)).toEqual(first);
      });

      it('reports an email conflict when the email key is taken', async () => {
        const first = await createUser();
        const result = await store.users.createUser(newUser({ email: first.email.toUpperCase(), emailKey: first.emailKey }));
        expect(result).toEqual({ ok: false, conflict: 'email' });
      });

      it('reports the username first when both keys are taken', async () => {
        const first = await createUser();
        const result = await store.users.createUser(newUser({ usernameKey: first.usernameKey, emailKey: first.emailKey }));
        expect(result).toEqual({ ok: false, conflict: 'username' });
      });

      it('lets exactly one of several concurrent registrations of one username win', async () => {
        const usernameKey = unique('race');
        const results = await Promise.all(
          Array.from({ length: 6 }, () => store.users.createUser(newUser({ username: usernameKey, usernameKey }))),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        expect(results.filter((result) => !result.ok)).toEqual(Array(5).fill({ ok: false, conflict: 'username' }));
      });

      it('lets exactly one of several concurrent registrations of one email win', async () => {
        const emailKey = `${unique('race')}@example.test`;
        const results = await Promise.all(Array.from({ length: 6 }, () => store.users.createUser(newUser({ emailKey }))));
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        expect(results.filter((result) => !result.ok)).toEqual(Array(5).fill({ ok: false, conflict: 'email' }));
      });

      it('throws, rather than reporting a user conflict, when the caller reuses an id', async () => {
        const first = await createUser();
        await expect(store.users.createUser(newUser({ id: first.id }))).rejects.toThrow();
      });

      it('prefers the username match when one user’s username key equals another’s email key', async () => {
        const key = `${unique('both')}@example.test`;
        const byEmail = await createUser({ emailKey: key });
        const byUsername = await createUser({ usernameKey: key });
        expect(byEmail.id).not.toBe(byUsername.id);
        expect((await store.users.findUserByLogin(key))?.id).toBe(byUsername.id);
      });

      it('replaces the hash and, for a real change, the change time', async () => {
        const user = await createUser();
        expect(await store.users.updatePasswordHash(user.id, 'new-hash', { now: t0 + 5, changed: true })).toBe(true);
        expect(await store.users.findUserById(user.id)).toEqual({ ...user, passwordHash: 'new-hash', passwordChangedAt: t0 + 5 });
      });

      it('keeps the change time on a rehash upgrade (changed: false)', async () => {
        const user = await createUser();
        expect(await store.users.updatePasswordHash(user.id, 'rehashed', { now: t0 + 9, changed: false })).toBe(true);
        expect(await store.users.findUserById(user.id)).toEqual({ ...user, passwordHash: 'rehashed', passwordChangedAt: t0 });
      });

      it('compare-and-set succeeds when the stored hash is the expected one', async () => {
        const user = await createUser();
        const updated = await store.users.updatePasswordHash(user.id, 'cas-new', {
          now: t0 + 1,
          expectedHash: user.passwordHash,
          changed: true,
        });
        expect(updated).toBe(true);
        expect((await store.users.findUserById(user.id))?.passwordHash).toBe('cas-new');
      });

      it('compare-and-set loses, changing nothing, when another change came first', async () => {
        const user = await createUser();
        // Two requests read the same hash; the first one changes the password...
        await store.users.updatePasswordHash(user.id, 'winner', { now: t0 + 1, expectedHash: user.passwordHash, changed: true });
        // ...so the second one, still expecting the old hash, must not overwrite it.
        const lost = await store.users.updatePasswordHash(user.id, 'loser', {
          now: t0 + 2,
          expectedHash: user.passwordHash,
          changed: true,
        });
        expect(lost).toBe(false);
        expect(await store.users.findUserById(user.id)).toEqual({ ...user, passwordHash: 'winner', passwordChangedAt: t0 + 1 });
      });

      it('returns false when updating the hash of an unknown user', async () => {
        expect(await store.users.updatePasswordHash(unique('missing'), 'x', { now: t0, changed: true })).toBe(false);
      });

      it('keeps at most `keep` history entries per user, newest first', async () => {
        const user = await createUser();
        const other = await createUser();
        await store.users.addPasswordHistory(other.id, 'other-1', t0, 3);
        for (let index = 1; index <= 5; index += 1) {
          await store.users.addPasswordHistory(user.id, `hash-${index}`, t0 + index, 3);
        }
        expect(await store.users.listPasswordHistory(user.id, 10)).toEqual(['hash-5', 'hash-4', 'hash-3']);
        expect(await store.users.listPasswordHistory(user.id, 2)).toEqual(['hash-5', 'hash-4']);
        expect(await store.users.listPasswordHistory(other.id, 10)).toEqual(['other-1']);
      });

      it('trims history entries of the same millisecond by order of addition', async () => {
        const user = await createUser();
        for (const hash of ['a', 'b', 'c']) await store.users.addPasswordHistory(user.id, hash, t0, 2);
        expect(await store.users.listPasswordHistory(user.id, 10)).toEqual(['c', 'b']);
      });

      it('clears the history with keep 0 and rejects a negative or fractional keep', async () => {
        const user = await createUser();
        await store.users.addPasswordHistory(user.id, 'h1', t0, 5);
        await store.users.addPasswordHistory(user.id, 'h2', t0 + 1, 0);
        expect(await store.users.listPasswordHistory(user.id, 10)).toEqual([]);
        await expect(store.users.addPasswordHistory(user.id, 'h3', t0, -1)).rejects.toBeInstanceOf(TypeError);
        await expect(store.users.addPasswordHistory(user.id, 'h3', t0, 1.5)).rejects.toBeInstanceOf(TypeError);
        await expect(store.users.listPasswordHistory(user.id, -1)).rejects.toBeInstanceOf(TypeError);
        expect(await store.users.listPasswordHistory(user.id, 0)).toEqual([]);
      });

      it('returns an empty history for a user with none', async () => {
        const user = await createUser();
        expect(await store.users.listPasswordHistory(user.id, 5)).toEqual([]);
      });
    });

    describe('sessions', () => {
      it('creates a session and finds it by token hash', async () => {
        const user = await createUser();
        const session = newSession(user.id);
        await store.sessions.createSession(session);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toEqual(session);
        expect(await store.sessions.findSessionByTokenHash(randomBytes(32).toString('hex'))).toBeNull();
      });

      it('finds the session together with its user in one lookup, and nothing for an unknown or injected hash', async () => {
        const user = await createUser();
        const other = await createUser();
        const session = newSession(user.id);
        await store.sessions.createSession(session);
        await store.sessions.createSession(newSession(other.id));
        expect(await store.sessions.findSessionWithUser(session.tokenHash)).toEqual({ session, user: await store.users.findUserById(user.id) });
        expect(await store.sessions.findSessionWithUser(randomBytes(32).toString('hex'))).toBeNull();
        expect(await store.sessions.findSessionWithUser("' OR '1'='1")).toBeNull();
        expect(await store.sessions.findSessionWithUser(session.id)).toBeNull();
      });

      it('stores a missing ip and user agent as null', async () => {
        const user = await createUser();
        const session = newSession(user.id, { ip: null, userAgent: null });
        await store.sessions.createSession(session);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toEqual(session);
      });

      it('finds a session by its token hash only, not by its public id', async () => {
        const user = await createUser();
        const session = newSession(user.id);
        await store.sessions.createSession(session);
        expect(await store.sessions.findSessionByTokenHash(session.id)).toBeNull();
      });

      it('refuses a second session with the same token hash', async () => {
        const user = await createUser();
        const session = newSession(user.id);
        await store.sessions.createSession(session);
        await expect(store.sessions.createSession(newSession(user.id, { tokenHash: session.tokenHash }))).rejects.toThrow();
      });

      it('refuses a session for a user that does not exist (foreign key enforced)', async () => {
        await expect(store.sessions.createSession(newSession(unique('ghost')))).rejects.toThrow();
      });

      it('touches only last_seen_at', async () => {
        const user = await createUser();
        const session = newSession(user.id);
        const neighbour = newSession(user.id);
        await store.sessions.createSession(session);
        await store.sessions.createSession(neighbour);
        await store.sessions.touchSession(session.id, t0 + 60_000);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toEqual({ ...session, lastSeenAt: t0 + 60_000 });
        expect(await store.sessions.findSessionByTokenHash(neighbour.tokenHash)).toEqual(neighbour);
      });

      it('lists only the user’s own sessions, most recently seen first', async () => {
        const user = await createUser();
        const other = await createUser();
        const older = newSession(user.id, { lastSeenAt: t0 + 1 });
        const newer = newSession(user.id, { lastSeenAt: t0 + 2 });
        await store.sessions.createSession(older);
        await store.sessions.createSession(newer);
        await store.sessions.createSession(newSession(other.id));
        expect(await store.sessions.listSessions(user.id)).toEqual([newer, older]);
        expect(await store.sessions.listSessions(unique('nobody'))).toEqual([]);
      });

      it('revokes the user’s own session by id', async () => {
        const user = await createUser();
        const session = newSession(user.id);
        await store.sessions.createSession(session);
        expect(await store.sessions.revokeSession(user.id, session.id)).toBe(true);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toBeNull();
        expect(await store.sessions.revokeSession(user.id, session.id)).toBe(false);
      });

      it('refuses to revoke another user’s session (IDOR) and leaves it alive', async () => {
        const victim = await createUser();
        const attacker = await createUser();
        const session = newSession(victim.id);
        await store.sessions.createSession(session);
        expect(await store.sessions.revokeSession(attacker.id, session.id)).toBe(false);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toEqual(session);
      });

      it('revokes all of a user’s sessions except the current one', async () => {
        const user = await createUser();
        const other = await createUser();
        const current = newSession(user.id);
        const otherSession = newSession(other.id);
        await store.sessions.createSession(current);
        await store.sessions.createSession(newSession(user.id));
        await store.sessions.createSession(newSession(user.id));
        await store.sessions.createSession(otherSession);
        expect(await store.sessions.revokeSessions(user.id, { except: current.id })).toBe(2);
        expect(await store.sessions.listSessions(user.id)).toEqual([current]);
        expect(await store.sessions.listSessions(other.id)).toEqual([otherSession]);
      });

      it('revokes all of a user’s sessions without an exception', async () => {
        const user = await createUser();
        await store.sessions.createSession(newSession(user.id));
        await store.sessions.createSession(newSession(user.id));
        expect(await store.sessions.revokeSessions(user.id)).toBe(2);
        expect(await store.sessions.listSessions(user.id)).toEqual([]);
        expect(await store.sessions.revokeSessions(user.id)).toBe(0);
      });

      it('does not let `except` name another user’s session to keep one of the user’s', async () => {
        const user = await createUser();
        const other = await createUser();
        const foreign = newSession(other.id);
        await store.sessions.createSession(foreign);
        await store.sessions.createSession(newSession(user.id));
        expect(await store.sessions.revokeSessions(user.id, { except: foreign.id })).toBe(1);
        expect(await store.sessions.listSessions(other.id)).toEqual([foreign]);
      });

      it('deletes sessions past their absolute expiry or idle too long, keeping live ones', async () => {
        // Times far below every other test's, so the shared database's other sessions stay.
        const now = 100_000;
        const idleBefore = 40_000;
        const user = await createUser();
        const expired = newSession(user.id, { createdAt: 1_000, lastSeenAt: 90_000, expiresAt: 99_000 });
        const expiresNow = newSession(user.id, { createdAt: 1_000, lastSeenAt: 90_000, expiresAt: now });
        const idle = newSession(user.id, { createdAt: 1_000, lastSeenAt: 39_999, expiresAt: 200_000 });
        const live = newSession(user.id, { createdAt: 1_000, lastSeenAt: idleBefore, expiresAt: now + 1 });
        for (const session of [expired, expiresNow, idle, live]) await store.sessions.createSession(session);
        expect(await store.sessions.deleteExpiredSessions(now, idleBefore)).toBe(3);
        expect(await store.sessions.listSessions(user.id)).toEqual([live]);
        expect(await store.sessions.deleteExpiredSessions(now, idleBefore)).toBe(0);
      });
    });

    describe('audit', () => {
      it('records events and lists a user’s events newest first, with details', async () => {
        const user = await createUser();
        await store.audit.recordEvent({ at: t0 + 1, event: 'user.registered', userId: user.id, ip: '198.51.100.1' });
        await store.audit.recordEvent({
          at: t0 + 3,
          event: 'login.failed',
          userId: user.id,
          ip: null,
          details: { reason: 'bad_password', attempts: 2, mfa: false, note: null },
        });
        await store.audit.recordEvent({ at: t0 + 2, event: 'login.succeeded', userId: user.id, ip: '198.51.100.1' });
        await store.audit.recordEvent({ at: t0 + 4, event: 'login.failed', userId: (await createUser()).id, ip: null });

        const events = await store.audit.listEvents({ userId: user.id, limit: 10 });
        expect(events.map(({ id: _id, ...event }) => event)).toEqual([
          { at: t0 + 3, event: 'login.failed', userId: user.id, ip: null, details: { reason: 'bad_password', attempts: 2, mfa: false, note: null } },
          { at: t0 + 2, event: 'login.succeeded', userId: user.id, ip: '198.51.100.1' },
          { at: t0 + 1, event: 'user.registered', userId: user.id, ip: '198.51.100.1' },
        ]);
        expect(new Set(events.map((event) => event.id)).size).toBe(3);
        for (const event of events) expect(typeof event.id).toBe('string');
      });

      it('limits the listing and lists events of all users (and none) without a user filter', async () => {
        const user = await createUser();
        const at = Date.UTC(2100, 0, 1); // later than any other test's events
        await store.audit.recordEvent({ at, event: 'login.throttled', userId: null, ip: '192.0.2.9', details: { scope: 'ip' } });
        await store.audit.recordEvent({ at: at + 1, event: 'session.revoked', userId: user.id, ip: null });
        const latest = await store.audit.listEvents({ limit: 2 });
        expect(latest.map((event) => event.event)).toEqual(['session.revoked', 'login.throttled']);
        expect(latest[1]).toMatchObject({ userId: null, details: { scope: 'ip' } });
        expect(await store.audit.listEvents({ userId: user.id, limit: 1 })).toHaveLength(1);
        expect(await store.audit.listEvents({ limit: 0 })).toEqual([]);
      });

      it('lists events of the same millisecond in reverse order of recording', async () => {
        const user = await createUser();
        for (const event of ['first', 'second', 'third']) {
          await store.audit.recordEvent({ at: t0, event, userId: user.id, ip: null });
        }
        const events = await store.audit.listEvents({ userId: user.id, limit: 10 });
        expect(events.map((event) => event.event)).toEqual(['third', 'second', 'first']);
      });

      it('rejects an invalid limit as a programming error', async () => {
        await expect(store.audit.listEvents({ limit: -1 })).rejects.toBeInstanceOf(TypeError);
        await expect(store.audit.listEvents({ limit: Number.NaN })).rejects.toBeInstanceOf(TypeError);
      });
    });

    describe('SQL injection', () => {
      const payloads = ["x' OR '1'='1", "'; DROP TABLE users; --", 'a"; DROP TABLE sessions; --', "\\'; SELECT 1; --"];

      it('stores and finds injection-shaped usernames literally, leaving the tables intact', async () => {
        const bystander = await createUser();
        const bystanderSession = newSession(bystander.id);
        await store.sessions.createSession(bystanderSession);

        for (const payload of payloads) {
          const result = await store.users.createUser(
            newUser({ username: payload, usernameKey: payload, email: `${payload}@example.test`, emailKey: `${payload}@example.test` }),
          );
          expect(result.ok).toBe(true);
          const found = await store.users.findUserByLogin(payload);
          expect(found?.username).toBe(payload);
          expect(found?.usernameKey).toBe(payload);
          expect((await store.users.findUserByLogin(`${payload}@example.test`))?.id).toBe(found?.id);
          // A second registration with the same payload is a plain conflict, not an error.
          expect(await store.users.createUser(newUser({ usernameKey: payload }))).toEqual({ ok: false, conflict: 'username' });
        }

        // A classic tautology that matches nothing literally must find nobody.
        expect(await store.users.findUserByLogin("' OR '1'='1")).toBeNull();
        expect(await store.users.findUserByLogin("' OR 1=1 --")).toBeNull();
        expect(await store.sessions.findSessionByTokenHash("' OR '1'='1")).toBeNull();
        expect(await store.sessions.revokeSession("' OR '1'='1", bystanderSession.id)).toBe(false);
        expect(await store.sessions.revokeSessions("' OR '1'='1")).toBe(0);

        // Tables survived: the bystander and their session are still there.
        expect(await store.users.findUserById(bystander.id)).toEqual(bystander);
        expect(await store.sessions.findSessionByTokenHash(bystanderSession.tokenHash)).toEqual(bystanderSession);
        expect(await store.ping()).toBe(true);
      });

      it('stores injection-shaped audit details and session fields literally', async () => {
        const user = await createUser();
        const session = newSession(user.id, { userAgent: "'); DELETE FROM sessions; --", ip: "1.2.3.4' OR '1'='1" });
        await store.sessions.createSession(session);
        expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toEqual(session);
        await store.audit.recordEvent({ at: t0, event: "x'); DROP TABLE audit_events; --", userId: user.id, ip: null, details: { q: "' OR '1'='1" } });
        const [event] = await store.audit.listEvents({ userId: user.id, limit: 1 });
        expect(event).toMatchObject({ event: "x'); DROP TABLE audit_events; --", details: { q: "' OR '1'='1" } });
      });
    });
  });
}
