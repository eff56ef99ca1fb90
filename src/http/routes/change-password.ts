import type { FastifyInstance } from 'fastify';
import { changePassword, deriveCsrfToken, toPublicUser } from '../../accounts/index.js';
import { authOf, originOf, type HttpContext } from '../http-context.js';
import { errorResponses, publicUser } from '../schemas.js';

export function registerChangePasswordRoute(app: FastifyInstance, { deps, guards, cookies, config }: HttpContext): void {
  app.post('/change-password', {
    preHandler: guards.requireSession,
    schema: {
      response: {
        200: {
          type: 'object',
          required: ['user', 'csrfToken'],
          properties: { user: publicUser, csrfToken: { type: 'string' } },
          additionalProperties: false,
        },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const result = await changePassword(deps, authOf(request), request.body, originOf(request));
    cookies.write(request, reply, result.token, Math.floor(config.session.absoluteTimeoutMs / 1000));
    return reply.send({ user: toPublicUser(result.user), csrfToken: deriveCsrfToken(result.token) });
  });
}
