import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { openStore } from '../store/open-store.js';
import type { SessionRecord, Store } from '../store/types.js';
import { scheduleSessionHousekeeping } from './session-housekeeping.js';

const config = loadConfig({});
const now = 1_800_000_000_000;

async function until(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

describe('session housekeeping (scheduled by bulwark serve)', () => {
  let folder: string;
  let store: Store;
  const logged: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bulwark-sweep-'));
    store = await openStore(`sqlite:${join(folder, 's.db')}`);
    logged.length = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function sessionOf(userId: string, lastSeenAt: number, expiresAt: number): Promise<SessionRecord> {
    const session: SessionRecord = {
      id: randomBytes(16).toString('base64url'), tokenHash: randomBytes(32).toString('hex'), userId,
      createdAt: now - 1, lastSeenAt, expiresAt, ip: null, userAgent: null,
    };
    await store.sessions.createSession(session);
    return session;
  }

  it('deletes idle and past-lifetime sessions on its own, and leaves live ones', async () => {
    const created = await store.users.createUser({
      id: randomUUID(), username: 'sweep', usernameKey: 'sweep', email: 's@example.com', emailKey: 's@example.com', passwordHash: 'h', now,
    });
    if (!created.ok) throw new Error('setup');
    const userId = created.user.id;
    const live = await sessionOf(userId, now, now + 3_600_000);
    const idle = await sessionOf(userId, now - config.session.idleTimeoutMs, now + 3_600_000);
    const pastLifetime = await sessionOf(userId, now, now);
    const stop = scheduleSessionHousekeeping(store, config, logger, () => now, 20);
    try {
      const gone = async (s: SessionRecord) => (await store.sessions.findSessionByTokenHash(s.tokenHash)) === null;
      expect(await until(async () => (await gone(idle)) && (await gone(pastLifetime)))).toBe(true);
      expect(await gone(live)).toBe(false);
    } finally {
      stop();
    }
  });

  it('logs a failed sweep as a warning and keeps going', async () => {
    const stop = scheduleSessionHousekeeping(store, config, logger, () => now, 20);
    try {
      await store.close();
      expect(await until(async () => logged.length >= 2)).toBe(true);
      expect(logged.every((line) => line.includes('session housekeeping failed'))).toBe(true);
    } finally {
      stop();
    }
  });
});
