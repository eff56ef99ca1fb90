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
});

