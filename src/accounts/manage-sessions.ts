import type { SessionRecord } from '../store/types.js';
import type { AccountDependencies } from './dependencies.js';
import { recordAudit } from './record-audit.js';

type SessionDependencies = Pick<AccountDependencies, 'store' | 'clock'>;

export async function listSessions(deps: SessionDependencies, userId: string): Promise<SessionRecord[]> {
  const sessions = await deps.store.sessions.listSessions(userId);
  return sessions.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/**
 * Revokes one of the user's own sessions. Another user's session id behaves exactly like an
 * unknown id (false), so ids cannot be probed.
 */
export async function revokeSession(deps: SessionDependencies, userId: string, sessionId: string, ip: string | null): Promise<boolean> {
  const revoked = await deps.store.sessions.revokeSession(userId, sessionId);
  if (revoked) await recordAudit(deps, { event: 'session.revoked', userId, ip });
  return revoked;
}

/** Logout: the session is gone server-side at once, whatever the browser keeps. */
export async function logOut(deps: SessionDependencies, session: SessionRecord, ip: string | null): Promise<void> {
  await deps.store.sessions.revokeSession(session.userId, session.id);
  await recordAudit(deps, { event: 'logout', userId: session.userId, ip });
}
