import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/types.js';

/**
 * Headers on every response, errors and 404s included. The API serves JSON only, so the
 * Content-Security-Policy denies everything; pages (a later layer) get their own policy.
 *
 * Why not @fastify/helmet: it rebuilds its middleware chain and re-serializes the policy on
 * every request, which cost about 15% of a session check here. These values never change, so
 * they are computed once and set with one call. The set is helmet's, tightened for an API, minus
 * the headers that only act on documents a browser renders (Cross-Origin-Embedder-Policy,
 * Origin-Agent-Cluster, X-DNS-Prefetch-Control): every response here is JSON, each header costs
 * about 0.7 µs of the session check to validate and write, and pages get their own set.
 */
export const STATIC_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'permissions-policy': [
    'accelerometer=()', 'camera=()', 'geolocation=()', 'gyroscope=()', 'magnetometer=()',
    'microphone=()', 'payment=()', 'usb=()', 'browsing-topics=()',
  ].join(', '),
  // Auth responses (and every API response) must not be stored by browsers or proxies.
  'cache-control': 'no-store',
});

/** Two years, subdomains included: only ever sent over HTTPS, where browsers honour it. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The same headers for answers written straight to the socket or to Node's own response, where
 * no Fastify reply exists (malformed HTTP, an unmet Expect). HSTS follows PUBLIC_URL alone:
 * no request was parsed whose protocol could be trusted.
 */
export function createRawSecurityHeaders(config: Pick<Config, 'publicUrl'>): (requestId: string) => Record<string, string> {
  const hsts: Record<string, string> = config.publicUrl?.startsWith('https:') === true ? { 'strict-transport-security': HSTS } : {};
  return (requestId) => ({ ...STATIC_HEADERS, ...hsts, 'x-request-id': requestId });
}

/** Sets the security headers and the request id on one reply. */
export type SecurityHeaderSetter = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * HSTS is sent only when the request really arrived over HTTPS (directly, or through a trusted
 * proxy's X-Forwarded-Proto) or the public URL is https.
 *
 * A factory rather than only a hook: answers that Fastify gives before any hook runs (see
 * framework-errors.ts) must carry exactly the same headers.
 */
export function createSecurityHeaderSetter(config: Pick<Config, 'publicUrl'>): SecurityHeaderSetter {
  const httpsByConfig = config.publicUrl?.startsWith('https:') ?? false;
  return (request, reply) => {
    reply.headers(STATIC_HEADERS);
    reply.header('x-request-id', request.id);
    if (httpsByConfig || request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  };
}

export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  const setSecurityHeaders = createSecurityHeaderSetter(config);
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request, reply);
    done();
  });
}
