/**
 * REDIS_URL end to end: several app instances built from the same settings share their throttles
 * through the real Redis; a Redis that cannot be reached stops the start; one that goes away while
 * serving makes the throttles fail closed (503), and they recover when it returns.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { buildApp } from '../http/build-app.js';
import { openDatabase } from '../store/index.js';
import { inCi, postgresUrl, redisUrl } from '../test-support/environment.js';
import { probePostgres } from '../test-support/postgres.js';
import { deleteRedisKeys, probeRedis } from '../test-support/redis.js';
import { createTestApp, FAST_ARGON2, registerUser, signIn, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';
import { createDependencies } from './create-dependencies.js';
import { memoryIo } from '../test-support/memory-io.js';
import { main } from './main.js';

const redisProblem = await probeRedis();
const postgresProblem = await probePostgres();
if (inCi && (redisProblem !== null || postgresProblem !== null)) {
  describe('Redis and PostgreSQL availability (CI)', () => {
    it('reaches the test Redis and PostgreSQL', () => expect.fail(`required in CI but unreachable: Redis: ${redisProblem ?? 'ok'}; PostgreSQL: ${postgresProblem ?? 'ok'}`));
  });
} else {
  if (redisProblem !== null) console.warn(`SKIP: throttles shared through Redis: no Redis at ${redisUrl} (${redisProblem})`);
  if (postgresProblem !== null) console.warn(`SKIP: two instances on one PostgreSQL: no PostgreSQL at ${postgresUrl} (${postgresProblem})`);
}

/** This run's namespace: runs (and parallel CI jobs) never see each other's counters. */
const runPrefix = `bulwark-test:${randomUUID()}`;
afterAll(async () => {
  if (redisProblem === null) await deleteRedisKeys(runPrefix);
});

const WRONG_PASSWORD = 'not the right password at all';

function logIn(app: FastifyInstance, username: string, password: string) {
  return app.inject({ method: 'POST', url: '/login', payload: { username, password } });
}

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port with nothing listening on it (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

/**
 * A TCP relay in front of the real Redis, so one test can make "its" Redis go away (cut), come
 * back on the same address (restore), or stop answering while keeping the connection (stall).
 */
async function startRedisRelay() {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let stalled = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname.replace(/^\[(.*)\]$/, '$1'));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => stalled || upstream.write(chunk));
    upstream.on('data', (chunk) => stalled || client.write(chunk));
  });
  const port = await listen(server);
  return {
    port,
    async cut() {
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
    },
    async restore() {
      stalled = false;
      await listen(server, port);
    },
    stall() {
      stalled = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await closeServer(server);
    },
  };
}

