import type { FastifyInstance } from 'fastify';
import { deriveCsrfToken, toPublicSession, toPublicUser } from '../../accounts/index.js';
import { authOf, type HttpContext } from '../http-context.js';
import { errorResponses, publicSession, publicUser } from '../schemas.js';

export function registerSessionRoute(app: FastifyInstance, { guards, config }: HttpContext): void {
  app.get('/session', {
    preHandler: guards.requireSession,
    schema: {
      response: {
        200: {
          type: 'object',
          required: ['user', 'session', 'csrfToken', 'passwordExpired'],
          properties: { user: publicUser, session: publicSession, csrfToken: { type: 'string' }, passwordExpired: { type: 'boolean' } },
          additionalProperties: false,
        },
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { user, session, token, passwordExpired } = authOf(request);
    return {
      user: toPublicUser(user),
      session: toPublicSession(session, config.session.idleTimeoutMs, session.id),
      csrfToken: deriveCsrfToken(token),
      passwordExpired,
    };
  });
}
