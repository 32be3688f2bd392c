import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The family finder at 100,000 programs (issue 4, benchmark in docs/benchmarks.md section 4).
 *
 * - `finder_place`: one row per program place that has coordinates, holding the place's position
 *   and every program column the finder filters on (state, visibility dates, cost, ages, grades,
 *   the subject/format/language lists, capacity, the SQLite full-text key). A search by distance
 *   reads the box from this one table, ordered by (ecosystem, latitude, longitude), instead of a
 *   program lookup per place. Triggers keep it in step inside the statement that writes a place
 *   or a program (so in its transaction); a place or program deleted takes its rows with it.
 * - `program_finder_name_idx` (ecosystem, name, id, …filter columns): the listing by name walks
 *   it in order and stops at the page, without sorting every match or reading wide program rows.
 * - `program_finder_id_idx` (id, …filter columns): words reach their programs by id and check
 *   every filter in the index alone.
 * - `program_location_zip_idx`: the desert map groups places by ZIP without reading them.
 * On PostgreSQL the extra index columns are INCLUDE columns.
 */
const filterColumns = ['status', 'last_verified_at', 'created_at', 'cost_kind', 'min_age', 'max_age', 'grade_min', 'grade_max', 'subjects_json', 'formats_json', 'languages_json', 'capacity'];
const copied = ['name', ...filterColumns];

