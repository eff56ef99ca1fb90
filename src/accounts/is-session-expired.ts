import type { SessionRecord } from '../store/types.js';

/** Past its absolute lifetime, or idle for the idle timeout: the session no longer signs anyone in. */
export function isSessionExpired(session: Pick<SessionRecord, 'expiresAt' | 'lastSeenAt'>, now: number, idleTimeoutMs: number): boolean {
  return now >= session.expiresAt || now >= session.lastSeenAt + idleTimeoutMs;
}
