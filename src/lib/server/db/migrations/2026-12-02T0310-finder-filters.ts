import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The family finder's filters as index entries (issue 4, docs/benchmarks.md section 4).
 *
 * PostgreSQL: one GIN index on each finder place's words together with tags for its filters:
 * cost, every subject, format and language, every age and grade the age and grade filters would
 * accept. A search with words or filters near a ZIP is then one GIN intersection (words AND
 * subject AND …), which a small box's GiST look-up can be ANDed with, reading only the few places
 * holding all of them, where before the planner could use the box and the words only and checked
 * the other conditions row by row over thousands of places (tens of thousands in a wide box).
 *
 * The tags are an index expression over `finder_place`'s own columns (an IMMUTABLE function), so
 * the triggers that keep `finder_place` need no change. Each tag starts with '#', which the folded
 * words ([a-z0-9] only) can never be a prefix of. The finder still checks every original condition
 * on the rows the index returns, so the tags only need to include every real match.
 *
 * `finder_lexeme`: every word (lexeme) any program's search text has held, in byte order. A word
 * typed is a prefix ('jardin' also finds 'jardines'), and GIN answers a prefix by collecting
 * every row of every matching entry before it can intersect (the benchmark's whole 5-mile search:
 * 18 ms with prefixes, 13 ms expanded, on a vacuumed index; far more while rows wait in the GIN
 * pending list after many writes); the finder first expands each word to
 * the few lexemes it begins, then asks GIN for those exactly. Kept by statement triggers on
 * `program` (rows are only added: a lexeme no program holds any more matches nothing).
 *
 * SQLite: `finder_fts`, an FTS5 table keyed like `program_fts` (program_search.id) holding each
 * program's search text (column `words`, same tokenizer, so words match exactly as there) and its
 * filter tags (column `tags`: cost, subjects, formats, languages, ages and grades, underscores
 * dropped so each is one token). When words lead a search by distance, one FTS5 query intersects
 * the words with the filters, and only those programs' places are looked up, instead of a place
 * look-up for every program holding the words. The tags also name the 0.1-degree grid cell of
 * each of the program's places (from `finder_place`), so a small box narrows the words too. Kept
 * by triggers on `program_search` (created and removed with its program), on the program's
 * columns and on `finder_place` (a place found, moved or gone).
 */
/** floor(x * 10) without SQLite's optional math functions (a cast truncates toward zero). */
const floor = (x: string) => `(cast(${x} * 10 as integer) - (${x} * 10 < cast(${x} * 10 as integer)))`;
/** The filter tags of program `p` as one FTS5 text (see finder.repository.ts `wordsSource`). */
const sqliteTags = sql.raw(`'c' || replace(p.cost_kind, '_', '')
	|| (select coalesce(group_concat(' s' || replace(value, '_', ''), ''), '') from json_each(case when json_valid(p.subjects_json) then p.subjects_json else '[]' end))
	|| (select coalesce(group_concat(' f' || replace(value, '_', ''), ''), '') from json_each(case when json_valid(p.formats_json) then p.formats_json else '[]' end))
	|| (select coalesce(group_concat(' l' || replace(value, '_', ''), ''), '') from json_each(case when json_valid(p.languages_json) then p.languages_json else '[]' end))
	|| (select coalesce(group_concat(' a' || value, ''), '') from json_each('[${Array.from({ length: 26 }, (_, a) => a).join(',')}]') where
		((p.min_age is not null or p.max_age is not null) and (p.min_age is null or p.min_age <= value) and (p.max_age is null or p.max_age >= value))
		or (p.min_age is null and p.max_age is null and (p.grade_min is null or p.grade_min <= value - 5) and (p.grade_max is null or p.grade_max >= value - 6)))
	|| (select coalesce(group_concat(' g' || value, ''), '') from json_each('[${Array.from({ length: 13 }, (_, g) => g).join(',')}]') where
		(p.grade_min is null or p.grade_min <= value) and (p.grade_max is null or p.grade_max >= value) and (p.grade_min is not null or p.grade_max is not null))
	|| (select coalesce(group_concat(' ' || cell, ''), '') from (select distinct 'x' || ${floor('fp.latitude')} || 'y' || replace(${floor('fp.longitude')}, '-', 'm') as cell from finder_place fp where fp.program_id = p.id))`);
const tagColumns = sql.raw(['search_text', 'cost_kind', 'subjects_json', 'formats_json', 'languages_json', 'min_age', 'max_age', 'grade_min', 'grade_max'].join(', '));

