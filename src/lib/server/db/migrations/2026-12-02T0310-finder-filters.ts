import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The family finder's filters as index entries on PostgreSQL (issue 4, docs/benchmarks.md section 4).
 *
 * One GIN index on each finder place's words together with tags for its filters: cost, every
 * subject, format and language, every age and grade the age and grade filters would accept, and
 * the place's 0.1-degree grid cell. A search with words or filters near a ZIP is then one GIN
 * intersection (words AND subject AND … AND one of the box's cells) that reads only the few
 * places holding all of them, where before the planner could use one index only (the box, or the
 * words) and checked the other conditions row by row over tens of thousands of places.
 *
 * The tags are an index expression over `finder_place`'s own columns (an IMMUTABLE function), so
 * the triggers that keep `finder_place` need no change. Each tag starts with '#', which the folded
 * words ([a-z0-9] only) can never be a prefix of. The finder still checks every original condition
 * on the rows the index returns, so the tags only need to include every real match.
 *
 * `finder_lexeme`: every word (lexeme) any program's search text has held, in byte order. A word
 * typed is a prefix ('jardin' also finds 'jardines'), and GIN answers a prefix by collecting
 * every row of every matching entry before it can intersect (about 20 ms for a word in one
 * program of ten, against 1 ms for the same word exact); the finder first expands each word to
 * the few lexemes it begins, then asks GIN for those exactly. Kept by statement triggers on
 * `program` (rows are only added: a lexeme no program holds any more matches nothing).
 * SQLite: nothing (its finder reads the box or the words first, see finder.repository.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await sql`
		create function finder_tags(cost_kind text, subjects_json text, formats_json text, languages_json text, min_age integer, max_age integer, grade_min integer, grade_max integer, latitude double precision, longitude double precision)
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
				union all select '#x' || floor(latitude * 10)::int || '_' || floor(longitude * 10)::int
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
	await sql`create index finder_place_tags_idx on finder_place using gin ((coalesce(search, ''::tsvector) || finder_tags(cost_kind, subjects_json, formats_json, languages_json, min_age, max_age, grade_min, grade_max, latitude, longitude)))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await sql`drop index finder_place_tags_idx`.execute(db);
	await sql`drop trigger finder_lexeme_update on program`.execute(db);
	await sql`drop trigger finder_lexeme_insert on program`.execute(db);
	await sql`drop function finder_lexeme_from_program()`.execute(db);
	await sql`drop table finder_lexeme`.execute(db);
	await sql`drop function finder_tags`.execute(db);
}
