import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OverloadedError } from '../errors.js';

/** What a client is told to wait when the shared store fails: about one reconnection attempt. */
export const STORE_FAILURE_RETRY_AFTER_SECONDS = 5;

type Args<K extends keyof RateLimiterAbstract> = RateLimiterAbstract[K] extends (...args: infer A) => unknown ? A : never;

/**
 * RateLimiterRedis that fails closed in a way a client can act on: a Redis failure (down,
 * timed out, refused) rejects with OverloadedError (503 with Retry-After) instead of a raw client
 * error (a 500). Nothing is counted anywhere else meanwhile: per-process fallback counters
 * would give an attacker a fresh allowance on every instance, and forget every block, whenever
 * Redis can be made to fail. A limit's own answer (a RateLimiterRes) passes through unchanged.
 */
export class FailClosedRateLimiterRedis extends RateLimiterRedis {
  override consume(...args: Args<'consume'>): Promise<RateLimiterRes> {
    return super.consume(...args).catch(refuseOnStoreFailure);
  }

  override penalty(...args: Args<'penalty'>): Promise<RateLimiterRes> {
    return super.penalty(...args).catch(refuseOnStoreFailure);
  }

  override reward(...args: Args<'reward'>): Promise<RateLimiterRes> {
    return super.reward(...args).catch(refuseOnStoreFailure);
  }

  override get(...args: Args<'get'>): Promise<RateLimiterRes | null> {
    return super.get(...args).catch(refuseOnStoreFailure);
  }

  override set(...args: Args<'set'>): Promise<RateLimiterRes> {
    return super.set(...args).catch(refuseOnStoreFailure);
  }

  override block(...args: Args<'block'>): Promise<RateLimiterRes> {
    return super.block(...args).catch(refuseOnStoreFailure);
  }

  override delete(...args: Args<'delete'>): Promise<boolean> {
    return super.delete(...args).catch(refuseOnStoreFailure);
  }
}

function refuseOnStoreFailure(rejection: unknown): never {
  if (rejection instanceof RateLimiterRes) throw rejection;
  const refusal = new OverloadedError(STORE_FAILURE_RETRY_AFTER_SECONDS);
  // For the server's log only (the client sees the generic 503). A fresh error with the message
  // alone: ioredis attaches the failed command and its arguments to reply errors.
  const reason = rejection instanceof Error ? rejection.message : String(rejection);
  Object.defineProperty(refusal, 'cause', { value: new Error(`throttle store (Redis) failed: ${reason}`) });
  throw refusal;
}
