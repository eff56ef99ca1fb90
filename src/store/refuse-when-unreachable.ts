import { OverloadedError } from '../errors.js';

/** How long a client is asked to wait when the database does not answer. */
export const DATABASE_UNREACHABLE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
]);
/**
 * SQLSTATE connection exceptions (class 08, except 08P01, a protocol violation: a bug, not an
 * outage, and 08007, whose transaction may have committed), shutdown in progress, cannot connect
 * now, too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(?:0800[0-6]|57P0[1-3]|53300)$/;
/**
 * pg reports a lost or never-made connection with these messages and no code. The one place an
 * error is told apart by its text (DESIGN.md avoids that): the strings are pg's own, fixed ones.
 */
const LOST_CONNECTION_MESSAGE = /^(?:Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** Whether the failure is the database being out of reach (worth retrying), not a bad query. */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code) || LOST_CONNECTION_MESSAGE.test(error.message);
}

function refuseIfUnreachable(error: unknown): never {
  if (!isDatabaseUnreachable(error)) throw error;
  const refusal = new OverloadedError(DATABASE_UNREACHABLE_RETRY_AFTER_SECONDS);
  // For the server's log only; the client sees the generic 503. The message alone: a pg error
  // names the address it could not reach, never the password.
  Object.defineProperty(refusal, 'cause', { value: new Error(`database unreachable: ${(error as Error).message}`) });
  throw refusal;
}

/**
 * Wraps a store of a shared database (PostgreSQL) so that losing the database answers 503
 * `overloaded` with Retry-After, like losing Redis, instead of a 500 and a stack per request:
 * a client may retry, and the error handler logs one warning per interval, not one per request.
 * Any other failure passes through unchanged.
 */
export function refuseWhenUnreachable<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        return result instanceof Promise ? result.catch(refuseIfUnreachable) : result;
      };
    },
  });
}
