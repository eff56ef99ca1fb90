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

type SessionDependencies = Pick<AccountDependencies, 'store' | 'clock' | 'config'>;
type Found = { session: SessionRecord; user: UserRecord };

/** What a found session needs before it signs anyone in. */
type Verdict = 'expired' | 'touch-due' | 'live';

function judge(deps: SessionDependencies, session: SessionRecord, now: number): Verdict {
  const { idleTimeoutMs, touchIntervalMs } = deps.config.session;
  if (isSessionExpired(session, now, idleTimeoutMs)) return 'expired';
  return now - session.lastSeenAt >= touchIntervalMs ? 'touch-due' : 'live';
}

function authenticated(deps: SessionDependencies, { user, session }: Found, now: number): AuthenticatedSession {
  return { user, session, passwordExpired: isPasswordExpired(user.passwordChangedAt, now, deps.config.passwordPolicy.maxAgeDays) };
}

/**
 * The hot path of every authenticated request: a synchronous SHA-256 and one indexed read (served
 * from memory by the SQLite store), nothing on the libuv thread pool. Expired sessions are deleted
 * when seen. lastSeenAt is written at most once per touch interval, not on every request.
 */
export async function authenticateSession(deps: SessionDependencies, token: string): Promise<AuthenticatedSession | null> {
  if (!isWellFormedSessionToken(token)) return null;
  const match = await deps.store.sessions.findSessionWithUser(hashSessionToken(token));
  if (match === null) return null;

  const now = deps.clock();
  switch (judge(deps, match.session, now)) {
    case 'expired':
      await deps.store.sessions.revokeSession(match.session.userId, match.session.id);
      return null;
    case 'touch-due':
      await deps.store.sessions.touchSession(match.session.id, now);
      return authenticated(deps, { user: match.user, session: { ...match.session, lastSeenAt: now } }, now);
    case 'live':
      return authenticated(deps, match, now);
  }
}

/**
 * The same answer without waiting, when the store holds the session in memory and nothing needs
 * writing (not expired, no touch due); otherwise undefined, and the caller asks
 * `authenticateSession`. Why: on SQLite nearly every session check is answered from memory, and
 * the promises of the waiting path cost about a tenth of such a check's CPU.
 */
export function authenticateSessionFromMemory(deps: SessionDependencies, token: string): AuthenticatedSession | undefined {
  const { sessions } = deps.store;
  if (sessions.peekSessionWithUser === undefined || !isWellFormedSessionToken(token)) return undefined;
  const match = sessions.peekSessionWithUser(hashSessionToken(token));
  if (match === undefined) return undefined;
  const now = deps.clock();
  return judge(deps, match.session, now) === 'live' ? authenticated(deps, match, now) : undefined;
}
