import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Asset map, second part (issue 4):
 *
 * - Full-text search over the program's folded search text (`program.search_text`, lower-case,
 *   accents removed by the app, so both engines see the same words and need no extension):
 *   an FTS5 table kept in step by triggers on SQLite, a generated tsvector column ('simple'
 *   configuration: no stemming, the texts are in English and Spanish) with a GIN index on
 *   PostgreSQL. Both change inside the statement that changes the program, so in its transaction.
 * - `hsds_id`: the id a program had in the HSDS file it was imported from, so importing the same
 *   file again updates those programs instead of adding copies.
 * - `stale_notified_at`: when the partner was last told the listing needs confirming; the
 *   scheduled task sends one notice per unconfirmed year (idempotent across runs and processes).
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema.alterTable('program').addColumn('hsds_id', 'text').execute();
	await db.schema.alterTable('program').addColumn('stale_notified_at', 'text').execute();
	// One program per HSDS service id in an ecosystem: re-imports match on it.
	await db.schema
		.createIndex('program_ecosystem_hsds_id_idx')
		.on('program')
		.columns(['ecosystem_id', 'hsds_id'])
		.unique()
		.where(sql.ref('hsds_id'), 'is not', null)
		.execute();
	// The finder's schedule filter (day, time of day) looks up schedules by program.
	await db.schema.createIndex('program_schedule_program_opens_idx').on('program_schedule').columns(['program_id', 'opens_at', 'byday']).execute();
	// The ZIP-radius box: latitude and longitude together, with the program to join on.
	await db.schema
		.createIndex('program_location_box_idx')
		.on('program_location')
		.columns(['ecosystem_id', 'latitude', 'longitude', 'program_id'])
		.execute();

	if (pg) {
		await sql`alter table program add column search tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
		await sql`create index program_search_idx on program using gin (search)`.execute(db);
	} else {
		await sql`create virtual table program_fts using fts5(program_id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
		await sql`insert into program_fts (program_id, body) select id, search_text from program`.execute(db);
		await sql`
			create trigger program_fts_insert after insert on program begin
				insert into program_fts (program_id, body) values (new.id, new.search_text);
			end`.execute(db);
		await sql`
			create trigger program_fts_update after update of search_text on program begin
				delete from program_fts where program_id = old.id;
				insert into program_fts (program_id, body) values (new.id, new.search_text);
			end`.execute(db);
		await sql`
			create trigger program_fts_delete after delete on program begin
				delete from program_fts where program_id = old.id;
			end`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	if (pg) {
		await sql`drop index program_search_idx`.execute(db);
		await sql`alter table program drop column search`.execute(db);
	} else {
		await sql`drop trigger program_fts_insert`.execute(db);
		await sql`drop trigger program_fts_update`.execute(db);
		await sql`drop trigger program_fts_delete`.execute(db);
		await sql`drop table program_fts`.execute(db);
	}
	await db.schema.dropIndex('program_location_box_idx').execute();
	await db.schema.dropIndex('program_schedule_program_opens_idx').execute();
	await db.schema.dropIndex('program_ecosystem_hsds_id_idx').execute();
	await db.schema.alterTable('program').dropColumn('stale_notified_at').execute();
	await db.schema.alterTable('program').dropColumn('hsds_id').execute();
}
