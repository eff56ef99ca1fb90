import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

describe('security headers', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('are on every response, including 404s and errors, with no server banner', async () => {
    t = await createTestApp();
    for (const request of [
      { method: 'GET' as const, url: '/healthz' },
      { method: 'GET' as const, url: '/no/such/page' },
      { method: 'POST' as const, url: '/login', payload: { username: 'x', password: 'y' } },
    ]) {
      const response = await t.app.inject(request);
      const h = response.headers;
      expect(h['content-security-policy']).toContain("default-src 'none'");
      expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['permissions-policy']).toContain('camera=()');
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['cache-control']).toBe('no-store');
      expect(h['x-powered-by']).toBeUndefined();
      expect(h.server).toBeUndefined();
      expect(h['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // Plain HTTP: no HSTS (it would be ignored, and it would pin localhost during development).
      expect(h['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS behind a trusted proxy that says https, and ignores the same claim from anyone else', async () => {
    t = await createTestApp({ TRUSTED_PROXIES: '10.0.0.1' });
    const viaProxy = await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' } });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const spoofed = await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '203.0.113.66', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks the session cookie Secure with the __Host- prefix when the public URL is https', async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
    await t.app.inject({ method: 'POST', url: '/register', payload: { username: 'alice', email: 'a@example.com', password: 'correct horse battery staple 42' } });
    const response = await t.app.inject({ method: 'POST', url: '/login', payload: { username: 'alice', password: 'correct horse battery staple 42' } });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-bulwark_session=/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});
