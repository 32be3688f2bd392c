import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it.each([
		['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
		['connection reset', withCode('ECONNRESET')],
		['both addresses refused (AggregateError)', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
		['AggregateError without its own code', new AggregateError([withCode('ECONNREFUSED')], '')],
		['server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
		['server starting (57P03)', withCode('57P03', 'the database system is starting up')],
		['connection failure (08006)', withCode('08006')],
		['pool connection terminated', new Error('Connection terminated unexpectedly')],
		['pool connect timeout', new Error('timeout exceeded when trying to connect')],
		['SQLite locked', withCode('SQLITE_BUSY', 'database is locked')],
		['wrapped in a cause', new Error('query failed', { cause: withCode('ECONNREFUSED') })],
	])('%s → unavailable', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

	it.each([
		['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
		['a syntax error', withCode('42601', 'syntax error at or near')],
		['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['SQLite disk full', withCode('ERR_SQLITE_ERROR', 'database or disk is full')],
		['nothing', undefined],
		['a string', 'ECONNREFUSED'],
	])('%s → not unavailable', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));

	it('does not loop on a cause cycle', () => {
		const a = new Error('a');
		const b = new Error('b', { cause: a });
		(a as { cause?: unknown }).cause = b;
		expect(isDatabaseUnavailable(a)).toBe(false);
	});
});
