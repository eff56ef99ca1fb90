import { describe, expect, it } from 'vitest';
import { deriveCsrfToken, generateSessionToken } from '../accounts/session-token.js';
import type { SessionRecord, UserRecord } from '../store/types.js';
import { SessionBodyMemo } from './session-body-memo.js';

const user: UserRecord = Object.freeze({
  id: 'u1', username: 'alice', usernameKey: 'alice', email: 'alice@example.com', emailKey: 'alice@example.com',
  passwordHash: '$argon2id$secret', passwordChangedAt: 0, createdAt: 0,
});

function sessionWith(userAgent: string): SessionRecord {
  return Object.freeze({ id: 's1', userId: 'u1', tokenHash: 'h', createdAt: 0, lastSeenAt: 0, expiresAt: 1, ip: '127.0.0.1', userAgent });
}

/** What the route renders: a stand-in for its schema serializer that counts calls. */
function renderer() {
  const calls: string[] = [];
  const render = (session: SessionRecord, passwordExpired: boolean) => (csrfToken: string) => {
    calls.push(csrfToken);
    return JSON.stringify({ user: { username: user.username }, session: { id: session.id, userAgent: session.userAgent }, csrfToken, passwordExpired });
  };
  return { calls, render };
}

describe('SessionBodyMemo', () => {
  it('renders once per session state and splices each request\'s own CSRF token in', () => {
    const memo = new SessionBodyMemo();
    const session = sessionWith('browser');
    const { calls, render } = renderer();
    const first = generateSessionToken();
    const second = generateSessionToken();
    const a = JSON.parse(memo.body({ session, user, passwordExpired: false }, deriveCsrfToken(first), render(session, false)).toString());
    const b = JSON.parse(memo.body({ session, user, passwordExpired: false }, deriveCsrfToken(second), render(session, false)).toString());
    expect(calls).toHaveLength(1);
    // The memo holds only a placeholder, never a token-derived value.
    expect(calls[0]).toMatch(/^#+$/);
    expect(a.csrfToken).toBe(deriveCsrfToken(first));
    expect(b.csrfToken).toBe(deriveCsrfToken(second));
    expect(b).toEqual({ ...a, csrfToken: deriveCsrfToken(second) });
  });

  it('renders again when the session record, the user record or password expiry changes', () => {
    const memo = new SessionBodyMemo();
    const session = sessionWith('browser');
    const { calls, render } = renderer();
    const csrf = deriveCsrfToken(generateSessionToken());
    memo.body({ session, user, passwordExpired: false }, csrf, render(session, false));
    const touched = Object.freeze({ ...session, lastSeenAt: 5 });
    memo.body({ session: touched, user, passwordExpired: false }, csrf, render(touched, false));
    memo.body({ session: touched, user: Object.freeze({ ...user, email: 'new@example.com' }), passwordExpired: false }, csrf, render(touched, false));
    const expired = JSON.parse(memo.body({ session: touched, user, passwordExpired: true }, csrf, render(touched, true)).toString());
    expect(calls).toHaveLength(4);
    expect(expired.passwordExpired).toBe(true);
  });

  it('is not fooled by a user agent that carries the csrfToken member as text (attacker-controlled input)', () => {
    const memo = new SessionBodyMemo();
    const hostile = `x","csrfToken":"${'#'.repeat(43)}","passwordExpired":true,"y":"`;
    const session = sessionWith(hostile);
    const { render } = renderer();
    const token = deriveCsrfToken(generateSessionToken());
    const body = JSON.parse(memo.body({ session, user, passwordExpired: false }, token, render(session, false)).toString());
    expect(body.session.userAgent).toBe(hostile);
    expect(body.csrfToken).toBe(token);
    expect(body.passwordExpired).toBe(false);
  });

  it('refuses a token that is not a derived CSRF token rather than corrupt the body', () => {
    const memo = new SessionBodyMemo();
    const session = sessionWith('browser');
    expect(() => memo.body({ session, user, passwordExpired: false }, 'short', renderer().render(session, false))).toThrow(TypeError);
  });
});
