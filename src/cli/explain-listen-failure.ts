import type { Config } from '../config/types.js';

/** What to change when the server cannot listen, by Node's error code. */
const LISTEN_FAILURE_ADVICE: Readonly<Record<string, string>> = {
  EADDRINUSE: 'another program listens there: stop it, or choose another PORT',
  EACCES: 'this user may not listen on that port (below 1024 needs privileges): choose a PORT from 1024 up',
  EADDRNOTAVAIL: 'this machine has no such address: set HOST to one of its addresses, or 0.0.0.0 / :: for all',
  ENOTFOUND: 'the host name does not resolve: set HOST to an address, or to a name this machine resolves',
  EAI_AGAIN: 'the host name could not be looked up just now: set HOST to an address',
};

/** A listen failure as one line naming HOST and PORT and what to change; other errors pass unchanged. */
export function explainListenFailure(config: Pick<Config, 'host' | 'port'>, error: unknown): unknown {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return error;
  const advice = LISTEN_FAILURE_ADVICE[error.code];
  if (advice === undefined) return error;
  return new Error(`cannot listen on HOST ${config.host}, PORT ${config.port} (${error.code}): ${advice}.`, { cause: error });
}
