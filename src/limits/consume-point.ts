import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type ConsumeOutcome = { ok: boolean; res: RateLimiterRes };

/**
 * `consume` rejects with a RateLimiterRes when the limit is reached and with an Error when the
 * store fails; only the first is an answer, the second propagates (fail closed).
 */
export async function consumePoint(counter: RateLimiterAbstract, key: string): Promise<ConsumeOutcome> {
  try {
    return { ok: true, res: await counter.consume(key) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, res: rejection };
    throw rejection;
  }
}
