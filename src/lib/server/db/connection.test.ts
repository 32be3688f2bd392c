import { describe, expect, it } from 'vitest';
import { isPostgresUrl, sqliteFileFromUrl, withDefaultUser } from './connection.js';

describe('isPostgresUrl', () => {
	it.each([
		['postgres://db/parity', true],
		['postgresql://u:p@db:5432/parity', true],
		['POSTGRES://db/parity', true],
		['file:data/parity.sqlite', false],
		['data/parity.sqlite', false],
		[undefined, false]
	] as const)('%s → %s', (url, expected) => {
		expect(isPostgresUrl(url)).toBe(expected);
	});
});

describe('sqliteFileFromUrl', () => {
	it.each([
		[undefined, 'data/parity.sqlite'],
		['', 'data/parity.sqlite'],
		['file:data/other.sqlite', 'data/other.sqlite'],
		['sqlite:///var/lib/parity.sqlite', '/var/lib/parity.sqlite'],
		['/tmp/x.sqlite', '/tmp/x.sqlite'],
		[':memory:', ':memory:']
	] as const)('%s → %s', (url, expected) => {
		expect(sqliteFileFromUrl(url)).toBe(expected);
	});
});

describe('withDefaultUser', () => {
	const noUser = {};
	it.each([
		{ name: 'adds user postgres when the URL and environment name nobody', url: 'postgres://127.0.0.1:5432/parity', env: noUser, expected: 'postgres://127.0.0.1:5432/parity?user=postgres' },
		{ name: 'keeps a user named in the URL', url: 'postgres://app:pw@db:5432/parity', env: noUser, expected: 'postgres://app:pw@db:5432/parity' },
		{ name: 'keeps a user given as a query parameter', url: 'postgres://db/parity?user=app', env: noUser, expected: 'postgres://db/parity?user=app' },
		{ name: 'leaves the choice to pg when PGUSER is set', url: 'postgres://db/parity', env: { PGUSER: 'app' }, expected: 'postgres://db/parity' },
		{ name: 'leaves the choice to pg when USER is set', url: 'postgres://db/parity', env: { USER: 'app' }, expected: 'postgres://db/parity' },
		{ name: 'works for a socket URL without host', url: 'postgres:///parity?host=/var/run/postgresql', env: noUser, expected: 'postgres:///parity?host=%2Fvar%2Frun%2Fpostgresql&user=postgres' }
	])('$name', ({ url, env, expected }) => {
		expect(withDefaultUser(url, env)).toBe(expected);
	});
});
