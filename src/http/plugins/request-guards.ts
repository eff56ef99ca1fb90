import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import {
  authenticateSession,
  authenticateSessionFromMemory,
  verifyCsrfToken,
  type AccountDependencies,
  type AuthenticatedSession,
} from '../../accounts/index.js';
import type { Config } from '../../config/types.js';
import { CrossSiteRequestError, CsrfError, UnauthenticatedError } from '../../errors.js';
import type { SessionCookiePolicy } from '../session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireSession` on routes that need a signed-in user. */
    auth: (AuthenticatedSession & { token: string }) | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

export interface RequestGuards {
  /**
   * preHandler for routes that need a session: CSRF first (unsafe methods), then the session.
   * Callback-style so that a session the store holds in memory is accepted without a promise.
   */
  requireSession(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void;
  /** preHandler for routes used before a session exists (register, login): no cross-site browser requests. */
  refuseCrossSite(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export function createRequestGuards(
  deps: Pick<AccountDependencies, 'store' | 'clock' | 'config'>,
  cookies: SessionCookiePolicy,
  config: Pick<Config, 'publicUrl'>,
): RequestGuards {
  const configuredOrigin = config.publicUrl === null ? null : new URL(config.publicUrl).origin;

  return {
    requireSession(request, _reply, done) {
      const token = cookies.read(request);
      // CSRF is checked before authentication: a forged request learns nothing about the session.
      if (!SAFE_METHODS.has(request.method)) {
        const candidate = csrfTokenOf(request);
        // Null checks on presence only; the secret comparison is verifyCsrfToken's constant-time one.
        if (token === null || candidate === null || !verifyCsrfToken(token, candidate)) {
          done(new CsrfError());
          return;
        }
      }
      // eslint-disable-next-line security/detect-possible-timing-attacks -- a presence check, not a comparison of secrets
      if (token === null) {
        done(new UnauthenticatedError());
        return;
      }
      const fromMemory = authenticateSessionFromMemory(deps, token);
      if (fromMemory !== undefined) {
        request.auth = { ...fromMemory, token };
        done();
        return;
      }
      authenticateSession(deps, token).then((authenticated) => {
        if (authenticated === null) {
          done(new UnauthenticatedError());
          return;
        }
        request.auth = { ...authenticated, token };
        done();
      }, done);
    },

    async refuseCrossSite(request) {
      // Browsers send Sec-Fetch-Site, Origin or both; scripts and apps usually send neither and
      // are allowed. Each header present must say this site: no browser sends a same-origin
      // Sec-Fetch-Site with a foreign Origin, so that pair is refused rather than trusted.
      const fetchSite = request.headers['sec-fetch-site'];
      if (typeof fetchSite === 'string' && !SAME_SITE_FETCH.has(fetchSite)) throw new CrossSiteRequestError();
      const origin = request.headers.origin;
      if (typeof origin === 'string') {
        const expected = configuredOrigin ?? originFromUrl(`${request.protocol}://${request.host}`);
        if (expected === null || originFromUrl(origin) !== expected) throw new CrossSiteRequestError();
      }
    },
  };
}

/** Normalized origin (default ports dropped, host lowercased); null for anything unparsable, including "null". */
function originFromUrl(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function csrfTokenOf(request: FastifyRequest): string | null {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string' && header.length > 0) return header;
  const body = request.body;
  if (typeof body === 'object' && body !== null && '_csrf' in body) {
    const field = (body as Record<string, unknown>)._csrf;
    if (typeof field === 'string' && field.length > 0) return field;
  }
  return null;
}
