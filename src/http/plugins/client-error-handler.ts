import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Config } from '../../config/types.js';
import { createRawSecurityHeaders } from './security-headers.js';

interface RawAnswer {
  status: number;
  reason: string;
  error: string;
  message: string;
}

const CLIENT_ERRORS: Record<string, RawAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    error: 'headers_too_large',
    message: 'The request headers are too large. Clear this site\'s cookies and try again.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', error: 'timeout', message: 'The request took too long to arrive. Try again.' },
};
const MALFORMED: RawAnswer = { status: 400, reason: 'Bad Request', error: 'bad_request', message: 'The request is not valid HTTP.' };
const CONNECT_CLOSE_AFTER_MS = 5_000;
const NOT_A_PROXY: RawAnswer = { status: 400, reason: 'Bad Request', error: 'bad_request', message: 'This server is not a proxy: CONNECT is not taken. Send the request itself.' };
const UNMET_EXPECTATION: RawAnswer = {
  status: 417,
  reason: 'Expectation Failed',
  error: 'expectation_failed',
  message: 'The only Expect value this server takes is 100-continue. Send the request without the Expect header.',
};

/** Headers and body of an answer written without Fastify; the connection is closed after it. */
function rawAnswer(answer: RawAnswer, securityHeaders: (requestId: string) => Record<string, string>): { headers: Record<string, string>; body: string } {
  const requestId = randomUUID();
  const body = JSON.stringify({ error: answer.error, message: answer.message, requestId });
  const headers = {
    ...securityHeaders(requestId),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  return { headers, body };
}

/**
 * Answers requests that never become a request object (malformed HTTP, oversized headers,
 * timeouts) in the same shape as every other error, with the same security headers. Replaces
 * Fastify's default, which answered with a framework-shaped body and logged the error object,
 * whose raw packet holds the request's cookies.
 */
export function createClientErrorHandler(config: Pick<Config, 'publicUrl'>): (error: Error & { code?: string }, socket: Socket) => void {
  const securityHeaders = createRawSecurityHeaders(config);
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = (error.code !== undefined ? CLIENT_ERRORS[error.code] : undefined) ?? MALFORMED;
    endWithAnswer(socket, answer, securityHeaders);
  };
}

function endWithAnswer(socket: Duplex, answer: RawAnswer, securityHeaders: (requestId: string) => Record<string, string>): void {
  const { headers, body } = rawAnswer(answer, securityHeaders);
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${answer.status} ${answer.reason}\r\n${head}\r\n${body}`);
}

/**
 * For Node's 'connect' event: a CONNECT request, which asks for a tunnel. Without a listener
 * Node drops the connection without a word.
 */
export function createConnectHandler(config: Pick<Config, 'publicUrl'>): (request: IncomingMessage, socket: Duplex) => void {
  const securityHeaders = createRawSecurityHeaders(config);
  return (_request, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    endWithAnswer(socket, NOT_A_PROXY, securityHeaders);
    // Node hands a CONNECT socket over and stops watching it: no request deadline closes it if
    // the client keeps its side open, so it is closed here once the answer has had time to arrive.
    const closer = setTimeout(() => socket.destroy(), CONNECT_CLOSE_AFTER_MS).unref();
    socket.once('close', () => clearTimeout(closer));
  };
}

/**
 * For Node's 'checkExpectation' event: an Expect header other than 100-continue. Without a
 * listener Node answers 417 itself, with no headers and no body.
 */
export function createExpectationHandler(config: Pick<Config, 'publicUrl'>): (request: IncomingMessage, response: ServerResponse) => void {
  const securityHeaders = createRawSecurityHeaders(config);
  return (_request, response) => {
    const { headers, body } = rawAnswer(UNMET_EXPECTATION, securityHeaders);
    response.writeHead(UNMET_EXPECTATION.status, headers);
    response.end(body);
  };
}
