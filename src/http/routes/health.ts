import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { errorResponses } from '../schemas.js';

const healthyResponse = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
  additionalProperties: false,
} as const;

// Every 5xx body carries a request id (the HTTP contract), this one included; the 200 stays unchanged.
const unavailableResponse = {
  type: 'object',
  required: ['status', 'requestId'],
  properties: { status: { type: 'string' }, requestId: { type: 'string' } },
  additionalProperties: false,
} as const;

export function registerHealthRoute(app: FastifyInstance, { deps }: HttpContext): void {
  app.get('/healthz', { schema: { response: { 200: healthyResponse, 503: unavailableResponse, ...errorResponses } } }, async (request, reply) => {
    const databaseUp = await deps.store.ping().catch(() => false);
    return databaseUp ? reply.send({ status: 'ok' }) : reply.status(503).send({ status: 'unavailable', requestId: String(request.id) });
  });
}
