import { isDomainError, unavailable, type DomainError } from '../errors.js';

/**
 * Whether an error means the database could not be reached or did not answer in time (as opposed to a
 * bug or a refused statement): the request gets UNAVAILABLE / 503 with a retry time instead of a masked
 * internal error. Walks the causes a driver adapter wraps errors in (Prisma's DriverAdapterError, pg's
 * errors, Node's socket errors).
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Prisma: can't reach / timed out / connection closed / pool timeout / transaction API (closed, could not start) */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
/** Prisma's driver adapter error kinds for a lost or missing connection */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError', 'TransactionAlreadyClosed']);
/** SQLSTATE: connection exceptions, shutdown, too many connections, statement timeout (query_canceled), lock timeout */
const SQLSTATE = /^(08...|57P0[123]|53300|57014|55P03)$/;
const MESSAGES = /Query read timeout|Connection terminated|timeout exceeded when trying to connect|not queryable|Transaction already closed|Unable to start a transaction|Connection is closed|Can't reach database server/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 6) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; originalCode?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.originalCode === 'string' && SQLSTATE.test(e.originalCode)) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

/** The error a client may be told about: a DomainError as it is, a database that did not answer as UNAVAILABLE, anything else null (masked). */
export function asDomainError(error: unknown): DomainError | null {
  if (isDomainError(error)) return error;
  return isDatabaseUnavailable(error) ? unavailable() : null;
}
