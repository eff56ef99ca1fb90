import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { registerResponseWriteBatching } from './batch-response-writes.js';

async function startServer(setup: (app: FastifyInstance) => void, logLines: string[] = []): Promise<{ app: FastifyInstance; port: number }> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString());
      callback();
    },
  });
  const logger: FastifyBaseLogger = pino({ level: 'warn' }, sink);
  const app = Fastify({ loggerInstance: logger });
  registerResponseWriteBatching(app);
  setup(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** Sends raw bytes on one connection and collects everything until `expectedResponses` bodies have arrived. */
function exchange(port: number, request: string, expectedResponses: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.split('HTTP/1.1 ').length - 1 === expectedResponses && answer.endsWith('}')) socket.end();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('response write batching', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('holds a finished response until the end of the event-loop turn, then sends it whole', async () => {
    const events: string[] = [];
    const started = await startServer((server) => {
      server.get('/mark', async () => {
        // Scheduled before the response is released: it must run first if sends wait for the turn's end.
        setImmediate(() => events.push('end of turn'));
        return { ok: true };
      });
      server.addHook('onResponse', async () => void events.push('response written'));
    });
    app = started.app;
    const response = await fetch(`http://127.0.0.1:${started.port}/mark`);
    expect(await response.json()).toEqual({ ok: true });
    expect(events).toEqual(['end of turn', 'response written']);
  });

  it('keeps pipelined responses on one connection in request order, with the right bodies', async () => {
    const started = await startServer((server) => {
      // Later requests finish first: order must still follow the requests.
      server.get('/echo/:n', async (request) => {
        const n = Number((request.params as { n: string }).n);
        await new Promise((resolve) => setTimeout(resolve, (5 - n) * 5));
        return { n };
      });
    });
    app = started.app;
    const requests = [1, 2, 3, 4, 5].map((n) => `GET /echo/${n} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
    const answer = await exchange(started.port, requests, 5);
    const bodies = [...answer.matchAll(/\{"n":(\d)\}/g)].map((m) => Number(m[1]));
    expect(bodies).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers many concurrent requests, each with its own body', async () => {
    const started = await startServer((server) => {
      server.get('/id/:id', async (request) => ({ id: (request.params as { id: string }).id }));
    });
    app = started.app;
    const ids = Array.from({ length: 200 }, (_, i) => String(i));
    const bodies = await Promise.all(ids.map(async (id) => (await fetch(`http://127.0.0.1:${started.port}/id/${id}`)).json()));
    expect(bodies).toEqual(ids.map((id) => ({ id })));
  });

  it('survives a route that sets an invalid header value: that connection ends, the server and other requests go on', async () => {
    const started = await startServer((server) => {
      server.get('/bad', async (_request, reply) => reply.header('x-name', 'caf\u0100').send({ ok: false }));
      server.get('/good', async () => ({ ok: true }));
    });
    app = started.app;
    const base = `http://127.0.0.1:${started.port}`;
    const [bad, good] = await Promise.allSettled([fetch(`${base}/bad`), fetch(`${base}/good`)]);
    expect(bad.status).toBe('rejected');
    expect(good.status === 'fulfilled' && good.value.status).toBe(200);
    expect((await fetch(`${base}/good`)).status).toBe(200);
  });

  it('sends once when a handler calls reply.send() without returning it (Fastify then sends again)', async () => {
    const logLines: string[] = [];
    const started = await startServer((server) => {
      server.get('/no-return', async (_request, reply) => {
        void reply.send({ once: true });
      });
    }, logLines);
    app = started.app;
    const base = `http://127.0.0.1:${started.port}`;
    const response = await fetch(`${base}/no-return`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ once: true });
    expect((await fetch(`${base}/no-return`)).status).toBe(200);
    // The second send of each request was dropped here, not written (which would throw).
    expect(logLines.filter((line) => line.includes('a second send was dropped'))).toHaveLength(2);
    expect(logLines.filter((line) => line.includes('could not be written'))).toHaveLength(0);
  });
});
