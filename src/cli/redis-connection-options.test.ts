import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { describeRedisUrl, redisConnectionOptions, REDIS_COMMAND_TIMEOUT_MS } from './redis-connection-options.js';

/** As the server gets it: through the config loader, which canonicalises the URL. */
const optionsFor = (raw: string) => redisConnectionOptions(loadConfig({ REDIS_URL: raw }).redisUrl as string);

describe('redisConnectionOptions', () => {
  it('takes host, port, credentials and database from the URL, decoding percent-escapes', () => {
    expect(optionsFor('redis://bulwark:p%40ss%3Aword@redis.internal:6380/3')).toMatchObject({
      host: 'redis.internal',
      port: 6380,
      username: 'bulwark',
      password: 'p@ss:word',
      db: 3,
    });
    const plain = optionsFor('redis://127.0.0.1');
    expect(plain).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(plain).not.toHaveProperty('username');
    expect(plain).not.toHaveProperty('password');
    expect(plain).not.toHaveProperty('tls');
    expect(optionsFor('redis://:secret@[::1]:7000/')).toMatchObject({ host: '::1', port: 7000, password: 'secret', db: 0 });
  });

  it('uses TLS for rediss://, however the scheme was spelled', () => {
    expect(optionsFor('rediss://redis.example.com').tls).toEqual({});
    expect(optionsFor('REDISS://redis.example.com').tls).toEqual({});
    expect(optionsFor('Rediss://redis.example.com')).not.toHaveProperty('tls.rejectUnauthorized');
  });

  it('bounds every wait, so a dead or silent Redis cannot hold a request open', () => {
    const options = optionsFor('redis://127.0.0.1:6379');
    expect(options.commandTimeout).toBe(REDIS_COMMAND_TIMEOUT_MS);
    expect(options.commandTimeout).toBeLessThanOrEqual(2_000);
    expect(options.connectTimeout).toBeGreaterThan(0);
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.maxRetriesPerRequest).toBe(1);
    expect(options.lazyConnect).toBe(true);
    // Reconnection goes on, spaced out to at most 2 s between attempts.
    const retry = options.retryStrategy as (attempt: number) => number;
    expect(retry(1)).toBeGreaterThan(0);
    expect(retry(1_000)).toBe(2_000);
  });

  it('refuses other schemes (a programmer error: the loader already checked)', () => {
    expect(() => redisConnectionOptions('http://127.0.0.1:6379')).toThrow(TypeError);
  });
});

describe('describeRedisUrl', () => {
  it('keeps scheme, host, port and database, and drops the credentials', () => {
    expect(describeRedisUrl('rediss://bulwark:hunter2@redis.internal:6380/2')).toBe('rediss://redis.internal:6380/2');
    expect(describeRedisUrl('redis://:hunter2@127.0.0.1')).toBe('redis://127.0.0.1');
    expect(describeRedisUrl('redis://:hunter2@[::1]:6379/')).toBe('redis://[::1]:6379/');
  });
});
