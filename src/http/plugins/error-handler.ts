import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, OverloadedError, TooManyAttemptsError, ValidationError } from '../../errors.js';
import { createOverloadReporter } from './overload-reporter.js';
import { sendErrorBody, type ErrorBody } from './send-error-body.js';

/**
 * Maps Fastify's own parse and limit errors to stable codes with messages a person can act on.
 * Keyed by Fastify's error codes (never by message text).
 */
const FRAMEWORK_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Send the body as application/json or application/x-www-form-urlencoded.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'invalid_body', message: 'The Content-Length header does not match the body.' },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: { status: 415, error: 'unsupported_media_type', message: 'The Content-Type header is not valid.' },
};

/** The generic bodies: 404 and 5xx say nothing about the server, only the request id. */
export const NOT_FOUND_MESSAGE = 'There is nothing at this address.';
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side. Quote the request id if you report it.';

/**
 * One place turns every failure into `{"error", "message", "requestId"}`. Unknown errors
 * become a generic 500: no stack trace, SQL, driver or framework name ever reaches a client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  const reportOverload = createOverloadReporter();
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    const requestId = String(request.id);
    // A body is parsed (and a QUERY's Content-Type checked) before Fastify tells that no route
    // takes the request: the missing route is the news, as for any other request.
    if (request.is404) return sendErrorBody(reply, 404, { error: 'not_found', message: NOT_FOUND_MESSAGE, requestId });
    if (error instanceof AppError) {
      if (error instanceof TooManyAttemptsError || error instanceof OverloadedError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      const body: ErrorBody = { error: error.code, message: error.message, requestId };
      if (error instanceof ValidationError) body.errors = error.errors;
      if (error instanceof OverloadedError) reportOverload(request.log, error);
      else if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendErrorBody(reply, error.status, body);
    }

    const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
    // Bodies are parsed by body-parsers.ts, which throws AppErrors; these are Fastify's own checks.
    const known = FRAMEWORK_ERRORS[code];
    if (known !== undefined) {
      return sendErrorBody(reply, known.status, { error: known.error, message: known.message, requestId });
    }
    const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (statusCode >= 400 && statusCode < 500) {
      request.log.info({ code }, 'client error');
      return sendErrorBody(reply, statusCode, { error: 'bad_request', message: 'The request could not be understood. Check its format and headers.', requestId });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendErrorBody(reply, 500, { error: 'internal_error', message: INTERNAL_ERROR_MESSAGE, requestId });
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendErrorBody(reply, 404, { error: 'not_found', message: NOT_FOUND_MESSAGE, requestId: String(request.id) }),
  );
}
