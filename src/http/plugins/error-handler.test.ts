import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const LEAKS = /sqlite|SQL|select |insert |stack|at \w+ \(|node_modules|fastify|kysely|better-sqlite3|\.ts:\d+/i;

describe('error responses', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('404 is generic and carries a request id', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/admin/../../etc/passwd' });
    expect(response.statusCode).toBe(404);
    const body = response.json();
    expect(body.error).toBe('not_found');
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(response.body).not.toMatch(LEAKS);
  });

  it('a request no route takes is a 404, even when Fastify finds fault with its body first (QUERY without Content-Type)', async () => {
    t = await createTestApp();
    const responses = [
      await t.app.inject({ method: 'QUERY', url: '/session' }),
      await t.app.inject({ method: 'QUERY', url: '/no-such-thing' }),
      await t.app.inject({ method: 'POST', url: '/no-such-thing', headers: { 'content-type': 'text/plain' }, payload: 'x' }),
      await t.app.inject({ method: 'POST', url: '/no-such-thing', headers: { 'content-type': 'application/json' }, payload: '{broken' }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found', message: 'There is nothing at this address.' });
      expect(response.body).not.toMatch(LEAKS);
    }
  });

  it('a database failure becomes a generic 500 (or 503 for health) with no SQL, driver or stack in it', async () => {
    t = await createTestApp();
    await t.deps.store.close();
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    const login = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: 'whatever password' } });
    expect(login.statusCode).toBe(500);
    expect(login.json().error).toBe('internal_error');
    expect(login.json().requestId).toBeDefined();
    expect(login.body).not.toMatch(LEAKS);
  });

  it('ignores a client-supplied request id', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(response.json().requestId).not.toContain('script');
  });
});
