import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts the built-in `node:sqlite` to the interface Kysely's SqliteDialect expects
 * (better-sqlite3's shape). No published dialect for node:sqlite kept RETURNING rows intact,
 * and a native addon is ruled out (no node-gyp), so this small wrapper is ours.
 */
export function openSqlite(filename: string): { database: SqliteDatabase; raw: DatabaseSync } {
	const raw = new DatabaseSync(filename, { enableForeignKeyConstraints: true });
	raw.exec('PRAGMA journal_mode = WAL');
	raw.exec('PRAGMA busy_timeout = 5000');
	raw.exec('PRAGMA synchronous = NORMAL');
	raw.exec('PRAGMA foreign_keys = ON');
	return { raw, database: wrap(raw) };
}

function wrap(raw: DatabaseSync): SqliteDatabase {
	return {
		close: () => raw.close(),
		prepare(sql: string): SqliteStatement {
			// SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR…);
			// Kysely's ROLLBACK would then fail with "no transaction is active" and hide the real error.
			if (/^\s*rollback\s*;?\s*$/i.test(sql) && !raw.isTransaction) return NO_OP;
			const statement = raw.prepare(sql);
			// `reader` tells Kysely whether to expect rows; a statement reads when it has result columns.
			const reader = statement.columns().length > 0;
			return {
				reader,
				all: (parameters) => statement.all(...bind(parameters)) as unknown[],
				run: (parameters) => {
					const result = statement.run(...bind(parameters));
					return {
						changes: Number(result.changes),
						lastInsertRowid: Number(result.lastInsertRowid)
					};
				},
				iterate: (parameters) => iterate(statement, parameters)
			};
		}
	};
}

const NO_OP: SqliteStatement = {
	reader: false,
	all: () => [],
	run: () => ({ changes: 0, lastInsertRowid: 0 }),
	iterate: () => [][Symbol.iterator]()
};

function* iterate(statement: StatementSync, parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
	yield* statement.iterate(...bind(parameters)) as IterableIterator<unknown>;
}

/**
 * node:sqlite binds NULL silently when a Date or plain object comes first, throws for them in
 * other positions, and throws on `undefined`. Normalise every value to what SQLite stores.
 */
export function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
	return parameters.map(toSqliteValue);
}

export function toSqliteValue(value: unknown): SQLInputValue {
	if (value === undefined || value === null) return null;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value;
	if (value instanceof Uint8Array) return value;
	return JSON.stringify(value);
}
