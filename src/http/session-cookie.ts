import { parse, serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/types.js';

/**
 * Over HTTPS (or in production) the cookie is Secure and carries the __Host- prefix, which the
 * browser only accepts without Domain and with Path=/, so a sibling subdomain cannot plant
 * or overwrite it. Over plain HTTP (local development) only the plain name is used.
 *
 * The one cookie Bulwark uses is read and written here with the `cookie` package directly:
 * a cookie plugin would parse every request's cookies and add two hooks to every response.
 */
const SECURE_NAME = '__Host-bulwark_session';
const PLAIN_NAME = 'bulwark_session';
/** What a cleared cookie expires at: the epoch, so every browser drops it at once. */
const LONG_AGO = new Date(0);

export interface SessionCookiePolicy {
  isSecure(request: FastifyRequest): boolean;
  read(request: FastifyRequest): string | null;
  write(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void;
  clear(request: FastifyRequest, reply: FastifyReply): void;
}

export function createSessionCookiePolicy(config: Pick<Config, 'env' | 'publicUrl'>): SessionCookiePolicy {
  const alwaysSecure = config.env === 'production' || (config.publicUrl?.startsWith('https:') ?? false);
  const isSecure = (request: FastifyRequest): boolean => alwaysSecure || request.protocol === 'https';
  const nameFor = (request: FastifyRequest): string => (isSecure(request) ? SECURE_NAME : PLAIN_NAME);
  const attributes = (request: FastifyRequest) =>
    ({ path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(request) }) as const;

  return {
    isSecure,
    read(request) {
      const header = request.headers.cookie;
      if (header === undefined || header.length === 0) return null;
      const value = parse(header)[nameFor(request)];
      return typeof value === 'string' && value.length > 0 ? value : null;
    },
    write(request, reply, token, maxAgeSeconds) {
      reply.header('set-cookie', serialize(nameFor(request), token, { ...attributes(request), maxAge: maxAgeSeconds }));
    },
    clear(request, reply) {
      reply.header('set-cookie', serialize(nameFor(request), '', { ...attributes(request), maxAge: 0, expires: LONG_AGO }));
    },
  };
}
