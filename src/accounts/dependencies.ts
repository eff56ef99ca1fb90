import type { Config } from '../config/types.js';
import type { LoginThrottle, RegistrationThrottle } from '../limits/index.js';
import type { PasswordHasher } from '../passwords/types.js';
import type { Store } from '../store/types.js';

/** Milliseconds since the epoch; passed in so tests and use cases agree on "now". */
export type Clock = () => number;

/** Everything a use case may touch, passed explicitly (no globals, no HTTP types). */
export interface AccountDependencies {
  store: Store;
  hasher: PasswordHasher;
  loginThrottle: LoginThrottle;
  registrationThrottle: RegistrationThrottle;
  clock: Clock;
  /** The policy itself is checked by `hasher` (with its blocklist file); historySize is read here. */
  config: Pick<Config, 'passwordPolicy' | 'session'>;
}

/** Where a request came from, as far as the use cases need to know. */
export interface RequestOrigin {
  ip: string;
  userAgent: string | null;
}
