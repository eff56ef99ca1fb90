import type { FastifyInstance } from 'fastify';
import { logOut } from '../../accounts/index.js';
import { authOf, type HttpContext } from '../http-context.js';
import { emptyResponse, errorResponses } from '../schemas.js';

export function registerLogoutRoute(app: FastifyInstance, { deps, guards, cookies }: HttpContext): void {
  app.post('/logout', {
    preHandler: guards.requireSession,
    schema: { response: { 204: emptyResponse, ...errorResponses } },
  }, async (request, reply) => {
    await logOut(deps, authOf(request).session, request.ip);
    cookies.clear(request, reply);
    return reply.status(204).send();
  });
}
