import type { SessionRecord } from '../store/types.js';
import type { AccountDependencies, RequestOrigin } from './dependencies.js';
import { generateSessionId, generateSessionToken, hashSessionToken } from './session-token.js';

export interface IssuedSession {
  /** The raw token for the cookie; only its hash is stored. */
  token: string;
  session: SessionRecord;
}

const MAX_USER_AGENT_LENGTH = 256;

/** A brand-new session (new id and token), as on every login and password change. */
export async function createSession(
  deps: Pick<AccountDependencies, 'store' | 'clock' | 'config'>,
  userId: string,
  origin: RequestOrigin,
): Promise<IssuedSession> {
  const now = deps.clock();
  const token = generateSessionToken();
  const session: SessionRecord = {
    id: generateSessionId(),
    tokenHash: hashSessionToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + deps.config.session.absoluteTimeoutMs,
    ip: origin.ip,
    userAgent: origin.userAgent === null ? null : origin.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
  };
  await deps.store.sessions.createSession(session);
  return { token, session };
}
