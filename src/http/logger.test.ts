import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { DatabaseError } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoggedApp, createMemorySink, type LoggedApp } from '../test-support/logged-app.js';
import { createLogger } from './logger.js';

describe('logging', () => {
  let logged: LoggedApp | undefined;
  afterEach(async () => {
    await logged?.close();
    logged = undefined;
  });

  it('never writes passwords, cookies, CSRF tokens or session tokens, even at trace level', async () => {
    logged = await createLoggedApp('trace');
    const { app } = logged;
    const password = 'Unmistakable Secret Passphrase 9931';
    await app.inject({ method: 'POST', url: '/register', payload: { username: 'loggy', email: 'loggy@example.com', password } });
    const login = await app.inject({ method: 'POST', url: '/login', payload: { username: 'loggy', password } });
    const token = login.cookies[0]?.value ?? '';
    const csrf = login.json().csrfToken as string;
    await app.inject({ method: 'POST', url: '/logout', headers: { cookie: `bulwark_session=${token}`, 'x-csrf-token': csrf, authorization: 'Bearer top-secret-bearer' } });
    // A failing request logs its error too.
    await app.inject({ method: 'POST', url: '/login', payload: { username: 'loggy', password: 'wrong but also secret 123' } });
    // Secrets a client put in the address: the query string is never logged, nor an endless path.
    await app.inject({ method: 'GET', url: `/session?token=${token}&password=query-secret-4711` });
    await app.inject({ method: 'GET', url: '/login%ZZ?password=bad-url-secret-4712' });
    await app.inject({ method: 'GET', url: `/${'p'.repeat(1000)}?x=1` });
    await app.close();
    // Login details in an absolute-form target, and a fragment, over a real socket (inject
    // cannot send either).
    const served = await createLoggedApp('trace');
    await served.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = served.app.server.address() as AddressInfo;
    for (const target of ['http://user:absolute-url-secret-4713@x/session', 'HTTP://u:absolute-url-secret-4714@x/session', '/session#password=fragment-secret-4715']) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        socket.on('data', () => undefined);
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
    }
    await served.close();
    const servedLog = served.written();
    expect(servedLog).toContain('"path":"/session"');
    for (const secret of ['absolute-url-secret-4713', 'absolute-url-secret-4714', 'fragment-secret-4715']) expect(servedLog).not.toContain(secret);
    const written = logged.written();

    expect(token).toHaveLength(43);
    expect(written.length).toBeGreaterThan(0); // trace level did log the requests
    for (const secret of [password, token, csrf, 'top-secret-bearer', 'wrong but also secret 123', 'query-secret-4711', 'bad-url-secret-4712']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('"path":"/session"');
    expect(written).not.toContain('p'.repeat(300));
  });

  it('redacts secret-bearing fields wherever a log call puts them', () => {
    const { sink, written: writtenSoFar } = createMemorySink();
    const logger = createLogger({ logLevel: 'info' }, sink);
    logger.info({
      req: { headers: { cookie: 'bulwark_session=SECRET-COOKIE', authorization: 'Bearer SECRET-BEARER', 'x-csrf-token': 'SECRET-CSRF' } },
      body: { password: 'SECRET-PASSWORD', newPassword: 'SECRET-NEW' },
      err: { message: 'Parse Error', rawPacket: 'GET / HTTP/1.1 Cookie: SECRET-RAW', parameters: ['SECRET-PARAM'], body: { password: 'SECRET-ERR-BODY' } },
      user: { passwordHash: 'SECRET-HASH', token: 'SECRET-TOKEN' },
      request: { body: { password: 'SECRET-NESTED', token: 'SECRET-NESTED-TOKEN' } },
    }, 'something happened');
    const written = writtenSoFar();
    expect(written).toContain('something happened');
    expect(written).toContain('[redacted]');
    expect(written).not.toMatch(/SECRET-/);
  });

  it('keeps the failing row out of a logged PostgreSQL error, its cause included', () => {
    const { sink, written: writtenSoFar } = createMemorySink();
    const logger = createLogger({ logLevel: 'info' }, sink);
    // As pg raises it for a NOT NULL or CHECK violation on users or sessions.
    const error = new DatabaseError('null value in column "tenant_id" of relation "users" violates not-null constraint', 0, 'error');
    error.code = '23502';
    error.detail = 'Failing row contains (u1, alice, $argon2id$v=19$m=19456,t=2,p=1$SECRET-SALT$SECRET-DIGEST, null).';
    error.where = 'SQL statement "insert ... SECRET-WHERE"';
    error.internalQuery = 'select SECRET-INTERNAL';
    logger.error({ err: error }, 'unhandled error');
    logger.error({ err: new Error('wrapped', { cause: error }) }, 'unhandled error');
    const written = writtenSoFar();
    expect(written).toContain('"code":"23502"');
    expect(written).toContain('violates not-null constraint');
    expect(written).not.toMatch(/SECRET-|argon2id/);
  });
});
