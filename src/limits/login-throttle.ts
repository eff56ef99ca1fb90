import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { ThrottleOptions } from './types.js';
import { assertThrottleOptions } from './assert-throttle-options.js';
import { computeBlockSeconds } from './compute-block-seconds.js';
import { consumePoint } from './consume-point.js';
import { createCounter } from './create-counter.js';
import { hashKey } from './hash-key.js';
import { memoryBackend, type ThrottleBackend } from './throttle-backend.js';
import { toClientNetwork } from './to-client-network.js';
import { toRetryAfterSeconds } from './to-retry-after-seconds.js';

/** One reserved login attempt; settle it exactly once, after the password was checked. */
export interface LoginAttempt {
  /** Right password: the pair's failures and block history are forgotten, the client's point is given back. */
  succeeded(): Promise<void>;
  /** Wrong password (or unknown account): the reserved points stay counted. */
  failed(): Promise<void>;
  /** The password was never checked (e.g. the hash queue was full): both points are given back. */
  abandoned(): Promise<void>;
}

export type BeginAttemptResult =
  | { allowed: true; attempt: LoginAttempt }
  | {
    allowed: false;
    retryAfterSeconds: number;
    /**
     * True for the first refusal in a minute of this (account key, client) pair, or of this
     * client once it is over its own limit, and at most five a minute per client: worth an audit
     * event. Later ones are not, so a refused client, whose every request is cheap, cannot fill
     * the audit log, however many names it has blocked.
     */
    reportable: boolean;
  };

export interface LoginThrottle {
  /**
   * Call before verifying any password. `accountKey` is the canonical login identifier
   * (as typed, normalised by the caller); `ip` the client address as seen through trusted proxies.
   */
  beginAttempt(accountKey: string, ip: string): Promise<BeginAttemptResult>;
}

const clientReportKey = (clientKey: string): string => `client:${clientKey}`;
const pairReportKey = (pairKey: string): string => `pair:${pairKey}`;

/** How long a pair's failures are remembered when no block followed them. */
const FAILURE_MEMORY_SECONDS = 86_400;
/** How long, after a block ends, the pair's block count is remembered (so the next block grows). */
const BLOCK_MEMORY_SECONDS = 86_400;
const IP_WINDOW_SECONDS = 3_600;
/** At most one reportable refusal per pair, or per client over its limit, in this window. */
const REFUSAL_REPORT_WINDOW_SECONDS = 60;
/** And at most this many per client in the window, whatever it refuses. */
const REPORTS_PER_CLIENT_PER_WINDOW = 5;
/** The block-count counter is never "full"; it only counts. */
const UNLIMITED_POINTS = 1_000_000_000;

/**
 * Brute-force defence for password checks, as two counters consulted before the password is:
 *
 * - per (account, client): every attempt reserves a point; the point stays on failure and the
 *   counter is deleted on success. The attempt that finds the counter already at the maximum
 *   is the unique one that crosses it (counters increment atomically), and it places the block
 *   on that same counter, so the block ends by itself and then the pair starts afresh.
 *   Each further block of the pair doubles, up to a day.
 * - per client (IPv4 address or IPv6 /64) across accounts: a fixed one-hour window of reserved
 *   points; success gives its own point back, so only failures accumulate.
 *
 * Reserving at the start (rather than counting after the check) is what keeps parallel
 * guesses from all passing a limit that none of them has reached yet.
 */