async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('bulwark serve with an unreachable REDIS_URL', () => {
  it('refuses to start, in one line that names the Redis but never its password', async () => {
    const port = await closedPort();
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-redis-'));
    try {
      const { io, out, err } = memoryIo({ REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, LOG_LEVEL: 'silent' });
      const started = Date.now();
      expect(await main(['serve'], io)).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      const message = err.join('');
      expect(message.startsWith(`bulwark: Redis at redis://127.0.0.1:${port} (REDIS_URL) is not reachable: connect ECONNREFUSED `)).toBe(true);
      expect(message).toMatch(/unset REDIS_URL to keep throttles in memory \(one instance only\)\.\n$/);
      expect(message.split('\n')).toHaveLength(2);
      expect(message + out.join('')).not.toContain('hunter2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up on a Redis that accepts the connection but never answers', async () => {
    const silent = createServer(() => {});
    const port = await listen(silent);
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-redis-'));
    try {
      const { io, err } = memoryIo({ REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, LOG_LEVEL: 'silent' });
      const started = Date.now();
      expect(await main(['serve'], io)).toBe(1);
      expect(Date.now() - started).toBeLessThan(8_000);
      // ioredis' own ready check times out first (1 s command timeout), or else the 5 s start limit does.
      expect(err.join('')).toMatch(/^bulwark: Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\) is not reachable: (Command timed out|no answer within 5 s)\./);
    } finally {
      silent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 78 for a REDIS_URL that is not a Redis URL', async () => {
    const { io, err } = memoryIo({ REDIS_URL: 'http://:hunter2@127.0.0.1:6379' });
    expect(await main(['serve'], io)).toBe(78);
    expect(err.join('')).toContain('REDIS_URL must be a redis:// or rediss:// (TLS) URL');
    expect(err.join('')).not.toContain('hunter2');
  });
});

describe.skipIf(redisProblem !== null)('throttles shared through Redis (REDIS_URL)', () => {
  it('a sign-up limit reached through one instance holds on the other', async () => {
    const settings = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${runPrefix}:${randomUUID()}`, REGISTRATIONS_PER_IP_PER_HOUR: '2' };
    const a = await createTestApp(settings);
    const b = await createTestApp(settings);
    try {
      expect((await registerUser(a.app, 'first')).statusCode).toBe(201);
      expect((await registerUser(b.app, 'second')).statusCode).toBe(201);
      const refused = await registerUser(a.app, 'third');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: 'too_many_attempts' });
      expect((await registerUser(b.app, 'fourth')).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start on a database number Redis does not have, instead of counting in database 0', async () => {
    const url = new URL(redisUrl);
    url.pathname = '/9999';
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-redis-'));
    try {
      const { io, err } = memoryIo({ REDIS_URL: url.href, DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, LOG_LEVEL: 'silent' });
      expect(await main(['serve'], io)).toBe(1);
      expect(err.join('')).toMatch(/^bulwark: Redis at redis:\/\/[^ ]+\/9999 \(REDIS_URL\) has no database 9999: .*fix REDIS_URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without REDIS_URL each instance counts alone: the gap that REDIS_URL closes', async () => {
    const settings = { REGISTRATIONS_PER_IP_PER_HOUR: '2' };
    const a = await createTestApp(settings);
    const b = await createTestApp(settings);
    try {
      // Two sign-ups per instance: twice the configured limit for the same client.
      for (const [app, name] of [[a, 'one'], [a, 'two'], [b, 'three'], [b, 'four']] as const) {
        expect((await registerUser(app.app, name)).statusCode, name).toBe(201);
      }
      expect((await registerUser(a.app, 'five')).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('instances with different REDIS_KEY_PREFIX values do not see each other’s counters', async () => {
    const a = await createTestApp({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${runPrefix}:${randomUUID()}`, REGISTRATIONS_PER_IP_PER_HOUR: '1' });
    const b = await createTestApp({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${runPrefix}:${randomUUID()}`, REGISTRATIONS_PER_IP_PER_HOUR: '1' });
    try {
      expect((await registerUser(a.app, 'tenant-a')).statusCode).toBe(201);
      expect((await registerUser(b.app, 'tenant-b')).statusCode).toBe(201);
      expect((await registerUser(a.app, 'tenant-a2')).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** The deployment REDIS_URL exists for: several instances on one PostgreSQL and one Redis. */
describe.skipIf(redisProblem !== null || postgresProblem !== null)('two instances on one PostgreSQL and one Redis', () => {
  const schema = `bulwark_shared_${randomBytes(6).toString('hex')}`;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const { db } = await openDatabase(postgresUrl, { postgresSchema: schema });
    await db.destroy();
    const databaseUrl = new URL(postgresUrl);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    const settings = { DATABASE_URL: databaseUrl.toString(), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${runPrefix}:${randomUUID()}` };
    a = await createTestApp(settings);
    b = await createTestApp(settings);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    const { db } = await openDatabase(postgresUrl);
    await db.schema.dropSchema(schema).ifExists().cascade().execute();
    await db.destroy();
  });

  it('5 wrong passwords through instance A block the 6th attempt through instance B, even with the right password', async () => {
    expect((await registerUser(a.app, 'victim')).statusCode).toBe(201);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await logIn(a.app, 'victim', WRONG_PASSWORD)).statusCode, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await logIn(b.app, 'victim', STRONG_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'too_many_attempts' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The block placed through B holds through A too.
    expect((await logIn(a.app, 'victim', STRONG_PASSWORD)).statusCode).toBe(429);
  });

  it('a success through one instance resets the count the other one sees', async () => {
    expect((await registerUser(a.app, 'forgetful')).statusCode).toBe(201);
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await logIn(a.app, 'forgetful', WRONG_PASSWORD)).statusCode).toBe(401);
    await signIn(b.app, 'forgetful');
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await logIn(b.app, 'forgetful', WRONG_PASSWORD)).statusCode).toBe(401);
    expect((await logIn(a.app, 'forgetful', STRONG_PASSWORD)).statusCode).toBe(429);
  });
});

describe.skipIf(redisProblem !== null)('when Redis goes away while serving', () => {
  it('fails closed with 503 and Retry-After, keeps signed-in sessions, logs without the password, and recovers', async () => {
    const relay = await startRedisRelay();
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-redis-'));
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const config = {
      ...loadConfig({
        HASH_WORKERS: '1',
        DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
        // Redis here needs no password; it is given so the test can check it never leaks.
        REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${relay.port}`,
        REDIS_KEY_PREFIX: `${runPrefix}:${randomUUID()}`,
      }),
      argon2: FAST_ARGON2,
    };
    const deps = await createDependencies(config, { logger });
    const app = await buildApp(config, deps, { logger });
    try {
      await app.ready();
      expect((await registerUser(app, 'alice')).statusCode).toBe(201);
      const signedIn = await signIn(app, 'alice');

      await relay.cut();
      let started = Date.now();
      const refused = await logIn(app, 'alice', WRONG_PASSWORD);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ error: 'overloaded' });
      expect(refused.headers['retry-after']).toBe('5');
      // Nothing is counted elsewhere meanwhile: the right password does not get through either.
      expect((await logIn(app, 'alice', STRONG_PASSWORD)).statusCode).toBe(503);
      expect((await registerUser(app, 'bob')).statusCode).toBe(503);
      const session = await app.inject({ method: 'GET', url: '/session', headers: { cookie: signedIn.cookie } });
      expect(session.statusCode).toBe(200);

      await relay.restore();
      const back = await eventually(() => logIn(app, 'alice', STRONG_PASSWORD), (response) => response.statusCode === 200, 10_000);
      expect(back.statusCode).toBe(200);

      // A Redis that keeps the connection but stops answering: each command gives up after 1 s.
      relay.stall();
      started = Date.now();
      expect((await logIn(app, 'alice', WRONG_PASSWORD)).statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await app.close();
      await deps.close();
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const log = lines.join('');
    expect(log).not.toContain('hunter2');
    expect(lines.filter((line) => line.includes('throttle store (Redis) unreachable'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('throttle store (Redis) reachable again'))).toHaveLength(1);
    // The 503s are logged with their cause for the operator.
    expect(log).toContain('throttle store (Redis) failed');
  });
});
