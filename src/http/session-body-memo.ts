import type { SessionRecord, UserRecord } from '../store/types.js';

/** A CSRF token is a base64url SHA-256: always 43 ASCII characters. */
const CSRF_TOKEN_LENGTH = 43;
const PLACEHOLDER = '#'.repeat(CSRF_TOKEN_LENGTH);
/** A JSON string value cannot hold an unescaped quote, so this matches the csrfToken member only. */
const MARKER = `"csrfToken":"${PLACEHOLDER}"`;
const VALUE_OFFSET = MARKER.indexOf(PLACEHOLDER);

interface Entry {
  user: UserRecord;
  passwordExpired: boolean;
  head: Buffer;
  tail: Buffer;
}

export interface SessionBodyParts {
  session: SessionRecord;
  user: UserRecord;
  passwordExpired: boolean;
}

/**
 * GET /session is the request every page of a client makes, so its body is built once per
 * session state instead of on every call: the SQLite store hands back the same frozen session
 * and user records until a write replaces them, and a touch or any change to the user yields new
 * records, so a record-keyed entry is never stale. The body is still produced by the route's
 * response-schema serializer (`render`); only its bytes are kept, without the CSRF token, which is
 * spliced in per request so that nothing derived from a session token is held in memory.
 * Entries live exactly as long as their records (a WeakMap), so nothing here needs evicting.
 */
export class SessionBodyMemo {
  readonly #entries = new WeakMap<SessionRecord, Entry>();

  body(parts: SessionBodyParts, csrfToken: string, render: (csrfPlaceholder: string) => string): Buffer {
    if (csrfToken.length !== CSRF_TOKEN_LENGTH) throw new TypeError('unexpected CSRF token length');
    let entry = this.#entries.get(parts.session);
    if (entry === undefined || entry.user !== parts.user || entry.passwordExpired !== parts.passwordExpired) {
      entry = this.#split(parts, render(PLACEHOLDER));
      this.#entries.set(parts.session, entry);
    }
    const body = Buffer.allocUnsafe(entry.head.length + CSRF_TOKEN_LENGTH + entry.tail.length);
    entry.head.copy(body, 0);
    body.write(csrfToken, entry.head.length, 'latin1');
    entry.tail.copy(body, entry.head.length + CSRF_TOKEN_LENGTH);
    return body;
  }

  #split(parts: SessionBodyParts, json: string): Entry {
    const at = json.indexOf(MARKER);
    if (at < 0) throw new TypeError('rendered session body has no csrfToken member');
    const valueStart = at + VALUE_OFFSET;
    return {
      user: parts.user,
      passwordExpired: parts.passwordExpired,
      head: Buffer.from(json.slice(0, valueStart)),
      tail: Buffer.from(json.slice(valueStart + CSRF_TOKEN_LENGTH)),
    };
  }
}
