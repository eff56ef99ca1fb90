import type { Config } from '../config/types.js';

/**
 * A warning for the start-up output when the throttles cannot be shared but the database can:
 * on PostgreSQL several instances are expected, and each would count logins and sign-ups on its
 * own, so an attacker spreading requests over them gets every limit that many times over.
 */
export function throttleScopeWarning(config: Pick<Config, 'databaseUrl' | 'redisUrl'>): string | null {
  if (config.redisUrl !== null || config.databaseUrl.startsWith('sqlite:')) return null;
  return 'Warning: REDIS_URL is unset, so login and sign-up throttles count in this process only. '
    + 'With several instances on this PostgreSQL database, every limit is multiplied by their number; set REDIS_URL to share them.\n';
}