export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	let table = db.schema
		.createTable('finder_place')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull())
		.addColumn('latitude', 'double precision', (c) => c.notNull())
		.addColumn('longitude', 'double precision', (c) => c.notNull())
		.addColumn('location_id', 'text', (c) => c.notNull().unique().references('program_location.id').onDelete('cascade'))
		.addColumn('program_id', 'text', (c) => c.notNull())
		// SQLite: the program's key in program_search / program_fts (words checked as integers).
		.addColumn('fts_key', 'integer')
		.addColumn('postal_code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('last_verified_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('cost_kind', 'text', (c) => c.notNull())
		.addColumn('min_age', 'integer')
		.addColumn('max_age', 'integer')
		.addColumn('grade_min', 'integer')
		.addColumn('grade_max', 'integer')
		.addColumn('subjects_json', 'text', (c) => c.notNull())
		.addColumn('formats_json', 'text', (c) => c.notNull())
		.addColumn('languages_json', 'text', (c) => c.notNull())
		.addColumn('capacity', 'integer')
		.addPrimaryKeyConstraint('finder_place_pk', ['ecosystem_id', 'latitude', 'longitude', 'location_id']);
	// SQLite: the rows themselves are stored in box order (no second copy in an index).
	if (!pg) table = table.modifyEnd(sql`without rowid`);
	await table.execute();
	if (pg) {
		// PostgreSQL: the program's tsvector too, so words need no program lookup either; the
		// box through a GiST index on the point (a B-tree on latitude then longitude narrows by
		// latitude only, and the planner then reads the whole table), words through GIN, so the
		// two can be intersected. Both are core PostgreSQL, no extension.
		await sql`alter table finder_place add column search tsvector`.execute(db);
		await sql`create index finder_place_point_idx on finder_place using gist (point(longitude, latitude))`.execute(db);
		await sql`create index finder_place_search_idx on finder_place using gin (search)`.execute(db);
	}
	await db.schema.createIndex('finder_place_program_idx').on('finder_place').columns(['program_id']).execute();
	// SQLite, words first: a full-text match reaches its places and every filter column in this
	// index alone (a lookup into the table by its long text key cost several times more).
	if (!pg)
		await db.schema
			.createIndex('finder_place_words_idx')
			.on('finder_place')
			.columns(['fts_key', 'ecosystem_id', 'latitude', 'longitude', 'program_id', ...copied.filter((c) => c !== 'capacity')])
			.execute();

	const pgCopied = pg ? [...copied, 'search'] : copied;
	const cols = sql.join(['location_id', 'ecosystem_id', 'program_id', 'fts_key', 'latitude', 'longitude', 'postal_code', ...pgCopied].map((c) => sql.ref(c)));
	const fromProgram = (place: string) =>
		sql.join([
			sql.raw(`${place}.id`),
			sql.raw(`${place}.ecosystem_id`),
			sql.raw(`${place}.program_id`),
			pg ? sql`null` : sql`(select s.id from program_search s where s.program_id = p.id)`,
			sql.raw(`${place}.latitude`),
			sql.raw(`${place}.longitude`),
			sql.raw(`${place}.postal_code`),
			...pgCopied.map((c) => sql.ref(`p.${c}`))
		]);
	const setFromNew = sql.join(pgCopied.map((c) => sql`${sql.ref(c)} = ${sql.raw(`new.${c}`)}`));
	// (On PostgreSQL `search` is generated from search_text.)
	const programChanged = sql.join((pg ? [...copied, 'search_text'] : copied).map((c) => sql.ref(c)));

	await sql`insert into finder_place (${cols}) select ${fromProgram('l')} from program_location l join program p on p.id = l.program_id where l.latitude is not null and l.longitude is not null`.execute(db);

	if (pg) {
		await sql`
			create function finder_place_from_location() returns trigger language plpgsql as $$
			begin
				if tg_op = 'UPDATE' then
					delete from finder_place where location_id = old.id;
				end if;
				if new.latitude is not null and new.longitude is not null then
					insert into finder_place (${cols}) select ${fromProgram('new')} from program p where p.id = new.program_id;
				end if;
				return null;
			end $$`.execute(db);
		await sql`create trigger finder_place_location after insert or update on program_location for each row execute function finder_place_from_location()`.execute(db);
		await sql`
			create function finder_place_from_program() returns trigger language plpgsql as $$
			begin
				update finder_place set ${setFromNew} where program_id = new.id;
				return null;
			end $$`.execute(db);
		await sql`create trigger finder_place_program after update of ${programChanged} on program for each row execute function finder_place_from_program()`.execute(db);
		await sql`create index program_finder_name_idx on program (ecosystem_id, name, id) include (${sql.join(filterColumns.map((c) => sql.ref(c)))})`.execute(db);
		await sql`create index program_finder_id_idx on program (id) include (ecosystem_id, name, ${sql.join(filterColumns.map((c) => sql.ref(c)))})`.execute(db);
	} else {
		await sql`
			create trigger finder_place_insert after insert on program_location when new.latitude is not null and new.longitude is not null begin
				insert into finder_place (${cols}) select ${fromProgram('new')} from program p where p.id = new.program_id;
			end`.execute(db);
		await sql`
			create trigger finder_place_update after update on program_location begin
				delete from finder_place where location_id = old.id;
				insert into finder_place (${cols}) select ${fromProgram('new')} from program p where p.id = new.program_id and new.latitude is not null and new.longitude is not null;
			end`.execute(db);
		await sql`
			create trigger finder_place_program after update of ${programChanged} on program begin
				update finder_place set ${setFromNew} where program_id = new.id;
			end`.execute(db);
		await db.schema.createIndex('program_finder_name_idx').on('program').columns(['ecosystem_id', 'name', 'id', ...filterColumns]).execute();
		await db.schema.createIndex('program_finder_id_idx').on('program').columns(['id', 'ecosystem_id', 'name', ...filterColumns]).execute();
	}
	await db.schema.createIndex('program_location_zip_idx').on('program_location').columns(['ecosystem_id', 'postal_code', 'program_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema.dropIndex('program_location_zip_idx').execute();
	await db.schema.dropIndex('program_finder_id_idx').execute();
	await db.schema.dropIndex('program_finder_name_idx').execute();
	if (pg) {
		await sql`drop trigger finder_place_program on program`.execute(db);
		await sql`drop trigger finder_place_location on program_location`.execute(db);
		await sql`drop function finder_place_from_program()`.execute(db);
		await sql`drop function finder_place_from_location()`.execute(db);
	} else {
		await sql`drop trigger finder_place_program`.execute(db);
		await sql`drop trigger finder_place_update`.execute(db);
		await sql`drop trigger finder_place_insert`.execute(db);
	}
	await db.schema.dropTable('finder_place').execute();
}
