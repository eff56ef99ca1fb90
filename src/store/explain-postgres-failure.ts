/** Why a PostgreSQL connection failed, by the driver's or the server's code, and what to check. */
const CONNECT_FAILURE_ADVICE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing listens there: start PostgreSQL or fix the host and port',
  ENOTFOUND: 'the host name does not resolve: fix the host',
  EAI_AGAIN: 'the host name could not be looked up just now: check DNS, or fix the host',
  ETIMEDOUT: 'no answer in time: check the host, the port and any firewall between',
  EHOSTUNREACH: 'the host cannot be reached: check the host and the network',
  ECONNRESET: 'the server closed the connection: check that the port is PostgreSQL\'s and whether it requires TLS',
  '28P01': 'the password was refused: fix the user or password',
  '28000': 'the server refused this user or client: check pg_hba.conf and the user name',
  '3D000': 'that database does not exist: create it, or fix the database name',
  '57P03': 'the server is starting up or shutting down: try again shortly',
};

/**
 * The first connection's failure, as one line that names DATABASE_URL and the server (host, port
 * and database, never the user or password) and says what to check. Other errors pass unchanged.
 */
export function explainPostgresFailure(connectionString: string, error: unknown): unknown {
  // The migrator wraps what failed under it; the driver's code is then on the cause.
  const failure = error instanceof Error && !('code' in error) && error.cause instanceof Error ? error.cause : error;
  if (!(failure instanceof Error) || !('code' in failure) || typeof failure.code !== 'string') return error;
  const advice = CONNECT_FAILURE_ADVICE[failure.code];
  if (advice === undefined) return error;
  // parseDatabaseUrl refused any URL whose password the parser could misread as host or path.
  const url = new URL(connectionString);
  return new Error(`DATABASE_URL: cannot connect to PostgreSQL at ${url.host}${url.pathname} (${failure.code}); ${advice}.`, { cause: error });
}
