import { isPasswordExpired } from '../passwords/index.js';
import type { SessionRecord, UserRecord } from '../store/types.js';
import type { AccountDependencies } from './dependencies.js';
import { isSessionExpired } from './is-session-expired.js';
import { hashSessionToken, isWellFormedSessionToken } from './session-token.js';

export interface AuthenticatedSession {
  user: UserRecord;
  session: SessionRecord;
  /** The password is older than PASSWORD_MAX_AGE_DAYS (never, by default). */
  passwordExpired: boolean;
}

/**
 * The hot path of every authenticated request: a synchronous SHA-256 and one indexed read (served
 * from memory by the SQLite store), nothing on the libuv thread pool. Expired sessions are deleted
 * when seen. lastSeenAt is written at most once per touch interval, not on every request.
 */
export async function authenticateSession(
  deps: Pick<AccountDependencies, 'store' | 'clock' | 'config'>,
  token: string,
): Promise<AuthenticatedSession | null> {
  if (!isWellFormedSessionToken(token)) return null;
  const match = await deps.store.sessions.findSessionWithUser(hashSessionToken(token));
  if (match === null) return null;
  const { session: found, user } = match;

  const now = deps.clock();
  const { idleTimeoutMs, touchIntervalMs } = deps.config.session;
  if (isSessionExpired(found, now, idleTimeoutMs)) {
    await deps.store.sessions.revokeSession(found.userId, found.id);
    return null;
  }

  let session = found;
  if (now - found.lastSeenAt >= touchIntervalMs) {
    await deps.store.sessions.touchSession(found.id, now);
    session = { ...found, lastSeenAt: now };
  }
  return { user, session, passwordExpired: isPasswordExpired(user.passwordChangedAt, now, deps.config.passwordPolicy.maxAgeDays) };
}
