import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

describe('GET /healthz', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('answers 200 {"status":"ok"} and nothing more while the database answers', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 in the error shape with the request id, and nothing about the database, once the store is closed', async () => {
    t = await createTestApp();
    await t.deps.store.close();
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId', 'status']);
    expect(body).toMatchObject({ status: 'unavailable', error: 'unavailable' });
    expect(String(body.message)).toContain('Try again');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toMatch(/sqlite|SQL|destroyed|kysely|fastify|stack/i);
  });
});