export function createLoginThrottle(options: ThrottleOptions, backend: ThrottleBackend = memoryBackend): LoginThrottle {
  assertThrottleOptions(options, ['loginMaxConsecutiveFailures', 'loginBlockSeconds', 'loginMaxFailuresPerIpPerHour']);
  const maxPairFailures = options.loginMaxConsecutiveFailures;
  const maxClientFailures = options.loginMaxFailuresPerIpPerHour;
  const baseBlockSeconds = options.loginBlockSeconds;

  const pairFailures = createCounter(backend, {
    name: 'login-pair-failures',
    points: maxPairFailures,
    durationSeconds: FAILURE_MEMORY_SECONDS,
  });
  const pairBlocks = createCounter(backend, {
    name: 'login-pair-blocks',
    points: UNLIMITED_POINTS,
    durationSeconds: BLOCK_MEMORY_SECONDS,
  });
  const clientFailures = createCounter(backend, {
    name: 'login-client-failures',
    points: maxClientFailures,
    durationSeconds: IP_WINDOW_SECONDS,
  });
  const reportedRefusals = createCounter(backend, {
    name: 'login-reported-refusals',
    points: 1,
    durationSeconds: REFUSAL_REPORT_WINDOW_SECONDS,
  });
  const reportsPerClient = createCounter(backend, {
    name: 'login-reports-per-client',
    points: REPORTS_PER_CLIENT_PER_WINDOW,
    durationSeconds: REFUSAL_REPORT_WINDOW_SECONDS,
  });

  /**
   * Places the pair's next block and returns its length in seconds. The count is an atomic
   * increment: two crossings close together (one can follow a give-back by an abandoned
   * attempt) count as two blocks, so the second is longer, never lost.
   */
  async function blockPair(pairKey: string): Promise<number> {
    const counted = await pairBlocks.penalty(pairKey);
    const seconds = computeBlockSeconds(baseBlockSeconds, counted.consumedPoints);
    await Promise.all([
      pairBlocks.set(pairKey, counted.consumedPoints, seconds + BLOCK_MEMORY_SECONDS),
      pairFailures.block(pairKey, seconds),
    ]);
    return seconds;
  }

  /**
   * Wait for a refused pair. Normally the block's remaining time; but an attempt refused while
   * the crossing attempt is still placing the block sees the counter's day-long window instead,
   * so the answer is capped at the length of the latest counted block: the one being placed once
   * its count is in (and the first block before that). Only before a later block's count is in
   * can the answer be short; a client that retries early is refused again, with the right time.
   */
  async function pairRetryMs(pairKey: string, refused: RateLimiterRes): Promise<number> {
    const blocks = await pairBlocks.get(pairKey);
    const latestBlockMs = computeBlockSeconds(baseBlockSeconds, Math.max(blocks?.consumedPoints ?? 0, 1)) * 1000;
    return refused.msBeforeNext > 0 ? Math.min(refused.msBeforeNext, latestBlockMs) : latestBlockMs;
  }

  function createAttempt(clientKey: string, pairKey: string): LoginAttempt {
    let settled = false;
    const settle = (): void => {
      if (settled) throw new TypeError('This login attempt was already settled.');
      settled = true;
    };
    return {
      async succeeded() {
        settle();
        await Promise.all([pairFailures.delete(pairKey), pairBlocks.delete(pairKey), clientFailures.reward(clientKey)]);
      },
      async failed() {
        settle();
      },
      async abandoned() {
        settle();
        // Not given back once the pair is blocked: lowering a blocked counter could let a
        // second attempt "cross" it and place another, longer block.
        const pair = await pairFailures.get(pairKey);
        const givePairBack = pair !== null && pair.consumedPoints <= maxPairFailures;
        await Promise.all([clientFailures.reward(clientKey), givePairBack ? pairFailures.reward(pairKey) : null]);
      },
    };
  }

  /** `reportKey` names what refused: the client (over its limit) or the pair (blocked). */
  async function refuse(ms: number, reportKey: string, clientKey: string): Promise<BeginAttemptResult> {
    const reportable = (await consumePoint(reportedRefusals, reportKey)).ok && (await consumePoint(reportsPerClient, clientKey)).ok;
    return { allowed: false, retryAfterSeconds: toRetryAfterSeconds(ms), reportable };
  }

  return {
    async beginAttempt(accountKey, ip) {
      if (typeof accountKey !== 'string') throw new TypeError('accountKey must be a string');
      if (typeof ip !== 'string') throw new TypeError('ip must be a string');
      const client = toClientNetwork(ip);
      const clientKey = hashKey(client);
      const pairKey = hashKey(accountKey, client);

      // 1. Read first: a client or pair already over its limit is refused without any write.
      const [clientNow, pairNow] = await Promise.all([clientFailures.get(clientKey), pairFailures.get(pairKey)]);
      const clientOver = clientNow !== null && clientNow.consumedPoints >= maxClientFailures;
      // "> max", not ">=": the attempt that finds exactly max must go on to cross and place the block.
      const pairOver = pairNow !== null && pairNow.consumedPoints > maxPairFailures;
      if (clientOver || pairOver) {
        const waits = [clientOver ? clientNow.msBeforeNext : 0, pairOver ? await pairRetryMs(pairKey, pairNow) : 0];
        return refuse(Math.max(...waits), pairOver ? pairReportKey(pairKey) : clientReportKey(clientKey), clientKey);
      }

      // 2. Reserve the client's point. A refused reservation is given back at once, so the
      //    counter keeps meaning "attempts in flight plus failures" and a later success's
      //    give-back leaves exactly the right number of failures allowed.
      const clientReserved = await consumePoint(clientFailures, clientKey);
      if (!clientReserved.ok) {
        await clientFailures.reward(clientKey);
        return refuse(clientReserved.res.msBeforeNext, clientReportKey(clientKey), clientKey);
      }

      // 3. Reserve the pair's point; the one attempt that crosses the limit places the block.
      const pairReserved = await consumePoint(pairFailures, pairKey);
      if (!pairReserved.ok) {
        await clientFailures.reward(clientKey);
        if (pairReserved.res.consumedPoints === maxPairFailures + 1) return refuse((await blockPair(pairKey)) * 1000, pairReportKey(pairKey), clientKey);
        return refuse(await pairRetryMs(pairKey, pairReserved.res), pairReportKey(pairKey), clientKey);
      }
      return { allowed: true, attempt: createAttempt(clientKey, pairKey) };
    },
  };
}
