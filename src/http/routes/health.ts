import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../http-context.js';

const healthResponse = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
  additionalProperties: false,
} as const;

export function registerHealthRoute(app: FastifyInstance, { deps }: HttpContext): void {
  app.get('/healthz', { schema: { response: { 200: healthResponse, 503: healthResponse } } }, async (_request, reply) => {
    const databaseUp = await deps.store.ping().catch(() => false);
    return databaseUp ? reply.send({ status: 'ok' }) : reply.status(503).send({ status: 'unavailable' });
  });
}
