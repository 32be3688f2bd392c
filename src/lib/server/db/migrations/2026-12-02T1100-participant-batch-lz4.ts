import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL compresses each participant row group (about 30 kB of JSON) as it is stored. With the
 * default method (pglz) the server spent about as long compressing a 1M-row import as the import
 * spent reading it, on the same cores; lz4 is several times faster for slightly larger groups
 * (about 10 kB instead of 6 kB each). Groups already stored stay as they are; both read the same.
 * A server built without lz4 keeps pglz. SQLite does not compress: nothing to do there.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
	if (!rows[0]?.lz4) return;
	await sql`alter table participant_batch alter column payload set compression lz4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await sql`alter table participant_batch alter column payload set compression default`.execute(db);
}
