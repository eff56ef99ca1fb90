import type { FastifyInstance } from 'fastify';
import { deriveCsrfToken, toPublicSession, toPublicUser } from '../../accounts/index.js';
import { authOf, type HttpContext } from '../http-context.js';
import { errorResponses, publicSession, publicUser } from '../schemas.js';
import { SessionBodyMemo } from '../session-body-memo.js';

export function registerSessionRoute(app: FastifyInstance, { guards, config }: HttpContext): void {
  const bodies = new SessionBodyMemo();
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
  }, async (request, reply) => {
    const { user, session, token, passwordExpired } = authOf(request);
    reply.header('content-type', 'application/json; charset=utf-8');
    // Rendered by this route's 200 schema (reply.serialize), then reused while the session is unchanged.
    return bodies.body({ user, session, passwordExpired }, deriveCsrfToken(token), (csrfToken) => {
      const json = reply.serialize({
        user: toPublicUser(user),
        session: toPublicSession(session, config.session.idleTimeoutMs, session.id),
        csrfToken,
        passwordExpired,
      });
      if (typeof json !== 'string') throw new TypeError('the schema serializer returned bytes, not JSON text');
      return json;
    });
  });
}
