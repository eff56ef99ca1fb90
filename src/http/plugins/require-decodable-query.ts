import type { FastifyInstance } from 'fastify';
import { BAD_URL_MESSAGE } from './framework-errors.js';
import { sendErrorBody } from './send-error-body.js';

/** decodeURIComponent refuses a % without two hex digits and escapes that are not UTF-8. */
function decodes(query: string): boolean {
  try {
    decodeURIComponent(query);
    return true;
  } catch {
    return false;
  }
}

/**
 * The router refuses a path whose %-escapes do not decode (400 bad_url), but parses the query
 * string leniently: a broken escape stays literal text and invalid UTF-8 becomes U+FFFD, so two
 * different inputs could reach a route as the same value (the same reason bodies are decoded
 * strictly). No route reads a query yet; this holds the rule for the ones that will.
 */
export function registerQueryDecodingRequirement(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.raw.url ?? '';
    const start = url.indexOf('?');
    // An address no route takes stays a plain 404, whatever its query holds.
    if (start !== -1 && !request.is404 && !decodes(url.slice(start + 1))) {
      sendErrorBody(reply, 400, { error: 'bad_url', message: BAD_URL_MESSAGE, requestId: String(request.id) });
      return;
    }
    done();
  });
}
