import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AccountDependencies } from '../accounts/index.js';
import type { Config } from '../config/types.js';
import type { HttpContext } from './http-context.js';
import { LazyRequestLogger } from './lazy-request-logger.js';
import { createLogger } from './logger.js';
import { createClientErrorHandler, createConnectHandler, createExpectationHandler } from './plugins/client-error-handler.js';
import { registerBodyParsers } from './plugins/body-parsers.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { createFrameworkErrorHandler } from './plugins/framework-errors.js';
import { registerResponseWriteBatching } from './plugins/batch-response-writes.js';
import { createRequestGuards } from './plugins/request-guards.js';
import { registerQueryDecodingRequirement } from './plugins/require-decodable-query.js';
import { registerHostRequirement } from './plugins/require-host.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerChangePasswordRoute } from './routes/change-password.js';
import { registerHealthRoute } from './routes/health.js';
import { registerLoginRoute } from './routes/login.js';
import { registerLogoutRoute } from './routes/logout.js';
import { registerRegisterRoute } from './routes/register.js';
import { registerSessionRoute } from './routes/session.js';
import { registerSessionsRoutes } from './routes/sessions.js';
import { createSessionCookiePolicy } from './session-cookie.js';

/** A client must send its whole request, headers included, within this. */
const REQUEST_DEADLINE_MS = 30_000;

export interface BuildAppOptions {
  logger?: Logger;
}

/** The HTTP server: plugins for headers, errors and bodies, then thin route modules. */
export async function buildApp(config: Config, deps: AccountDependencies, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = options.logger ?? createLogger(config);
  const app = Fastify({
    loggerInstance: logger,
    // Per-request lines only when debugging: at info they would double the log volume of every call.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    // Our own ids: a client-supplied X-Request-Id is not trusted into logs.
    genReqId: () => randomUUID(),
    childLoggerFactory: (parent, bindings, options) => new LazyRequestLogger(parent, bindings, options),
    requestIdHeader: false,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: config.bodyLimitBytes,
    // During shutdown in-flight keep-alive requests are served normally (app.close() waits for them).
    return503OnClosing: false,
    clientErrorHandler: createClientErrorHandler(config),
    http: {
      // Node's own missing-Host answer has none of our headers: see require-host.ts.
      requireHostHeader: false,
      // Node looks for overdue requests only this often (default 30 s), and went on giving a
      // request whose headers had arrived the 60 s headersTimeout: a stalled body got its 408
      // after 60 s. Set here, at creation, where Node reads them; Fastify sets requestTimeout later.
      connectionsCheckingInterval: 5_000,
      headersTimeout: REQUEST_DEADLINE_MS,
    },
    // Bad URLs and over-long path parameters are refused by the router before any hook runs.
    frameworkErrors: createFrameworkErrorHandler(config),
    // A client must send its whole request within 30 s (slow-body attacks without a proxy in front).
    requestTimeout: REQUEST_DEADLINE_MS,
    routerOptions: { maxParamLength: 128 },
  });
  app.decorateRequest('auth', null);

  registerErrorHandler(app);
  registerSecurityHeaders(app, config);
  registerHostRequirement(app);
  registerQueryDecodingRequirement(app);
  app.server.on('checkExpectation', createExpectationHandler(config));
  app.server.on('connect', createConnectHandler(config));
  registerResponseWriteBatching(app);
  // JSON and forms only: a text/plain body is what a cross-site <form> can send without a
  // preflight, so it is not accepted.
  registerBodyParsers(app, config.bodyLimitBytes);

  const cookies = createSessionCookiePolicy(config);
  const context: HttpContext = { config, deps, cookies, guards: createRequestGuards(deps, cookies, config) };
  for (const register of [
    registerRegisterRoute,
    registerLoginRoute,
    registerLogoutRoute,
    registerSessionRoute,
    registerChangePasswordRoute,
    registerSessionsRoutes,
    registerHealthRoute,
  ]) {
    register(app, context);
  }
  return app;
}
