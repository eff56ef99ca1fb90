import { describe, expect, it } from 'vitest';
import { throttleScopeWarning } from './throttle-scope-warning.js';

describe('throttleScopeWarning', () => {
  it('warns on PostgreSQL without Redis, where instances would each count their own limits', () => {
    for (const databaseUrl of ['postgres://db/app', 'postgresql://db/app']) {
      expect(throttleScopeWarning({ databaseUrl, redisUrl: null })).toContain('set REDIS_URL');
    }
  });

  it('stays quiet with Redis, or on SQLite (one process per file)', () => {
    expect(throttleScopeWarning({ databaseUrl: 'postgres://db/app', redisUrl: 'redis://cache:6379' })).toBeNull();
    expect(throttleScopeWarning({ databaseUrl: 'sqlite:./data/bulwark.db', redisUrl: null })).toBeNull();
  });
});
