import pg from 'pg';

/**
 * A pg Pool whose INT8 (bigint) values come back as numbers. Every bigint Bulwark stores is
 * an epoch-millisecond time, an auto id or a row count, all far below 2^53. The parser is set
 * on this pool only (TypeOverrides), leaving pg's global parsers as other code expects them.
 */
export function createPostgresPool(connectionString: string): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, 'text', parseInt8);
  const pool = new pg.Pool({ connectionString, types, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection emits 'error' on the pool, which would crash the
  // process without a listener. The pool drops that client; the next query reports failure.
  pool.on('error', () => {});
  // A client in use has no pool listener: when its connection drops (a restart, a failover, a
  // network cut), pg emits 'error' on the client itself, and with no listener that error stopped
  // the whole process. The query in flight still fails with it, and the pool discards the client
  // when it is released, so this listener only keeps the process alive.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError('A PostgreSQL bigint value is outside the safe integer range.');
  }
  return value;
}
