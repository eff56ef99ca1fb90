import type { AccountDependencies } from '../accounts/index.js';
import type { Config } from '../config/types.js';
import { createLoginThrottle, createRegistrationThrottle } from '../limits/index.js';
import { createPasswordHasher } from '../passwords/index.js';
import { openStore } from '../store/index.js';

export interface RunningDependencies extends AccountDependencies {
  close(): Promise<void>;
}

/** The composition root: real store, password worker pool and throttles, from validated configuration. */
export async function createDependencies(config: Config): Promise<RunningDependencies> {
  const store = await openStore(config.databaseUrl);
  // Each worker reads the blocklist file and builds the strength estimator as it starts, not on the first sign-up.
  const hasher = createPasswordHasher({
    argon2: config.argon2,
    workers: config.hashWorkers,
    maxQueue: config.hashQueueMax,
    policy: config.passwordPolicy,
    blocklistFile: config.passwordBlocklistFile,
  });
  return {
    store,
    hasher,
    loginThrottle: createLoginThrottle(config.throttle),
    registrationThrottle: createRegistrationThrottle(config.throttle),
    clock: Date.now,
    config: { passwordPolicy: config.passwordPolicy, session: config.session },
    async close() {
      await hasher.close();
      await store.close();
    },
  };
}
