import type { Logger } from 'pino';
import type { Clock } from '../accounts/index.js';
import type { Config } from '../config/types.js';
import type { Store } from '../store/types.js';

/** Ten minutes: expired sessions already sign no one in; this only reclaims their rows. */
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes sessions past their absolute or idle lifetime every `intervalMs`, so the table does not
 * grow with sessions nobody ends. A failure is logged and retried next time. Returns the stop.
 */
export function scheduleSessionHousekeeping(
  store: Pick<Store, 'sessions'>,
  config: Pick<Config, 'session'>,
  logger: Pick<Logger, 'warn'>,
  clock: Clock = Date.now,
  intervalMs = HOUSEKEEPING_INTERVAL_MS,
): () => void {
  const timer = setInterval(() => {
    const now = clock();
    // The store deletes sessions last seen strictly before the bound; a session idle for exactly
    // the timeout already signs no one in (isSessionExpired), so it goes too.
    store.sessions
      .deleteExpiredSessions(now, now - config.session.idleTimeoutMs + 1)
      .catch((error: unknown) => logger.warn({ err: error }, 'session housekeeping failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
