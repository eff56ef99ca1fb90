import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../errors.js';
import { isDatabaseUnreachable, refuseWhenUnreachable } from './refuse-when-unreachable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('telling a lost database from a failed query', () => {
  it.each([
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('the database system is starting up', '57P03'),
    withCode('sorry, too many clients already', '53300'),
    withCode('connection failure', '08006'),
    withCode('network is down', 'ENETDOWN'),
    new Error('Client was closed and is not queryable'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ])('counts "$message" as unreachable', (error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    withCode('duplicate key value violates unique constraint', '23505'),
    withCode('syntax error at or near "x"', '42601'),
    withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021'),
    withCode('protocol violation', '08P01'),
    withCode('transaction resolution unknown', '08007'),
    new TypeError('boom'),
  ])('leaves "$message" alone', (error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});

describe('a store wrapped to refuse when the database is unreachable', () => {
  const inner = {
    lost: () => Promise.reject(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    conflict: () => Promise.reject(withCode('duplicate key value violates unique constraint', '23505')),
    fine: () => Promise.resolve(42),
    fromMemory: () => 'now',
  };
  const store = refuseWhenUnreachable(inner);

  it('turns a lost database into 503 overloaded with Retry-After 5, the reason kept for the log only', async () => {
    const refusal = await store.lost().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OverloadedError);
    expect(refusal).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect((refusal as Error).message).not.toMatch(/ECONN|127\.0\.0\.1/);
    expect(((refusal as Error).cause as Error).message).toBe('database unreachable: connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('passes every other result and failure through unchanged', async () => {
    await expect(store.conflict()).rejects.toMatchObject({ code: '23505' });
    await expect(store.fine()).resolves.toBe(42);
    expect(store.fromMemory()).toBe('now');
  });
});
