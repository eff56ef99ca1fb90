import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATIC_HEADERS } from './security-headers.js';

const CLIENT_ERRORS: Record<string, { status: number; reason: string; error: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    error: 'headers_too_large',
    message: 'The request headers are too large. Clear this site\'s cookies and try again.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', error: 'timeout', message: 'The request took too long to arrive. Try again.' },
};
const MALFORMED = { status: 400, reason: 'Bad Request', error: 'bad_request', message: 'The request is not valid HTTP.' };

/**
 * Answers requests that never become a request object (malformed HTTP, oversized headers,
 * timeouts) in the same shape as every other error, with the same security headers. Replaces
 * Fastify's default, which answered with a framework-shaped body and logged the error object,
 * whose raw packet holds the request's cookies.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const known = (error.code !== undefined ? CLIENT_ERRORS[error.code] : undefined) ?? MALFORMED;
  const requestId = randomUUID();
  const body = JSON.stringify({ error: known.error, message: known.message, requestId });
  const headers = Object.entries({
    ...STATIC_HEADERS,
    'x-request-id': requestId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${known.status} ${known.reason}\r\n${headers}\r\n${body}`);
}
