import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { errorResponses } from '../schemas.js';

const healthyResponse = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
  additionalProperties: false,
} as const;

// An error in the contract's shape (error, message, request id), plus the status a load
// balancer reads; the 200 stays unchanged. It says nothing about which dependency failed.
const unavailableResponse = {
  type: 'object',
  required: ['status', 'error', 'message', 'requestId'],
  properties: { status: { type: 'string' }, error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
  additionalProperties: false,
} as const;
const UNAVAILABLE_MESSAGE = 'The service cannot serve requests right now. Try again shortly; quote the request id if it persists.';

export function registerHealthRoute(app: FastifyInstance, { deps }: HttpContext): void {
  app.get('/healthz', { schema: { response: { 200: healthyResponse, 503: unavailableResponse, ...errorResponses } } }, async (request, reply) => {
    const databaseUp = await deps.store.ping().catch(() => false);
    return databaseUp ? reply.send({ status: 'ok' }) : reply.status(503).send({ status: 'unavailable', error: 'unavailable', message: UNAVAILABLE_MESSAGE, requestId: String(request.id) });
  });
}
