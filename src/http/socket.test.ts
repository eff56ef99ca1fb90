import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../test-support/test-app.js';

/** The same flow over a real TCP socket, as a browser or a script would see it. */
describe('over a real socket', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t.close());

  const json = { 'content-type': 'application/json' };

  it('registers, logs in, reads the session, logs out', async () => {
    const register = await fetch(`${base}/register`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'sockuser', email: 'sock@example.com', password: STRONG_PASSWORD }) });
    expect(register.status).toBe(201);

    const login = await fetch(`${base}/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'sockuser', password: STRONG_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const session = await fetch(`${base}/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.headers.get('server')).toBeNull();
    expect(session.headers.get('x-powered-by')).toBeNull();

    const logout = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${base}/session`, { headers: { cookie } })).status).toBe(401);
  });

  it('answers a malformed request line-level body with a clean 4xx, not a crash', async () => {
    const response = await fetch(`${base}/login`, { method: 'POST', headers: json, body: '{"username": "a", "password": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_body' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('requests that never reach a route', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  async function rawExchange(request: string): Promise<string> {
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers oversized headers with 431 in the usual error shape and headers, not the framework\'s', async () => {
    const answer = await rawExchange(`GET /session HTTP/1.1\r\nHost: x\r\nCookie: bulwark_session=${'A'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/content-security-policy: default-src 'none'/i);
    expect(answer).toMatch(/cache-control: no-store/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, string>;
    expect(body.error).toBe('headers_too_large');
    expect(body.requestId).toBeDefined();
    expect(answer).toContain(`x-request-id: ${body.requestId}\r\n`);
    expect(answer).not.toMatch(/statusCode|Fastify/i);
  });

  it('answers malformed HTTP with 400 bad_request', async () => {
    const answer = await rawExchange('GARBAGE / NOT-HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error":"bad_request"');
  });

  /** Status, headers (lower-cased names) and JSON body of one raw HTTP answer. */
  function parseAnswer(answer: string): { status: number; headers: Map<string, string>; body: Record<string, string> } {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, string> };
  }

  function expectOurAnswer(answer: string, status: number, error: string): void {
    const parsed = parseAnswer(answer);
    expect(parsed.status).toBe(status);
    expect(parsed.body.error).toBe(error);
    expect(parsed.body.message?.length).toBeGreaterThan(10);
    expect(parsed.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(parsed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(parsed.headers.get('cache-control')).toBe('no-store');
    expect(parsed.headers.get('x-request-id')).toBe(parsed.body.requestId);
  }

  it('gives a stalled request 30 s in all, headers included (Node would wait 60 s once the headers are in)', () => {
    // A real stall takes 30 s to show, so this reads the deadlines Node enforces; checked by hand:
    // a body stalled after its headers got 408 after 30.0 s (60.1 s before).
    expect(t.app.server.requestTimeout).toBe(30_000);
    expect(t.app.server.headersTimeout).toBe(30_000);
  });

  it('answers an HTTP/1.1 request without Host with 400 in our shape and headers, not Node\'s bare 400', async () => {
    expectOurAnswer(await rawExchange('GET /healthz HTTP/1.1\r\n\r\n'), 400, 'bad_request');
    // HTTP/1.0 has no Host requirement.
    expect(parseAnswer(await rawExchange('GET /healthz HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it('refuses more than one Host, or a Host that is not host[:port], with 400 (RFC 9112 §3.2)', async () => {
    // Two Hosts: the cross-site check would compare Origin with the first while a proxy may route by the second.
    for (const hosts of ['Host: evil.example\r\nHost: localhost', 'Host: x\r\nHost: x', 'Host: a b', 'Host: x:99999', 'Host: x/y', 'Host: user@x', 'Host: [::1']) {
      const answer = await rawExchange(`GET /healthz HTTP/1.1\r\n${hosts}\r\n\r\n`);
      expectOurAnswer(answer, 400, 'bad_request');
      expect(parseAnswer(answer).body.message).toMatch(/Host/);
    }
    for (const host of ['localhost:8000', 'id.example.com', '127.0.0.1', '[::1]:8000', 'xn--bcher-kva.example', '']) {
      expect(parseAnswer(await rawExchange(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).status, host).toBe(200);
    }
  });

  it('answers CONNECT (this is not a proxy) in our shape and headers instead of dropping the connection', async () => {
    expectOurAnswer(await rawExchange(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`), 400, 'bad_request');
  });

  it('closes a CONNECT connection after its answer even if the client keeps its side open', async () => {
    // Node stops watching a CONNECT socket, so no request deadline would ever close it. Seen from
    // the client: once the server has let go of the socket, bytes sent on it are refused (a reset).
    const { connect } = await import('node:net');
    const refusedLater = await new Promise<boolean>((resolve) => {
      // allowHalfOpen: the client does not close its side when the server closes its own.
      const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => socket.write(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: x\r\n\r\n`));
      socket.on('data', () => {});
      socket.on('error', () => {});
      socket.on('close', () => resolve(true));
      socket.on('end', () => {
        // The first write draws the reset; the one after it fails on it.
        setTimeout(() => socket.write('still there?\r\n'), 6_000);
        setTimeout(() => socket.write('still there?\r\n'), 7_000);
        setTimeout(() => {
          socket.destroy();
          resolve(false);
        }, 9_500);
      });
    });
    expect(refusedLater).toBe(true);
  }, 20_000);

  it('refuses a transfer coding other than chunked instead of reading coded bytes as the body', async () => {
    // Labelled gzip but sent plain, which was read as if the label were not there.
    const body = JSON.stringify({ username: 'nobody', password: 'wrong password here' });
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const answer = await rawExchange(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n${chunked}`);
    expectOurAnswer(answer, 415, 'unsupported_media_type');
  });

  it('answers an Expect it cannot meet with 417 in our shape and headers, not Node\'s bare 417', async () => {
    expectOurAnswer(await rawExchange('GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n'), 417, 'expectation_failed');
  });
});

describe('answers written to the socket, with an https PUBLIC_URL', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://id.example.com' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  it('carry HSTS like every other answer', async () => {
    const { connect } = await import('node:net');
    for (const request of ['GARBAGE / NOT-HTTP\r\n\r\n', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 'GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer, request.slice(0, 20)).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer, request.slice(0, 20)).toMatch(/strict-transport-security: max-age=63072000; includeSubDomains/i);
    }
  });
});

describe('a client that resets the connection right after its request', () => {
  it('is dropped quietly: no error logged, whatever route it hit', async () => {
    const { createLoggedApp } = await import('../test-support/logged-app.js');
    const { connect } = await import('node:net');
    const logged = await createLoggedApp('info');
    try {
      await logged.app.listen({ host: '127.0.0.1', port: 0 });
      const port = (logged.app.server.address() as AddressInfo).port;
      const bodies: Record<string, string> = {
        '/login': JSON.stringify({ username: 'nobody', password: 'wrong password!' }),
        '/register': JSON.stringify({ username: 'resetter', email: 'reset@example.com', password: STRONG_PASSWORD }),
      };
      for (let round = 0; round < 10; round += 1) {
        for (const [path, body] of Object.entries(bodies)) {
          await new Promise<void>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => {
              socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => {
                // A TCP reset, as a client killed mid-request sends: the socket's address is gone at once.
                socket.resetAndDestroy();
                resolve();
              });
            });
            socket.on('error', () => resolve());
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const errors = logged.written().split('\n').filter((line) => /"level":(50|60)/.test(line));
      expect(errors).toEqual([]);
      // The server is still fine for the next client.
      expect((await logged.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await logged.close();
    }
  });
});
