import type { FastifyInstance } from 'fastify';
import { listSessions, revokeSession, toPublicSession } from '../../accounts/index.js';
import { NotFoundError } from '../../errors.js';
import { authOf, type HttpContext } from '../http-context.js';
import { emptyResponse, errorResponses, publicSession } from '../schemas.js';

export function registerSessionsRoutes(app: FastifyInstance, { deps, guards, cookies, config }: HttpContext): void {
  app.get('/sessions', {
    preHandler: guards.requireSession,
    schema: {
      response: {
        200: { type: 'object', required: ['sessions'], properties: { sessions: { type: 'array', items: publicSession } }, additionalProperties: false },
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { user, session } = authOf(request);
    const sessions = await listSessions(deps, user.id);
    return { sessions: sessions.map((s) => toPublicSession(s, config.session.idleTimeoutMs, session.id)) };
  });

  app.delete<{ Params: { id: string } }>('/sessions/:id', {
    preHandler: guards.requireSession,
    schema: { response: { 204: emptyResponse, ...errorResponses } },
  }, async (request, reply) => {
    const { user, session } = authOf(request);
    const { id } = request.params;
    // A malformed id, someone else's session and one that never existed all get the same 404,
    // so the answer says nothing about which ids exist.
    if (!(await revokeSession(deps, user.id, id, request.ip))) throw new NotFoundError('No session of yours has this id.');
    if (id === session.id) cookies.clear(request, reply);
    return reply.status(204).send();
  });
}
