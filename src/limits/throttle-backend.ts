import type { Redis } from 'ioredis';

/**
 * Where throttle counters live. `memory` is per process (one instance, or tests); `redis`
 * shares the counters between instances, so a block placed by one is honoured by all.
 */
export type ThrottleBackend =
  | { kind: 'memory' }
  | {
      kind: 'redis';
      /** A connected ioredis client; the throttle never closes it. */
      client: Redis;
      /** Namespace for every key written (default `bulwark`), so several deployments can share one Redis. */
      keyPrefix?: string;
    };

export const memoryBackend: ThrottleBackend = { kind: 'memory' };
