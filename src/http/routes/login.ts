import type { FastifyInstance } from 'fastify';
import { deriveCsrfToken, logIn, toPublicUser } from '../../accounts/index.js';
import { originOf, type HttpContext } from '../http-context.js';
import { errorResponses, publicUser } from '../schemas.js';

export function registerLoginRoute(app: FastifyInstance, { deps, guards, cookies, config }: HttpContext): void {
  app.post('/login', {
    preHandler: guards.refuseCrossSite,
    schema: {
      response: {
        200: {
          type: 'object',
          required: ['user', 'csrfToken', 'passwordExpired'],
          properties: { user: publicUser, csrfToken: { type: 'string' }, passwordExpired: { type: 'boolean' } },
          additionalProperties: false,
        },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const result = await logIn(deps, request.body, originOf(request));
    cookies.write(request, reply, result.token, Math.floor(config.session.absoluteTimeoutMs / 1000));
    return reply.send({ user: toPublicUser(result.user), csrfToken: deriveCsrfToken(result.token), passwordExpired: result.passwordExpired });
  });
}
