import type { AccountDependencies } from '../accounts/index.js';
import type { Config } from '../config/types.js';
import { createLoginThrottle, createRegistrationThrottle } from '../limits/index.js';
import { createPasswordHasher } from '../passwords/index.js';
import { openStore } from '../store/index.js';
import { openThrottleBackend, type ThrottleStoreLogger } from './open-throttle-backend.js';

export interface RunningDependencies extends AccountDependencies {
  close(): Promise<void>;
}

export interface DependencyOptions {
  /** Where a Redis outage while serving is reported (the requests themselves get 503). */
  logger?: ThrottleStoreLogger;
}

/** The composition root: real store, password worker pool and throttles, from validated configuration. */
export async function createDependencies(config: Config, options: DependencyOptions = {}): Promise<RunningDependencies> {
  // First, as it is the quickest to fail: a Redis that does not answer stops the start before anything is opened.
  const throttleStore = await openThrottleBackend(config, options.logger);
  const store = await openStore(config.databaseUrl).catch(async (error: unknown) => {
    await throttleStore.close();
    throw error;
  });
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
    // One backend for both: with Redis, a block placed by any instance holds on every instance.
    loginThrottle: createLoginThrottle(config.throttle, throttleStore.backend),
    registrationThrottle: createRegistrationThrottle(config.throttle, throttleStore.backend),
    clock: Date.now,
    config: { passwordPolicy: config.passwordPolicy, session: config.session },
    async close() {
      await hasher.close();
      await store.close();
      await throttleStore.close();
    },
  };
}
