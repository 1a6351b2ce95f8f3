import { StorageUnavailable } from '../port/storage-unavailable.js';

/** Socket errors of a connection that could not be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs after which the same work may succeed if tried again: 08 (connection exceptions),
 * 40001 (serialization failure), 40P01 (deadlock), 53300 (too many connections), 57014 (a
 * statement timeout), 57P01-57P03 (the server is shutting down, crashed or still starting).
 */
const RETRYABLE_STATES = /^(08...|40001|40P01|53300|57014|57P0[123])$/;

/** What node-postgres says when the connection went away under it, or never came. */
const LOST_CONNECTION = /Connection terminated|connection error|timeout exceeded when trying to connect|Query read timeout|not queryable/i;

/** Whether `error` says the database could not do the work now, rather than that the work was wrong. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || RETRYABLE_STATES.test(code))) return true;
  return LOST_CONNECTION.test(error.message);
}

/** `error` as the port reports it: StorageUnavailable when the same work may be tried again, else as it was. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailable || !isRetryable(error)) return error;
  return new StorageUnavailable(`The relay's database cannot do this now (${(error as Error).message}); try again.`, { cause: error });
}