export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
		await sql`create virtual table finder_fts using fts5(words, tags, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
		await sql`insert into finder_fts (rowid, words, tags) select s.id, p.search_text, ${sqliteTags} from program_search s join program p on p.id = s.program_id`.execute(db);
		await sql`
			create trigger finder_fts_insert after insert on program_search begin
				insert into finder_fts (rowid, words, tags) select new.id, p.search_text, ${sqliteTags} from program p where p.id = new.program_id;
			end`.execute(db);
		await sql`
			create trigger finder_fts_delete after delete on program_search begin
				delete from finder_fts where rowid = old.id;
			end`.execute(db);
		await sql`
			create trigger finder_fts_update after update of ${tagColumns} on program begin
				delete from finder_fts where rowid = (select id from program_search where program_id = new.id);
				insert into finder_fts (rowid, words, tags) select s.id, p.search_text, ${sqliteTags} from program_search s join program p on p.id = s.program_id where s.program_id = new.id;
			end`.execute(db);
		for (const [event, row] of [['insert', 'new'], ['delete', 'old']] as const)
			await sql`
				create trigger ${sql.raw(`finder_fts_place_${event}`)} after ${sql.raw(event)} on finder_place begin
					delete from finder_fts where rowid = (select id from program_search where program_id = ${sql.raw(row)}.program_id);
					insert into finder_fts (rowid, words, tags) select s.id, p.search_text, ${sqliteTags} from program_search s join program p on p.id = s.program_id where s.program_id = ${sql.raw(row)}.program_id;
				end`.execute(db);
		return;
	}
	await sql`
		create function finder_tags(cost_kind text, subjects_json text, formats_json text, languages_json text, min_age integer, max_age integer, grade_min integer, grade_max integer)
		returns tsvector language sql immutable parallel safe as $$
			select array_to_tsvector(array(
				select '#c_' || cost_kind
				union all select '#s_' || m[1] from regexp_matches(subjects_json, '"([^"]+)"', 'g') m
				union all select '#f_' || m[1] from regexp_matches(formats_json, '"([^"]+)"', 'g') m
				union all select '#l_' || m[1] from regexp_matches(languages_json, '"([^"]+)"', 'g') m
				-- The finder's age filter (gradeRangeForAge: grade g is about ages g+5 to g+6) and grade filter.
				union all select '#a' || a from generate_series(0, 25) a where
					((min_age is not null or max_age is not null) and (min_age is null or min_age <= a) and (max_age is null or max_age >= a))
					or (min_age is null and max_age is null and (grade_min is null or grade_min <= a - 5) and (grade_max is null or grade_max >= a - 6))
				union all select '#g' || g from generate_series(0, 12) g where
					(grade_min is null or grade_min <= g) and (grade_max is null or grade_max >= g) and (grade_min is not null or grade_max is not null)
			))
		$$`.execute(db);
	await sql`create table finder_lexeme (lexeme text collate "C" primary key)`.execute(db);
	await sql`insert into finder_lexeme select distinct unnest(tsvector_to_array(search)) from program where search is not null on conflict do nothing`.execute(db);
	await sql`
		create function finder_lexeme_from_program() returns trigger language plpgsql as $$
		begin
			insert into finder_lexeme select distinct unnest(tsvector_to_array(search)) from changed where search is not null on conflict do nothing;
			return null;
		end $$`.execute(db);
	await sql`create trigger finder_lexeme_insert after insert on program referencing new table as changed for each statement execute function finder_lexeme_from_program()`.execute(db);
	await sql`create trigger finder_lexeme_update after update on program referencing new table as changed for each statement execute function finder_lexeme_from_program()`.execute(db);
	await sql`create index finder_place_tags_idx on finder_place using gin ((coalesce(search, ''::tsvector) || finder_tags(cost_kind, subjects_json, formats_json, languages_json, min_age, max_age, grade_min, grade_max)))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
		for (const trigger of ['finder_fts_place_delete', 'finder_fts_place_insert', 'finder_fts_insert', 'finder_fts_delete', 'finder_fts_update']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
		await sql`drop table finder_fts`.execute(db);
		return;
	}
	await sql`drop index finder_place_tags_idx`.execute(db);
	await sql`drop trigger finder_lexeme_update on program`.execute(db);
	await sql`drop trigger finder_lexeme_insert on program`.execute(db);
	await sql`drop function finder_lexeme_from_program()`.execute(db);
	await sql`drop table finder_lexeme`.execute(db);
	await sql`drop function finder_tags`.execute(db);
}
