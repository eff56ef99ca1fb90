import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoggedApp, type LoggedApp } from '../../test-support/logged-app.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createFrameworkErrorHandler } from './framework-errors.js';

const BAD_URL_MESSAGE = 'The address is not valid: each % in it must be followed by two hexadecimal digits that encode UTF-8 text.';
const FRAMEWORK_TEXT = /FST_|fastify|statusCode/i;
const LONG_ID = 'a'.repeat(200);

/** What every answer must carry, whoever produced it. */
function expectOurHeaders(headers: IncomingHttpHeaders | Record<string, unknown>, requestId: unknown): void {
  expect(headers['content-type']).toMatch(/^application\/json/);
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers['x-request-id']).toBe(requestId);
}

describe('requests the router refuses before any route or hook', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it.each([
    { method: 'GET' as const, url: '/%', echo: '/%' },
    { method: 'GET' as const, url: '/%zz', echo: '%zz' },
    { method: 'DELETE' as const, url: '/sessions/%E0%A4%A', echo: 'sessions' },
    { method: 'GET' as const, url: '/%FF', echo: '%FF' },
  ])('answers $method $url with 400 bad_url in our shape and headers, without the path', async ({ method, url, echo }) => {
    t = await createTestApp();
    const response = await t.app.inject({ method, url });
    expect(response.statusCode).toBe(400);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
    expect(body.error).toBe('bad_url');
    expect(body.message).toBe(BAD_URL_MESSAGE);
    expect(response.body).not.toMatch(FRAMEWORK_TEXT);
    expect(response.body).not.toContain(url);
    expect(response.body).not.toContain(echo);
    expectOurHeaders(response.headers, body.requestId);
  });

  it('answers a 200-character session id with the generic 404, not a 414 that echoes the path', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'DELETE', url: `/sessions/${LONG_ID}` });
    expect(response.statusCode).toBe(404);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
    expect(body.error).toBe('not_found');
    const unknownAddress = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(body.message).toBe(unknownAddress.json<Record<string, unknown>>().message);
    expect(response.body).not.toMatch(FRAMEWORK_TEXT);
    expect(response.body).not.toContain('aaaa');
    expect(response.body).not.toContain('sessions');
    expectOurHeaders(response.headers, body.requestId);
  });

  it('lets a session id of exactly maxParamLength (128) through to the route and its guards', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'DELETE', url: `/sessions/${'a'.repeat(128)}` });
    expect(response.statusCode).not.toBe(404);
    expect(['csrf', 'unauthenticated']).toContain(response.json<Record<string, unknown>>().error);
  });

  it('sends HSTS on these answers when the public URL is https, and not over plain HTTP otherwise', async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
    for (const url of ['/%', `/sessions/${LONG_ID}`]) {
      const response = await t.app.inject({ method: 'DELETE', url });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
    await t.close();
    t = await createTestApp();
    const plain = await t.app.inject({ method: 'GET', url: '/%' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers a raw % over a real socket the same way (no client library normalizes the path there)', async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const { status, headers, text } = await new Promise<{ status: number | undefined; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'GET', path: '/%' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
    expect(body.error).toBe('bad_url');
    expect(text).not.toMatch(FRAMEWORK_TEXT);
    expect(text).not.toContain('/%');
    expectOurHeaders(headers, body.requestId);
    expect(headers.server).toBeUndefined();
    expect(headers['x-powered-by']).toBeUndefined();
  });
});

describe('logging of router refusals', () => {
  let logged: LoggedApp | undefined;
  afterEach(async () => {
    await logged?.close();
    logged = undefined;
  });

  it('logs the refusal by its code, without the path', async () => {
    logged = await createLoggedApp('info');
    await logged.app.inject({ method: 'GET', url: '/reset/secret-token-1234%zz' });
    await logged.app.inject({ method: 'DELETE', url: `/sessions/secret-token-5678${LONG_ID}` });
    await logged.app.close();
    const written = logged.written();
    expect(written).toContain('FST_ERR_BAD_URL');
    expect(written).toContain('FST_ERR_MAX_PARAM_LENGTH');
    expect(written).not.toContain('secret-token');
  });
});

describe('an async constraint that fails (no Bulwark route has one)', () => {
  it('becomes the generic 500 internal_error with our headers', async () => {
    const tenant = {
      name: 'tenant',
      storage() {
        const handlers = new Map<unknown, unknown>();
        return { get: (value: unknown) => handlers.get(value) ?? null, set: (value: unknown, store: unknown) => void handlers.set(value, store) };
      },
      // Three parameters make the constraint asynchronous; this one fails the way a lookup could.
      deriveConstraint: (_req: unknown, _ctx: unknown, done: (error: Error | null, value?: unknown) => void) => done(new Error('tenant lookup failed at db.internal:5432')),
      validate() {},
      mustMatchWhenDerived: true,
    };
    const app = Fastify({
      genReqId: () => randomUUID(),
      frameworkErrors: createFrameworkErrorHandler({ publicUrl: null }),
      // find-my-way's types describe synchronous constraints only.
      routerOptions: { constraints: { tenant } } as unknown as FastifyServerOptions['routerOptions'],
    });
    app.get('/t', { constraints: { tenant: 'x' } }, async () => ({ ok: true }));
    try {
      const response = await app.inject({ method: 'GET', url: '/t' });
      expect(response.statusCode).toBe(500);
      const body = response.json<Record<string, unknown>>();
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
      expect(body.error).toBe('internal_error');
      expect(body.message).toBe('Something went wrong on our side. Quote the request id if you report it.');
      expect(response.body).not.toMatch(FRAMEWORK_TEXT);
      expect(response.body).not.toContain('db.internal');
      expectOurHeaders(response.headers, body.requestId);
    } finally {
      await app.close();
    }
  });
});
