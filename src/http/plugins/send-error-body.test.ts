import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendErrorBody, type ErrorBody } from './send-error-body.js';

/** A body carrying what must never reach a client, as a careless caller might build it. */
const leakyBody = {
  error: 'not_found',
  message: 'There is nothing at this address.',
  requestId: 'req-1',
  stack: 'Error: boom\n    at /srv/app/dist/x.js:1:1',
  sql: 'select * from users',
} as ErrorBody;

describe('sendErrorBody', () => {
  it('drops fields the error schema does not list, in a route and in the not-found handler', async () => {
    const app = Fastify();
    app.get('/route', async (_request, reply) => sendErrorBody(reply, 418, leakyBody));
    app.setNotFoundHandler(async (_request, reply) => sendErrorBody(reply, 404, leakyBody));
    try {
      for (const [url, status] of [['/route', 418], ['/missing', 404]] as const) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(status);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.json()).toEqual({ error: 'not_found', message: 'There is nothing at this address.', requestId: 'req-1' });
        expect(response.body).not.toMatch(/stack|select|\/srv/);
      }
    } finally {
      await app.close();
    }
  });

  it('keeps per-field errors', async () => {
    const app = Fastify();
    const body: ErrorBody = { error: 'validation_failed', message: 'Check the fields.', requestId: 'r', errors: { password: ['Too short.', 'Too common.'] } };
    app.get('/', async (_request, reply) => sendErrorBody(reply, 400, body));
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).json()).toEqual(body);
    } finally {
      await app.close();
    }
  });
});
