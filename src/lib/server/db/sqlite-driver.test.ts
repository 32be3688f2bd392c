import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { bind, toSqliteValue } from './sqlite-driver.js';

describe('toSqliteValue', () => {
	const date = new Date('2026-11-25T15:00:00.000Z');
	const bytes = new Uint8Array([1, 2, 3]);
	it.each([
		{ name: 'undefined', value: undefined, expected: null },
		{ name: 'null', value: null, expected: null },
		{ name: 'true', value: true, expected: 1 },
		{ name: 'false', value: false, expected: 0 },
		{ name: 'a Date', value: date, expected: '2026-11-25T15:00:00.000Z' },
		{ name: 'a plain object', value: { a: 1, b: ['x'] }, expected: '{"a":1,"b":["x"]}' },
		{ name: 'an array', value: [1, 2], expected: '[1,2]' },
		{ name: 'a string', value: 'text', expected: 'text' },
		{ name: 'a number', value: 4.5, expected: 4.5 },
		{ name: 'a bigint', value: 9007199254740993n, expected: 9007199254740993n },
		{ name: 'bytes', value: bytes, expected: bytes }
	])('stores $name as $expected', ({ value, expected }) => {
		expect(toSqliteValue(value)).toEqual(expected);
	});
});

describe('bind against node:sqlite', () => {
	let db: DatabaseSync;
	beforeEach(() => {
		db = new DatabaseSync(':memory:');
		db.exec('create table t (a, b)');
	});
	afterEach(() => db.close());

	const roundTrip = (first: unknown, second: unknown) => {
		db.prepare('insert into t (a, b) values (?, ?)').run(...bind([first, second]));
		return db.prepare('select a, b from t').get() as { a: unknown; b: unknown };
	};

	it('stores a Date in first position instead of a silent NULL', () => {
		expect(roundTrip(new Date('2026-11-25T15:00:00.000Z'), 'x')).toEqual({ a: '2026-11-25T15:00:00.000Z', b: 'x' });
	});

	it('stores an object in first position as JSON instead of a silent NULL', () => {
		expect(roundTrip({ k: 'v' }, 1)).toEqual({ a: '{"k":"v"}', b: 1 });
	});

	it('stores a boolean in first position as 1/0', () => {
		expect(roundTrip(true, false)).toEqual({ a: 1, b: 0 });
	});

	it('stores undefined as NULL instead of throwing', () => {
		expect(roundTrip(undefined, new Date('2026-01-01T00:00:00.000Z'))).toEqual({ a: null, b: '2026-01-01T00:00:00.000Z' });
	});
});
