import type { SessionRecord } from '../store/types.js';
import { parseBody, sessionIdParam } from '../validation/index.js';
import type { AccountDependencies } from './dependencies.js';
import { isSessionExpired } from './is-session-expired.js';
import { recordAudit } from './record-audit.js';

type SessionDependencies = Pick<AccountDependencies, 'store' | 'clock'>;

/**
 * The user's usable sessions, most recently used first. Expired ones stay in the store until
 * the next sweep (or until their cookie is seen) but are not shown: they sign nobody in.
 */
export async function listSessions(deps: Pick<AccountDependencies, 'store' | 'clock' | 'config'>, userId: string): Promise<SessionRecord[]> {
  const now = deps.clock();
  const sessions = await deps.store.sessions.listSessions(userId);
  return sessions
    .filter((session) => !isSessionExpired(session, now, deps.config.session.idleTimeoutMs))
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/**
 * Revokes one of the user's own sessions. Another user's session id and a malformed one behave
 * exactly like an unknown id (false), so ids cannot be probed; a malformed one never reaches
 * the store.
 */
export async function revokeSession(deps: SessionDependencies, userId: string, sessionId: unknown, ip: string | null): Promise<boolean> {
  const parsed = parseBody(sessionIdParam, { id: sessionId });
  if (!parsed.ok) return false;
  const revoked = await deps.store.sessions.revokeSession(userId, parsed.value.id);
  if (revoked) await recordAudit(deps, { event: 'session.revoked', userId, ip });
  return revoked;
}

/** Logout: the session is gone server-side at once, whatever the browser keeps. */
export async function logOut(deps: SessionDependencies, session: SessionRecord, ip: string | null): Promise<void> {
  await deps.store.sessions.revokeSession(session.userId, session.id);
  await recordAudit(deps, { event: 'logout', userId: session.userId, ip });
}
