import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LazyRequestLogger } from './lazy-request-logger.js';
import { redactedLogPaths } from './logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  const parent = pino({ level: 'info', redact: { paths: redactedLogPaths, censor: '[redacted]' } }, stream);
  return { lines, parent };
}

describe('LazyRequestLogger', () => {
  it('writes the same lines a pino child would: bindings included, secrets redacted', () => {
    const { lines, parent } = capture();
    const logger = new LazyRequestLogger(parent, { reqId: 'r-1' });
    logger.info({ body: { password: 'hunter2hunter2' } }, 'hello %s', 'world');
    logger.error(new Error('boom'));
    logger.debug('below the level: not written');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: 'r-1', msg: 'hello world', body: { password: '[redacted]' }, level: 30 });
    expect(lines[1]).toMatchObject({ reqId: 'r-1', level: 50, err: { message: 'boom' } });
  });

  it('builds the real child only when a line is written', () => {
    const { parent } = capture();
    let children = 0;
    const counting = Object.assign(Object.create(parent) as typeof parent, {
      child: (...args: Parameters<typeof parent.child>) => {
        children += 1;
        return parent.child(...args);
      },
    });
    const logger = new LazyRequestLogger(counting, { reqId: 'r-2' });
    expect(logger.level).toBe('info');
    expect(children).toBe(0);
    logger.warn('first');
    logger.warn('second');
    expect(children).toBe(1);
  });

  it('passes child() and level changes through to the real logger', () => {
    const { lines, parent } = capture();
    const logger = new LazyRequestLogger(parent, { reqId: 'r-3' });
    logger.level = 'debug';
    logger.debug('now written');
    logger.child({ step: 'inner' }).info('nested');
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r-3', msg: 'now written' }),
      expect.objectContaining({ reqId: 'r-3', step: 'inner', msg: 'nested' }),
    ]);
    expect(parent.level).toBe('info');
  });

  it('reports and applies a route\'s own log level (passed in the child options) before any line is written', () => {
    const { lines, parent } = capture();
    const logger = new LazyRequestLogger(parent, { reqId: 'r-4' }, { level: 'warn' });
    expect(logger.level).toBe('warn');
    logger.info('below the route level');
    logger.warn('at the route level');
    expect(lines.map((line) => line.msg)).toEqual(['at the route level']);
  });
});
