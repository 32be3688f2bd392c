import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openSqlite } from './sqlite-driver.js';
import type { Database } from './schema.js';
import { log } from '../log.js';


export type DialectName = 'sqlite' | 'postgres';

export interface Db {
	kysely: Kysely<Database>;
	dialect: DialectName;
	/** The raw node:sqlite handle (SQLite only): used for online backups. */
	sqlite?: DatabaseSync;
	/** The connection URL (PostgreSQL only): pg-boss opens its own small pool with it. */
	url?: string;
	close(): Promise<void>;
}

/**
 * The driver under a Kysely instance opened here, for the one read that must bypass the query
 * builder: on SQLite a participant import reads its stored upload while its own write transaction
 * holds Kysely's only connection (participants/import-files.repository.ts).
 */
export type RawHandle = { dialect: 'sqlite'; sqlite: DatabaseSync } | { dialect: 'postgres'; pool: pg.Pool };
const rawHandles = new WeakMap<Kysely<Database>, RawHandle>();
export const rawHandleOf = (kysely: Kysely<Database>): RawHandle | undefined => rawHandles.get(kysely);

export const DEFAULT_SQLITE_FILE = 'data/parity.sqlite';

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** Opens Parity's database: PostgreSQL when `url` is a postgres:// URL, otherwise a SQLite file. */
export function openDatabase(url: string | undefined): Db {
	if (isPostgresUrl(url)) return openPostgres(url);
	const file = sqliteFileFromUrl(url);
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const { database, raw } = openSqlite(file);
	const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
	rawHandles.set(kysely, { dialect: 'sqlite', sqlite: raw });
	return {
		kysely,
		dialect: 'sqlite',
		sqlite: raw,
		close: () => kysely.destroy()
	};
}

/** Accepts `file:data/x.sqlite`, `sqlite:data/x.sqlite`, a bare path, or nothing (the default file). */
export function sqliteFileFromUrl(url: string | undefined): string {
	if (!url) return DEFAULT_SQLITE_FILE;
	const stripped = url.replace(/^(file|sqlite):(\/\/)?/i, '');
	return stripped || DEFAULT_SQLITE_FILE;
}

function openPostgres(url: string): Db {
	const types = {
		getTypeParser: (oid: number, format?: 'text' | 'binary') => {
			// count(*) and bigint arrive as int8 (20); numeric (1700) as text. Parity's counts and
			// measures fit in a double, so both become numbers, as they are on SQLite.
			if (oid === 20 || oid === 1700) return (value: string) => (value === null ? null : Number(value));
			return pg.types.getTypeParser(oid, format as 'text');
		}
	};
	const pool = new pg.Pool({
		connectionString: withDefaultUser(url),
		max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
		types: types as pg.CustomTypesConfig
	});
	// An idle connection that breaks (the database restarts, the network drops) is reported here;
	// without a listener Node would stop the whole process. The pool replaces it on the next query.
	pool.on('error', (error) => log('warn', 'a PostgreSQL connection closed', { error: error.message }));
	// The same for a connection in use (Kysely holds one per query or transaction): its query fails
	// (the request answers 503) and the pool drops it; without this listener the process would stop.
	pool.on('connect', (client) => {
		client.on('error', (error) => log('warn', 'a PostgreSQL connection in use closed', { error: error.message }));
	});
	const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	rawHandles.set(kysely, { dialect: 'postgres', pool });
	return { kysely, dialect: 'postgres', url: withDefaultUser(url), close: () => kysely.destroy() };
}

/**
 * libpq and pg fall back to the operating-system user name when the URL names no user; in a
 * container neither PGUSER nor USER may be set, and pg then sends no user at all. Fall back to
 * `postgres` there, so `DATABASE_URL=postgres://127.0.0.1:5432/parity` works as documented.
 */
export function withDefaultUser(url: string, env: NodeJS.ProcessEnv = process.env): string {
	if (env.PGUSER || env.USER) return url;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url;
	}
	if (parsed.username || parsed.searchParams.has('user')) return url;
	// A query parameter (not the user-info part) also works for socket URLs without a host.
	parsed.searchParams.set('user', 'postgres');
	return parsed.toString();
}
