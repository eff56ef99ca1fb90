import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { openStore } from '../store/open-store.js';
import type { SessionRecord, Store } from '../store/types.js';
import { authenticateSession, authenticateSessionFromMemory } from './authenticate-session.js';
import { generateSessionId, generateSessionToken, hashSessionToken } from './session-token.js';

const start = 1_800_000_000_000;
const config = loadConfig({});
const { idleTimeoutMs, touchIntervalMs } = config.session;

/**
 * The answer from memory (SQLite) must never differ from the waiting path's: a session that is
 * revoked, expired or due a touch is left to the path that writes.
 */
describe('authenticating a session from memory', () => {
  let folder: string;
  let store: Store;
  let now: number;
  let deps: Parameters<typeof authenticateSession>[0];
  let token: string;
  let session: SessionRecord;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bulwark-auth-'));
    store = await openStore(`sqlite:${join(folder, 'a.db')}`);
    now = start;
    deps = { store, clock: () => now, config };
    const created = await store.users.createUser({
      id: randomUUID(), username: 'memo', usernameKey: 'memo', email: 'm@example.com', emailKey: 'm@example.com', passwordHash: 'h', now,
    });
    if (!created.ok) throw new Error('setup');
    token = generateSessionToken();
    session = {
      id: generateSessionId(), tokenHash: hashSessionToken(token), userId: created.user.id,
      createdAt: now, lastSeenAt: now, expiresAt: now + config.session.absoluteTimeoutMs, ip: null, userAgent: null,
    };
    await store.sessions.createSession(session);
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the waiting path\'s answer for a live session once the store holds it', async () => {
    expect(authenticateSessionFromMemory(deps, token)).toBeUndefined(); // not read yet
    const waited = await authenticateSession(deps, token);
    expect(waited?.session.id).toBe(session.id);
    expect(authenticateSessionFromMemory(deps, token)).toEqual(waited);
  });

  it('does not accept a revoked session (a logged-out cookie replayed)', async () => {
    await authenticateSession(deps, token);
    expect(await store.sessions.revokeSession(session.userId, session.id)).toBe(true);
    expect(authenticateSessionFromMemory(deps, token)).toBeUndefined();
    expect(await authenticateSession(deps, token)).toBeNull();
  });

  it('does not accept a session past its idle timeout (a stolen cookie used later), and the waiting path deletes it', async () => {
    await authenticateSession(deps, token);
    now += idleTimeoutMs;
    expect(authenticateSessionFromMemory(deps, token)).toBeUndefined();
    expect(await authenticateSession(deps, token)).toBeNull();
    expect(await store.sessions.findSessionByTokenHash(session.tokenHash)).toBeNull();
  });

  it('does not accept a session past its absolute lifetime, however recently it was used', async () => {
    // Used every touch interval, and last 10 s before the end: at the end no touch is due and
    // the session is far from idle, so only the absolute lifetime can refuse it.
    for (now = start; now <= session.expiresAt - 10_000 - touchIntervalMs; now += touchIntervalMs) await authenticateSession(deps, token);
    now = session.expiresAt - 10_000;
    expect((await authenticateSession(deps, token))?.session.lastSeenAt).toBe(now);
    expect(authenticateSessionFromMemory(deps, token)).toBeDefined();
    now = session.expiresAt;
    expect(authenticateSessionFromMemory(deps, token)).toBeUndefined();
    expect(await authenticateSession(deps, token)).toBeNull();
  });

  it('leaves a due touch to the waiting path, so the idle timeout keeps moving', async () => {
    await authenticateSession(deps, token);
    now += touchIntervalMs;
    expect(authenticateSessionFromMemory(deps, token)).toBeUndefined();
    expect((await authenticateSession(deps, token))?.session.lastSeenAt).toBe(now);
    expect((await store.sessions.findSessionByTokenHash(session.tokenHash))?.lastSeenAt).toBe(now);
    expect(authenticateSessionFromMemory(deps, token)?.session.lastSeenAt).toBe(now);
  });

  it('refuses a malformed or unknown token without reading anything', async () => {
    await authenticateSession(deps, token);
    expect(authenticateSessionFromMemory(deps, `${token}x`)).toBeUndefined();
    expect(authenticateSessionFromMemory(deps, generateSessionToken())).toBeUndefined();
  });

  it('answers nothing for a store that keeps no sessions in memory (PostgreSQL)', async () => {
    await authenticateSession(deps, token);
    const { peekSessionWithUser: _unused, ...withoutMemory } = store.sessions;
    expect(authenticateSessionFromMemory({ ...deps, store: { ...store, sessions: withoutMemory } }, token)).toBeUndefined();
  });
});
