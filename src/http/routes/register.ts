import type { FastifyInstance } from 'fastify';
import { registerUser, toPublicUser } from '../../accounts/index.js';
import { originOf, type HttpContext } from '../http-context.js';
import { errorResponses, publicUser } from '../schemas.js';

export function registerRegisterRoute(app: FastifyInstance, { deps, guards }: HttpContext): void {
  app.post('/register', {
    preHandler: guards.refuseCrossSite,
    schema: {
      response: {
        201: { type: 'object', required: ['user'], properties: { user: publicUser }, additionalProperties: false },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const user = await registerUser(deps, request.body, originOf(request));
    return reply.status(201).send({ user: toPublicUser(user) });
  });
}
