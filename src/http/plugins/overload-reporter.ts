import type { FastifyBaseLogger } from 'fastify';
import type { OverloadedError } from '../../errors.js';

/** One warning per this long, however many requests are refused. */
export const OVERLOAD_REPORT_INTERVAL_MS = 10_000;

/**
 * 503 `overloaded` answers come in floods: every login, sign-up and password change while the
 * hash queue is full or the throttle store is unreachable. Logged one by one, with a stack
 * each, they would let anyone turn an outage into a flood of error lines. This logs one warning
 * per interval, without a stack, with how many refusals it stands for.
 */
export function createOverloadReporter(now: () => number = Date.now): (log: FastifyBaseLogger, error: OverloadedError) => void {
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let unreported = 0;
  return (log, error) => {
    unreported += 1;
    const at = now();
    if (at - lastReportAt < OVERLOAD_REPORT_INTERVAL_MS) return;
    // The cause's message only (a Redis failure names it), never the error object and its stack.
    const cause = error.cause instanceof Error ? error.cause.message : 'the password-hash queue is full';
    log.warn({ refusals: unreported, cause }, 'answering 503 overloaded');
    lastReportAt = at;
    unreported = 0;
  };
}
