import type { SessionRecord, UserRecord } from '../store/types.js';

/** What a client may see of a user: an allowlist, never the hash. */
export interface PublicUser {
  id: string;
  username: string;
  email: string;
  createdAt: string;
}

export interface PublicSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username, email: user.email, createdAt: new Date(user.createdAt).toISOString() };
}

export function toPublicSession(session: SessionRecord, idleTimeoutMs: number, currentId: string | null): PublicSession {
  return {
    id: session.id,
    createdAt: new Date(session.createdAt).toISOString(),
    lastSeenAt: new Date(session.lastSeenAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    idleExpiresAt: new Date(Math.min(session.lastSeenAt + idleTimeoutMs, session.expiresAt)).toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}
