import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, sessionCookieOf, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

const NEW_PASSWORD = 'a whole new passphrase for 2027';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8');

/**
 * The database thief of SECURITY.md: a copy of the database (a backup, or rows read through an
 * injection elsewhere) and nothing else. The copy is taken the way a thief would, from the file
 * bytes: the running server holds the SQLite file's lock, so nothing in this process can open it.
 */
interface StolenCopy {
  /** The file and its write-ahead log, concatenated: every byte the thief holds. */
  bytes: Buffer;
  sessionRows: { id: string; token_hash: string; user_id: string }[];
}

function stealDatabase(t: TestApp): StolenCopy {
  const file = t.config.databaseUrl.replace(/^sqlite:/, '');
  const loot = mkdtempSync(join(tmpdir(), 'bulwark-stolen-'));
  try {
    const copy = join(loot, 'stolen.db');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const bytes = Buffer.concat([readFileSync(copy), existsSync(`${copy}-wal`) ? readFileSync(`${copy}-wal`) : Buffer.alloc(0)]);
    const db = new SqliteDatabase(copy);
    try {
      const sessionRows = db.prepare('select id, token_hash, user_id from sessions').all() as StolenCopy['sessionRows'];
      return { bytes, sessionRows };
    } finally {
      db.close();
    }
  } finally {
    rmSync(loot, { recursive: true, force: true });
  }
}

describe('a stolen database gives no way in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
  });
  afterEach(async () => t.close());

  const signInAlice = async () => {
    const response = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = sessionCookieOf(response);
    const [name, token] = cookie.split('=') as [string, string];
    return { name, token, cookie, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
  };
  const sessionWith = (cookie: string) => t.app.inject({ method: 'GET', url: '/session', headers: { cookie } });
  /** The thief's copy of the victim's session row, found by its public id (not by the token). */
  const stealSessionRow = async (cookie: string) => {
    const id = (await sessionWith(cookie)).json<{ session: { id: string } }>().session.id;
    const stolen = stealDatabase(t);
    const row = stolen.sessionRows.find((r) => r.id === id);
    if (row === undefined) throw new Error('the victim\'s session row is not in the copy');
    return { row, stolen };
  };

  it('stores only the SHA-256 of the session token, never the token or the CSRF token', async () => {
    const victim = await signInAlice();
    expect(victim.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { row, stolen } = await stealSessionRow(victim.cookie);
    expect(stolen.sessionRows).toHaveLength(1);
    const stored = row.token_hash;
    expect(stored).not.toBe(victim.token);
    // The hash of the token as the cookie carries it (its base64url text), in hex.
    expect(stored).toBe(sha256(victim.token).digest('hex'));
    // Nowhere in the file or its log: not in another column, not in a freed page.
    for (const secret of [victim.token, victim.csrfToken]) expect(stolen.bytes.includes(Buffer.from(secret, 'latin1'))).toBe(false);
  });

  it('does not accept what the database holds as a session cookie', async () => {
    const victim = await signInAlice();
    const stored = (await stealSessionRow(victim.cookie)).row.token_hash;
    // The attack: replay the stored value as the cookie, as hex and re-encoded to the token's own form.
    const forgeries = [stored, Buffer.from(stored, 'hex').toString('base64url'), Buffer.from(stored, 'hex').toString('base64')];
    for (const forged of forgeries) {
      const response = await sessionWith(`${victim.name}=${forged}`);
      expect(response.statusCode, forged).toBe(401);
      expect(response.json().error).toBe('unauthenticated');
    }
    // The base64url form has the shape of a real token, so it was looked up, not refused on sight.
    expect(forgeries[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The victim's own cookie still works: the 401s are about the forged values.
    expect((await sessionWith(victim.cookie)).statusCode).toBe(200);
  });

  it('does not let a CSRF token computed from the database ride the victim\'s cookie; the real one works', async () => {
    const unsafe = {
      'POST /logout': { send: (cookie: string, csrf: string) => t.app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrf } }), done: 204 },
      'POST /change-password': {
        send: (cookie: string, csrf: string) => t.app.inject({
          method: 'POST', url: '/change-password', headers: { cookie, 'x-csrf-token': csrf },
          payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
        }),
        done: 200,
      },
    };
    for (const [route, { send, done }] of Object.entries(unsafe)) {
      const victim = await signInAlice();
      const stored = (await stealSessionRow(victim.cookie)).row.token_hash;
      expect(stored).toBe(sha256(victim.token).digest('hex'));
      const storedBytes = Buffer.from(stored, 'hex');
      // The attack: the thief's page makes the victim's browser post with its cookie, and supplies
      // a CSRF token derived from the stored hash in each way that would pass were the token
      // derived from what the database holds.
      const candidates = [
        storedBytes.toString('base64url'),
        stored,
        sha256(stored).digest('base64url'),
        createHash('sha256').update(storedBytes).digest('base64url'),
        sha256(`bulwark/csrf/v1:${stored}`).digest('base64url'),
        sha256(`bulwark/csrf/v1:${storedBytes.toString('base64url')}`).digest('base64url'),
      ];
      for (const candidate of candidates) {
        const response = await send(victim.cookie, candidate);
        expect(response.statusCode, `${route} with ${candidate}`).toBe(403);
        expect(response.json().error).toBe('csrf');
      }
      // Nothing was done: the session lives and the password is unchanged.
      expect((await sessionWith(victim.cookie)).statusCode, route).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode, route).toBe(200);
      // The real token from the login response works on the same request.
      expect((await send(victim.cookie, victim.csrfToken)).statusCode, route).toBe(done);
      expect((await sessionWith(victim.cookie)).statusCode, route).toBe(401);
    }
  });
});
