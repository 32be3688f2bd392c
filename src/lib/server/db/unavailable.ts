/**
 * Whether an error means "the database cannot be reached right now" (stopped, restarting, the
 * network to it cut, SQLite locked by another writer too long), as opposed to a bug. Such requests
 * get 503 with Retry-After and a friendly page, and the app recovers by itself when the database
 * returns: pg's pool opens new connections on the next query.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// PostgreSQL SQLSTATEs: connection exceptions (08…) and operator intervention (57P01–57P03).
const POSTGRES_STATES = /^(08\d{3}|08P01|57P0[1-3])$/;
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|database is locked|SQLITE_BUSY/i;

export function isDatabaseUnavailable(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, message, errors } = current as { code?: unknown; message?: unknown; errors?: unknown };
		if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATES.test(code) || code === 'SQLITE_BUSY')) return true;
		if (typeof message === 'string' && MESSAGES.test(message)) return true;
		// AggregateError (e.g. connecting to ::1 and 127.0.0.1 both refused).
		if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * Whether the write failed because storage is full (SQLite: "database or disk is full", the disk
 * or the file's size cap; PostgreSQL: 53100 disk_full). The transaction is rolled back, so nothing
 * was half-written; the person is told plainly, and the admin's log says what to free.
 */
export function isStorageFull(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, errcode, message } = current as { code?: unknown; errcode?: unknown; message?: unknown };
		if (code === '53100' || code === 'SQLITE_FULL' || errcode === 13) return true;
		if (typeof message === 'string' && /database or disk is full|No space left on device|could not extend file/i.test(message)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}
