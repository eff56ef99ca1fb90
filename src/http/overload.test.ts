import { afterEach, describe, expect, it } from 'vitest';
import { createLoggedApp, type LoggedApp } from '../test-support/logged-app.js';
import { createTestApp, registerUser, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

describe('password-hash queue full', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('answers 503 overloaded with Retry-After instead of queuing without limit, and does not count it as a failed guess', async () => {
    t = await createTestApp({ HASH_WORKERS: '1', HASH_QUEUE_MAX: '1' });
    expect((await registerUser(t.app, 'alice')).statusCode).toBe(201);
    const app = t.app;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: `wrong guess ${i}` }, remoteAddress: `192.0.2.${i + 1}` })),
    );
    const overloaded = responses.filter((r) => r.statusCode === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    for (const r of overloaded) {
      expect(r.json().error).toBe('overloaded');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(responses.every((r) => r.statusCode === 401 || r.statusCode === 503)).toBe(true);
    // The queue drains and service resumes.
    expect((await app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: STRONG_PASSWORD } })).statusCode).toBe(200);
  });
});

describe('sign-ups refused with 503', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('do not use up the client\'s hourly sign-up allowance (a client retrying as told keeps its hour)', async () => {
    const limit = 12;
    t = await createTestApp({ HASH_WORKERS: '1', HASH_QUEUE_MAX: '1', REGISTRATIONS_PER_IP_PER_HOUR: String(limit) });
    const app = t.app;
    const signUp = (name: string) =>
      app.inject({ method: 'POST', url: '/register', payload: { username: name, email: `${name}@example.com`, password: STRONG_PASSWORD }, remoteAddress: '192.0.2.77' });
    const burst = await Promise.all(Array.from({ length: limit }, (_, i) => signUp(`burst${i}`)));
    const refused = burst.filter((r) => r.statusCode === 503).length;
    expect(refused).toBeGreaterThan(0);
    expect(burst.every((r) => r.statusCode === 201 || r.statusCode === 503)).toBe(true);
    // Every 503 gave its point back: exactly that many more sign-ups fit in the hour, then 429.
    for (let i = 0; i < refused; i++) expect((await signUp(`later${i}`)).statusCode).toBe(201);
    expect((await signUp('one_too_many')).statusCode).toBe(429);
  });
});

describe('overload in the log', () => {
  let logged: LoggedApp | undefined;
  afterEach(async () => logged?.close());

  it('is one warning without a stack for a flood of 503s, not an error line each', async () => {
    logged = await createLoggedApp('info', { HASH_QUEUE_MAX: '1' });
    const app = logged.app;
    // Attack: a burst of logins meant to turn a full hash queue into a flood of error lines.
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.inject({ method: 'POST', url: '/login', payload: { username: `nobody${i}`, password: `wrong guess ${i}` }, remoteAddress: `192.0.2.${i + 1}` })),
    );
    expect(responses.filter((r) => r.statusCode === 503).length).toBeGreaterThan(5);
    const lines = logged.written().split('\n').filter((line) => line.includes('overloaded') || line.includes('OverloadedError'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40, refusals: 1, cause: 'the password-hash queue is full' });
    expect(logged.written()).not.toContain('"stack"');
  });
});
