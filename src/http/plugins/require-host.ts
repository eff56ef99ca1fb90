import type { FastifyInstance } from 'fastify';
import { sendErrorBody } from './send-error-body.js';

/**
 * HTTP/1.1 requires a Host header (RFC 9112 §3.2). Node refuses a request without one on its
 * own, with a bare 400 that carries none of our headers; the server is created with that check
 * off (`requireHostHeader: false`) and makes it here instead, after the security headers are set.
 */
export function registerHostRequirement(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
      sendErrorBody(reply, 400, { error: 'bad_request', message: 'HTTP/1.1 requests need a Host header.', requestId: String(request.id) });
      return;
    }
    done();
  });
}
