import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/types.js';
import { INTERNAL_ERROR_MESSAGE, NOT_FOUND_MESSAGE } from './error-handler.js';
import { createSecurityHeaderSetter } from './security-headers.js';
import { sendErrorBody } from './send-error-body.js';

/** Also the answer to a query string that does not decode (require-decodable-query.ts). */
export const BAD_URL_MESSAGE = 'The address is not valid: each % in it must be followed by two hexadecimal digits that encode UTF-8 text.';

interface Answer {
  status: number;
  error: string;
  message: string;
}

/** Keyed by Fastify's error codes (never by message text, which holds the path). */
const ANSWERS: Record<string, Answer> = {
  FST_ERR_BAD_URL: { status: 400, error: 'bad_url', message: BAD_URL_MESSAGE },
  // No id here is longer than maxParamLength, so nothing can be at such an address: the same
  // 404 as any unknown address, instead of Fastify's 414 with the path in it.
  FST_ERR_MAX_PARAM_LENGTH: { status: 404, error: 'not_found', message: NOT_FOUND_MESSAGE },
};
/** FST_ERR_ASYNC_CONSTRAINT (no route here has one) and anything Fastify adds later: our fault, not the client's. */
const INTERNAL: Answer = { status: 500, error: 'internal_error', message: INTERNAL_ERROR_MESSAGE };

export type FrameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * For Fastify's `frameworkErrors` option. The router refuses some requests (a path it cannot
 * decode, a path parameter over maxParamLength, a failing async constraint) before any hook runs,
 * so neither the security-header hook nor the error handler sees them, and Fastify's default
 * answer echoes the path in a framework-shaped body. These get the same headers and error shape
 * as every other response. The path is never sent back (it can hold a token from a pasted
 * link), and the log line names the error code only.
 *
 * Known gap: Fastify builds the request here without its trust-proxy support, so a trusted
 * proxy's X-Forwarded-Proto is not seen and HSTS on these answers depends on PUBLIC_URL being
 * https (which production requires).
 */
export function createFrameworkErrorHandler(config: Pick<Config, 'publicUrl'>): FrameworkErrorHandler {
  const setSecurityHeaders = createSecurityHeaderSetter(config);
  return (error, request, reply) => {
    setSecurityHeaders(request, reply);
    const answer = ANSWERS[error.code] ?? INTERNAL;
    if (answer.status >= 500) request.log.error({ code: error.code }, 'router error');
    else request.log.info({ code: error.code }, 'client error');
    void sendErrorBody(reply, answer.status, { error: answer.error, message: answer.message, requestId: String(request.id) });
  };
}
