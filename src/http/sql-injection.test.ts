import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCi, postgresUrl, vectorPath } from '../test-support/environment.js';
import { createPostgresTestApp, probePostgres } from '../test-support/postgres.js';
import { createTestApp, registerUser, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

/** Every line of the SQL-injection lists in ../shared/vectors/payloads. */
function loadPayloads(): string[] {
  const lines = new Set<string>();
  for (const folder of ['payloads/SecLists/sqli', 'payloads/PayloadsAllTheThings/sqli', 'payloads/SecLists/nosqli', 'payloads/PayloadsAllTheThings/nosqli']) {
    const dir = vectorPath(folder);
    if (dir === null) continue;
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/)) if (line.trim() !== '') lines.add(line);
    }
  }
  return [...lines];
}

const payloads = loadPayloads();
const postgresProblem = await probePostgres();
if (postgresProblem !== null && !inCi) console.warn(`SKIP: SQL injection on PostgreSQL: no PostgreSQL at ${postgresUrl} (${postgresProblem})`);

const databases = [
  { name: 'SQLite', create: createTestApp, skip: false },
  // In CI a missing PostgreSQL fails here (createPostgresTestApp cannot connect) rather than skipping.
  { name: 'PostgreSQL', create: createPostgresTestApp, skip: postgresProblem !== null && !inCi },
];

describe.each(databases.filter((database) => !database.skip && payloads.length > 0))(`SQL injection on $name: ${payloads.length} payloads through every field of register and login`, ({ create }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await create({ HASH_QUEUE_MAX: '100000' });
    expect((await registerUser(t.app, 'victim')).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('never answers 5xx, never logs anyone in without the right password, and leaves the tables intact', async () => {
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let victimLogins = 0;
    for (const [i, payload] of payloads.entries()) {
      const requests: { url: string; payload: Record<string, string> | string; headers?: Record<string, string>; rightPassword?: true }[] = [
        { url: '/login', payload: { username: payload, password: payload } },
        { url: '/login', payload: new URLSearchParams({ username: payload, password: payload }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        // The right password with a payload in the (not yet used) second factor: 200 is legitimate here.
        { url: '/login', payload: { username: 'victim', password: STRONG_PASSWORD, totp: payload }, rightPassword: true },
        { url: '/login', payload: { username: 'victim', password: payload } },
        { url: '/login', payload: { username: payload, password: STRONG_PASSWORD } },
        { url: '/register', payload: { username: payload, email: `p${i}@example.com`, password: STRONG_PASSWORD } },
        { url: '/register', payload: { username: `p${i}x`, email: payload, password: STRONG_PASSWORD } },
        { url: '/register', payload: { username: `q${i}x`, email: `q${i}@example.com`, password: payload } },
      ];
      // One client address per payload (198.18.0.0/15 is reserved for such tests): the throttles
      // would rightly stop one address long before the end, and the point here is the SQL.
      const remoteAddress = `198.18.${i >> 8}.${i & 255}`;
      const responses = await Promise.all(requests.map((r) => t.app.inject({ method: 'POST', remoteAddress, ...r })));
      for (const [j, response] of responses.entries()) {
        count(response.statusCode);
        if (response.statusCode >= 500) throw new Error(`5xx for payload ${JSON.stringify(payload)} on request ${j}: ${response.body}`);
        if (requests[j]?.url === '/login' && requests[j]?.rightPassword !== true) expect(response.statusCode, `login with ${JSON.stringify(payload)}`).not.toBe(200);
        if (requests[j]?.rightPassword === true && response.statusCode === 200) victimLogins += 1;
      }
    }
    // Every session the victim has came from a login with the right password: none was injected.
    const victimUser = await t.deps.store.users.findUserByLogin('victim');
    if (victimUser === null) throw new Error('the victim account is gone');
    expect(await t.deps.store.sessions.listSessions(victimUser.id)).toHaveLength(victimLogins);
    // The victim's account still works, exactly as before.
    const victim = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'victim', password: STRONG_PASSWORD } });
    expect(victim.statusCode).toBe(200);
    expect(await t.deps.store.ping()).toBe(true);
    const found = await t.deps.store.users.findUserByLogin('victim');
    expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  });
});
