import pino, { type Logger } from 'pino';
import type { Config } from '../config/types.js';

/**
 * Paths pino removes before a line is written: secrets, tokens, passwords and cookies never
 * reach a log, whatever a route or a plugin decides to log.
 */
export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'body.totp',
  'body._csrf',
  '*.password',
  '*.token',
  '*.csrfToken',
  '*.passwordHash',
  '*.keys',
  '*.redisUrl',
  // Node attaches the raw request head (cookies included) to HTTP parser errors.
  'err.rawPacket',
  '*.rawPacket',
  // A database or client library may attach the statement's values or the request body to an error.
  'err.parameters',
  'err.params',
  'err.body',
  // PostgreSQL puts the row in `detail` ("Failing row contains (..., $argon2id$..., ...)"), and
  // statement text and context in `where` and `internalQuery`; so may an error's cause.
  'err.detail',
  'err.where',
  'err.internalQuery',
  'err.cause.detail',
  'err.cause.where',
  'err.cause.internalQuery',
  'err.cause.parameters',
  '*.*.password',
  '*.*.token',
];

/** Longest path written to a log line: an address can be made arbitrarily long. */
const MAX_LOGGED_PATH = 256;

interface LoggableRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
}

/** An absolute-form request target's scheme, login details and host: `http://user:pw@host`. */
const ABSOLUTE_FORM_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * The request as Fastify's request lines log it: the path only. The query string and fragment
 * go (a query can carry a token from a pasted link, or a password a client put in the wrong
 * place, and no allowlist of parameter names can know them all), and so does the scheme and
 * authority of an absolute-form target, which can carry `user:password@`.
 */
export function serializeRequestForLog(request: LoggableRequest): Record<string, string | undefined> {
  const url = typeof request.url === 'string' ? request.url : '';
  const withoutAuthority = url.replace(ABSOLUTE_FORM_PREFIX, '');
  const end = withoutAuthority.search(/[?#]/);
  const path = end === -1 ? withoutAuthority : withoutAuthority.slice(0, end);
  return { method: request.method, path: path.slice(0, MAX_LOGGED_PATH), host: request.host, remoteAddress: request.ip };
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    { level: config.logLevel, redact: { paths: redactedLogPaths, censor: '[redacted]' }, serializers: { req: serializeRequestForLog } },
    destination,
  );
}
