import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Asset map, second part (issue 4):
 *
 * - Full-text search over the program's folded search text (`program.search_text`, lower-case,
 *   accents removed by the app, so both engines see the same words and need no extension):
 *   a contentless FTS5 table (keyed through `program_search`) kept in step by triggers on SQLite, a generated tsvector column ('simple'
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
		// FTS5 rows are keyed by an integer: `program_search` gives each program a stable one
		// (an explicit INTEGER PRIMARY KEY survives VACUUM, a plain rowid may not). The FTS table
		// is contentless (the text lives in program.search_text), so a match reads only the index.
		await sql`create table program_search (id integer primary key, program_id text not null unique references program(id) on delete cascade)`.execute(db);
		await sql`create virtual table program_fts using fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
		await sql`insert into program_search (program_id) select id from program`.execute(db);
		await sql`insert into program_fts (rowid, body) select s.id, p.search_text from program_search s join program p on p.id = s.program_id`.execute(db);
		await sql`
			create trigger program_fts_insert after insert on program begin
				insert into program_search (program_id) values (new.id);
				insert into program_fts (rowid, body) values (last_insert_rowid(), new.search_text);
			end`.execute(db);
		await sql`
			create trigger program_fts_update after update of search_text on program begin
				delete from program_fts where rowid = (select id from program_search where program_id = old.id);
				insert into program_fts (rowid, body) values ((select id from program_search where program_id = old.id), new.search_text);
			end`.execute(db);
		await sql`
			create trigger program_fts_delete before delete on program begin
				delete from program_fts where rowid = (select id from program_search where program_id = old.id);
				delete from program_search where program_id = old.id;
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
		await sql`drop table program_search`.execute(db);
	}
	await db.schema.dropIndex('program_location_box_idx').execute();
	await db.schema.dropIndex('program_schedule_program_opens_idx').execute();
	await db.schema.dropIndex('program_ecosystem_hsds_id_idx').execute();
	await db.schema.alterTable('program').dropColumn('stale_notified_at').execute();
	await db.schema.alterTable('program').dropColumn('hsds_id').execute();
}
