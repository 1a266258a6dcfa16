/**
 * Whether an error means a backing store or another service is briefly out of reach — Postgres
 * restarting, a connection dropped, the pool unable to connect, an HTTP peer that broke off —
 * rather than a defect. Such a request is
 * answered 503 with Retry-After (the caller may retry; writes carry Idempotency-Key), not 500.
 * Looks through TypeORM's `driverError` and `cause` chains, by the shapes pg and Node give.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (
    typeof e.code === 'string' &&
    (NETWORK_CODES.has(e.code) || POSTGRES_UNAVAILABLE.test(e.code))
  )
    return true;
  if (error instanceof Error && RELEASED_RUNNER.has(error.name)) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(e.message as string)))
    return true;
  // Node's AggregateError of a failed connect (IPv4 and IPv6 both refused).
  if (Array.isArray(e.errors) && e.errors.some((x) => isDependencyUnavailable(x, depth + 1)))
    return true;
  return (
    isDependencyUnavailable(e.driverError, depth + 1) || isDependencyUnavailable(e.cause, depth + 1)
  );
}

/** Seconds a caller should wait before retrying (a Postgres restart takes a few). */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 2;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // undici (fetch, the gateway's dispatcher): the peer broke off, or did not connect or answer.
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/**
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect
 * now), 53300 (too many connections).
 */
const POSTGRES_UNAVAILABLE = /^(08\d{3}|57P0[123]|53300)$/;
/**
 * TypeORM's query runner released under a transaction: pg's client emitted `error` (the
 * connection died), TypeORM released the runner, and the transaction's next query throws one of
 * these (the manager's `query`, or a query builder's). Used after release by a defect, it would
 * read as an outage too; the tests of every service would see that as a 503 where they expect
 * another answer.
 */
const RELEASED_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];
