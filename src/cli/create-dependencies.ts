import type { AccountDependencies } from '../accounts/index.js';
import type { Config } from '../config/types.js';
import { createLoginThrottle, createRegistrationThrottle } from '../limits/index.js';
import { createPasswordHasher, loadPasswordPolicy, readBlocklistFile } from '../passwords/index.js';
import { openStore } from '../store/index.js';

export interface RunningDependencies extends AccountDependencies {
  close(): Promise<void>;
}

/** The composition root: real store, hash pool and throttles, from validated configuration. */
export async function createDependencies(config: Config): Promise<RunningDependencies> {
  const store = await openStore(config.databaseUrl);
  const hasher = createPasswordHasher({ argon2: config.argon2, workers: config.hashWorkers, maxQueue: config.hashQueueMax });
  const extraPasswordBlocklist = config.passwordBlocklistFile === null ? undefined : new Set(await readBlocklistFile(config.passwordBlocklistFile));
  // Builds the blocklist and the strength estimator now, not on the first sign-up.
  loadPasswordPolicy();
  return {
    store,
    hasher,
    loginThrottle: createLoginThrottle(config.throttle),
    registrationThrottle: createRegistrationThrottle(config.throttle),
    clock: Date.now,
    config: { passwordPolicy: config.passwordPolicy, session: config.session, extraPasswordBlocklist },
    async close() {
      await hasher.close();
      await store.close();
    },
  };
}
