import type { FastifyInstance } from 'fastify';
import { sendErrorBody } from './send-error-body.js';

// `uri-host [ ":" port ]` of RFC 3986, in pieces: a bracketed IPv6 literal or a reg-name (which
// covers IPv4 and may be empty), then an optional port, refused above 65535.
const IPV6_LITERAL = /^\[[0-9A-Fa-f:.]+\]$/;
const REG_NAME = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f][0-9A-Fa-f])*$/;
const PORT = /^[0-9]{0,5}$/;

function isHostAndPort(value: string): boolean {
  const bracketed = value.startsWith('[');
  const hostEnd = bracketed ? value.indexOf(']') + 1 : value.includes(':') ? value.indexOf(':') : value.length;
  const host = value.slice(0, hostEnd);
  const rest = value.slice(hostEnd);
  if (!(bracketed ? IPV6_LITERAL.test(host) : REG_NAME.test(host))) return false;
  if (rest === '') return true;
  const port = rest.slice(1);
  return rest.startsWith(':') && PORT.test(port) && (port === '' || Number(port) <= 65_535);
}

/** How many Host lines the request had (Node keeps only the first in `headers`). */
function countHostLines(rawHeaders: string[]): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    if (name !== undefined && name.length === 4 && name.toLowerCase() === 'host') count += 1;
  }
  return count;
}

function hostProblem(host: string | undefined, rawHeaders: string[], httpVersion: string): string | null {
  if (host === undefined) return httpVersion === '1.1' ? 'HTTP/1.1 requests need a Host header.' : null;
  if (countHostLines(rawHeaders) > 1) return 'Send exactly one Host header.';
  if (!isHostAndPort(host)) {
    return 'The Host header must be a host name or address, optionally followed by :port.';
  }
  return null;
}

/**
 * RFC 9112 §3.2: a server answers 400 to an HTTP/1.1 request without a Host header, and to any
 * request with more than one Host line or an invalid Host value. Node refuses only the first, on
 * its own, with a bare 400 that carries none of our headers; the server is created with that
 * check off (`requireHostHeader: false`) and makes all three here, after the security headers
 * are set. Two Hosts matter beyond form: the cross-site check compares Origin with the one Node
 * kept, while a proxy in front may route by the other.
 */
export function registerHostRequirement(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const problem = hostProblem(request.headers.host, request.raw.rawHeaders, request.raw.httpVersion);
    if (problem !== null) {
      sendErrorBody(reply, 400, { error: 'bad_request', message: problem, requestId: String(request.id) });
      return;
    }
    done();
  });
}
