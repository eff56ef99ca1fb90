import type { FastifyRequest } from 'fastify';
import type { AccountDependencies, RequestOrigin } from '../accounts/index.js';
import { ClientGoneError } from '../errors.js';
import type { Config } from '../config/types.js';
import type { RequestGuards } from './plugins/request-guards.js';
import type { SessionCookiePolicy } from './session-cookie.js';

/** What every route module receives. */
export interface HttpContext {
  config: Config;
  deps: AccountDependencies;
  cookies: SessionCookiePolicy;
  guards: RequestGuards;
}

export function originOf(request: FastifyRequest): RequestOrigin {
  // Fastify reads the address off the socket, which a client's reset has already destroyed: such
  // a request is not worked on (no throttle count, no password check), as no one can get its answer.
  const ip: unknown = request.ip;
  if (typeof ip !== 'string') throw new ClientGoneError();
  const userAgent = request.headers['user-agent'];
  return { ip, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

/** Routes reached only after `requireSession` ran. */
export function authOf(request: FastifyRequest): NonNullable<FastifyRequest['auth']> {
  if (request.auth === null) throw new TypeError('route registered without requireSession');
  return request.auth;
}
