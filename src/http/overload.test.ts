import { afterEach, describe, expect, it } from 'vitest';
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
