import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { timeOfDayRange, type TimeOfDay, type Weekday } from './programs.js';
import { gradeRangeForAge } from './finder.js';
import { qualifiedProgramColumns, type ProgramRow } from './programs.repository.js';

export interface FinderFilters {
	words: string[];
	subject?: string;
	freeOnly?: boolean;
	language?: string;
	format?: string;
	age?: number;
	grade?: number;
	day?: Weekday;
	time?: TimeOfDay;
	box?: { minLat: number; maxLat: number; minLon: number; maxLon: number };
	/** Listings whose last confirmation (or creation) is older than this are hidden from families. */
	visibleSince: string;
	/** Only these programs (e.g. one partner's). */
	programId?: string;
	/** Only these programs (the page of a search already ranked by distance). */
	programIds?: string[];
}

type Eb = ExpressionBuilder<Database, 'program'>;
const listHas = (eb: Eb, column: 'subjects_json' | 'formats_json' | 'languages_json', code: string) => eb(column, 'like', `%"${code}"%`);

/** The words as each engine's query: every word a prefix, all required. */
const ftsQuery = (words: string[]) => words.map((w) => `"${w}"*`).join(' AND ');
const tsQuery = (words: string[]) => words.map((w) => `${w}:*`).join(' & ');

/**
 * Every word as a prefix, all required, in each database's own full-text engine over the folded
 * search text (accents and case already removed by the app on both sides, so "búsqueda" and
 * "busqueda" are one word): FTS5 on SQLite, a tsvector with the 'simple' configuration on
 * PostgreSQL. Words are folded to [a-z0-9] before they get here, so they need no quoting beyond this.
 * On SQLite the program's integer full-text key is looked up and checked against the matching
 * keys (read once), so the query can still be driven by another index (the name order, the box).
 */
function wordsMatch(eb: Eb, words: string[], pg: boolean): Expression<SqlBool> {
	if (pg) return sql<SqlBool>`program.search @@ to_tsquery('simple', ${tsQuery(words)})`;
	return sql<SqlBool>`(select s.id from program_search s where s.program_id = program.id) in (select rowid from program_fts where program_fts match ${ftsQuery(words)})`;
}

/** The words for the finder's places: the integer full-text key on SQLite, the copied tsvector on PostgreSQL. */
function placeWordsMatch(words: string[], pg: boolean): Expression<SqlBool> {
	if (pg) return sql<SqlBool>`program.search @@ to_tsquery('simple', ${tsQuery(words)})`;
	return sql<SqlBool>`program.fts_key in (select rowid from program_fts where program_fts match ${ftsQuery(words)})`;
}

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/** SQLite: grid cells per degree in `finder_fts` tags (migration 2026-12-02T0310-finder-filters): 0.1°, about 7 by 5 miles here. */
const CELLS_PER_DEGREE = 10;
/**
 * A box of more cells is left to the latitude/longitude check on the rows found: FTS5 (and GiST on
 * PostgreSQL) then reads more entries than it saves once the box holds a good part of the directory.
 */
const MAX_CELLS = 16;
const tagValue = /^[a-z0-9_]+$/;

/**
 * SQLite: the words and the filters' tags as one query of `finder_fts` (migration
 * 2026-12-02T0310-finder-filters: column `words` holds what `program_fts` does, with the same
 * tokenizer; `tags` the program's filters as single tokens), or plain `program_fts` when there is
 * no tag. FTS5 intersects them, so only programs holding every word and every tag have their
 * places looked up. The tags only narrow: every original condition is still checked.
 */
function wordsSource(words: string[], f: FinderFilters, box?: NonNullable<FinderFilters['box']>) {
	const tags: string[] = [];
	if (f.freeOnly) tags.push('cfree');
	for (const [prefix, value] of [['s', f.subject], ['f', f.format], ['l', f.language]] as const) if (value && tagValue.test(value)) tags.push(prefix + value.replace(/_/g, ''));
	if (f.age !== undefined && Number.isInteger(f.age)) tags.push(`a${f.age}`);
	if (f.grade !== undefined && Number.isInteger(f.grade)) tags.push(`g${f.grade}`);
	const cells = box ? boxCells(box) : null;
	if (cells) tags.push(`(${cells.map(([i, j]) => `x${i}y${String(j).replace('-', 'm')}`).join(' OR ')})`);
	if (!tags.length) return { tagged: false, query: sql`select rowid as fid from program_fts where program_fts match ${ftsQuery(words)}` };
	return { tagged: true, query: sql`select rowid as fid from finder_fts where finder_fts match ${`words : (${ftsQuery(words)}) AND tags : (${tags.join(' AND ')})`}` };
}

/**
 * The grid cells (as in `finder_fts`) a box touches, or null when they are too many to be worth
 * naming. PostgreSQL: whether the box is small enough for its GiST look-up to narrow the tags'.
 */
function boxCells(box: NonNullable<FinderFilters['box']>): [number, number][] | null {
	const [i0, i1] = [Math.floor(box.minLat * CELLS_PER_DEGREE), Math.floor(box.maxLat * CELLS_PER_DEGREE)];
	const [j0, j1] = [Math.floor(box.minLon * CELLS_PER_DEGREE), Math.floor(box.maxLon * CELLS_PER_DEGREE)];
	if ((i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS) return null;
	const cells: [number, number][] = [];
	for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) cells.push([i, j]);
	return cells;
}

/** A lexeme as a quoted tsquery term (the folded search text only holds [a-z0-9], this is belt and braces). */
const lexemeTerm = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
/** A word that begins more lexemes than this stays a prefix look-up. */
const MAX_EXPANSION = 32;

/**
 * PostgreSQL: each word as the lexemes it begins (from `finder_lexeme`, in byte order, which is how
 * tsquery compares a prefix), as tsquery terms: `('jardin' | 'jardines')`. GIN matches exact
 * lexemes far faster than a prefix. A word beginning none or too many stays a prefix (`'w':*`).
 */
async function wordTerms(db: Executor, words: string[]): Promise<string[]> {
	if (!words.length) return [];
	const { rows } = await sql<{ word: string; lexeme: string }>`
		select w.word, l.lexeme from unnest(${words}::text[]) as w(word)
		cross join lateral (
			select lexeme from finder_lexeme where lexeme >= w.word and lexeme < w.word || chr(1114111) and starts_with(lexeme, w.word) order by lexeme limit ${MAX_EXPANSION + 1}
		) l`.execute(db);
	return words.map((word) => {
		const lexemes = rows.filter((r) => r.word === word && r.lexeme.startsWith(word)).map((r) => r.lexeme);
		return lexemes.length && lexemes.length <= MAX_EXPANSION ? `(${lexemes.map(lexemeTerm).join(' | ')})` : `${lexemeTerm(word)}:*`;
	});
}

/**
 * PostgreSQL: the words (as `wordTerms`) and the filters as the tags `finder_tags` indexes (each
 * starting with '#'), every one required; null when there is nothing to look up. A tag only
 * narrows: the finder's own conditions are still checked on each row.
 */
function placeTagQuery(f: FinderFilters, words: string[]): string | null {
	const tags: string[] = [];
	if (f.freeOnly) tags.push('c_free');
	for (const [prefix, value] of [['s_', f.subject], ['f_', f.format], ['l_', f.language]] as const) if (value && tagValue.test(value)) tags.push(prefix + value);
	if (f.age !== undefined && Number.isInteger(f.age)) tags.push(`a${f.age}`);
	if (f.grade !== undefined && Number.isInteger(f.grade)) tags.push(`g${f.grade}`);
	if (!tags.length && !words.length) return null;
	return [...words, ...tags.map((t) => `'#${t}'`)].join(' & ');
}

/**
 * PostgreSQL: words and filters in one look-up of the `finder_place_tags_idx`
 * GIN index (the expression must stay the index's own). The folded words ([a-z0-9]) can never
 * begin a '#' tag, so this matches the words exactly as `placeWordsMatch` does.
 */
function placeTagsMatch(query: string): Expression<SqlBool> {
	return sql<SqlBool>`(coalesce(program.search, ''::tsvector) || finder_tags(program.cost_kind, program.subjects_json, program.formats_json, program.languages_json, program.min_age, program.max_age, program.grade_min, program.grade_max)) @@ ${query}::tsquery`;
}

/**
 * The programs to start from. With words on SQLite: the full-text matches first (CROSS JOIN keeps
 * that order), each reaching its program by key, so a rare word never walks the whole directory.
 * PostgreSQL's planner picks between the GIN index and the others from its statistics.
 */
function programsFrom(db: Executor, filters: FinderFilters, wordsFirst: boolean) {
	const pg = isPostgres(db);
	if (pg || !wordsFirst || !filters.words.length) return { query: db.selectFrom('program') as SelectQueryBuilder<Database, 'program', object>, rest: filters };
	const any = db as unknown as Kysely<any>;
	const query = any
		.selectFrom(sql`(select rowid as fid from program_fts where program_fts match ${ftsQuery(filters.words)})`.as('f'))
		.crossJoin('program_search as s')
		.crossJoin('program')
		.whereRef('s.id', '=', 'f.fid')
		.whereRef('program.id', '=', 's.program_id') as unknown as SelectQueryBuilder<Database, 'program', object>;
	return { query, rest: { ...filters, words: [] } };
}

/**
 * Every filter as conditions on `program`: the program table itself, or (`place`) the finder's
 * copy of a place with its program's columns (`finder_place as program`), which names the program
 * `program_id` and reaches the words by its full-text key.
 */
function conditions(eb: Eb, f: FinderFilters, pg: boolean, ecosystemId: string, on: 'program' | 'place' = 'program'): Expression<SqlBool>[] {
	const programId = on === 'place' ? sql.ref<string>('program.program_id') : eb.ref('program.id');
	const all: Expression<SqlBool>[] = [
		eb('program.status', '=', 'active'),
		eb.or([eb('program.last_verified_at', '>=', f.visibleSince), eb.and([eb('program.last_verified_at', 'is', null), eb('program.created_at', '>=', f.visibleSince)])])
	];
	if (f.words.length) all.push(on === 'place' ? placeWordsMatch(f.words, pg) : wordsMatch(eb, f.words, pg));
	if (f.subject) all.push(listHas(eb, 'subjects_json', f.subject));
	if (f.format) all.push(listHas(eb, 'formats_json', f.format));
	if (f.language) all.push(listHas(eb, 'languages_json', f.language));
	if (f.freeOnly) all.push(eb('program.cost_kind', '=', 'free'));
	if (f.age !== undefined) {
		const [gLow, gHigh] = gradeRangeForAge(f.age);
		all.push(
			eb.or([
				eb.and([
					eb.or([eb('program.min_age', 'is not', null), eb('program.max_age', 'is not', null)]),
					eb.or([eb('program.min_age', 'is', null), eb('program.min_age', '<=', f.age)]),
					eb.or([eb('program.max_age', 'is', null), eb('program.max_age', '>=', f.age)])
				]),
				eb.and([
					eb('program.min_age', 'is', null),
					eb('program.max_age', 'is', null),
					eb.or([eb('program.grade_min', 'is', null), eb('program.grade_min', '<=', gHigh)]),
					eb.or([eb('program.grade_max', 'is', null), eb('program.grade_max', '>=', gLow)])
				])
			])
		);
	}
	if (f.grade !== undefined) {
		all.push(eb.or([eb('program.grade_min', 'is', null), eb('program.grade_min', '<=', f.grade)]));
		all.push(eb.or([eb('program.grade_max', 'is', null), eb('program.grade_max', '>=', f.grade)]));
		all.push(eb.or([eb('program.grade_min', 'is not', null), eb('program.grade_max', 'is not', null)]));
	}
	if (f.day || f.time) {
		const { day, time } = f;
		all.push(
			eb.exists(
				eb
					.selectFrom('program_schedule as s')
					.select('s.id')
					.where('s.program_id', '=', programId)
					.where('s.ecosystem_id', '=', eb.ref('program.ecosystem_id'))
					.$if(!!day, (qb) => qb.where('s.byday', 'like', `%${day}%`))
					.$if(!!time, (qb) => qb.where('s.opens_at', '>=', timeOfDayRange[time!][0]).where('s.opens_at', '<', timeOfDayRange[time!][1]))
			)
		);
	}
	if (f.box) {
		const box = f.box;
		// Driven from the places' (ecosystem, latitude, longitude, program) index: the box picks
		// the few programs near the family first, instead of a lookup for every program.
		all.push(
			eb(
				'program.id',
				'in',
				eb
					.selectFrom('program_location as l')
					.select('l.program_id')
					.where('l.ecosystem_id', '=', ecosystemId)
					.where('l.latitude', '>=', box.minLat)
					.where('l.latitude', '<=', box.maxLat)
					.where('l.longitude', '>=', box.minLon)
					.where('l.longitude', '<=', box.maxLon)
			)
		);
	}
	if (f.programId) all.push(eb('program.id', '=', f.programId));
	if (f.programIds) all.push(f.programIds.length ? eb('program.id', 'in', f.programIds) : eb.lit(false));
	return all;
}

export interface FinderRow extends ProgramRow {
	partner_name: string;
	partner_slug: string;
}

/**
 * Programs families may see that match every filter, with their partner's name. The one place
 * that knows how each database searches words.
 */
export async function searchPrograms(db: Executor, ecosystemId: string, filters: FinderFilters, limit = 5000, offset = 0): Promise<FinderRow[]> {
	const pg = isPostgres(db);
	return db
		.selectFrom('program')
		.innerJoin('partner', (join) => join.onRef('partner.id', '=', 'program.partner_id').onRef('partner.ecosystem_id', '=', 'program.ecosystem_id'))
		.select(qualifiedProgramColumns)
		.select(['partner.name as partner_name', 'partner.slug as partner_slug'])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb, filters, pg, ecosystemId)))
		.orderBy('program.name')
		.orderBy('program.id')
		.limit(limit)
		.offset(offset)
		.execute();
}

/**
 * For a search by distance: every matching program's places inside the box, narrow rows (id,
 * name, coordinates) so that ranking the candidates by distance stays cheap; the page shown is
 * then read in full with `programIds`. Read from `finder_place` (each place with its program's
 * filter columns, stored in box order), so a place needs no program lookup. `wordsFirst`
 * (SQLite) starts from the full-text matches and finds their places by key, for words rarer than
 * the places in the box.
 */
export async function searchProgramPlaces(db: Executor, ecosystemId: string, filters: FinderFilters & { box: NonNullable<FinderFilters['box']> }, wordsFirst = false) {
	const pg = isPostgres(db);
	const { box, ...others } = filters;
	const any = db as unknown as Kysely<any>;
	const fromWords = wordsFirst && !pg && others.words.length > 0;
	const start = fromWords
		? any
				.selectFrom(sql`(${wordsSource(others.words, others, box).query})`.as('f'))
				.crossJoin('finder_place as program')
				.whereRef('program.fts_key', '=', 'f.fid')
		: any.selectFrom('finder_place as program');
	const tags = pg ? placeTagQuery(others, await wordTerms(db, others.words)) : null;
	// The tags look-up answers the words itself. A small box's GiST look-up is ANDed with it; a wide
	// one (most of the directory) is left to the latitude/longitude check on the few rows found.
	const narrowBox = !tags || !!boxCells(box);
	const rest = fromWords || tags ? { ...others, words: [] } : others;
	const rows: { id: string; name: string; latitude: number; longitude: number }[] = await start
		.select(['program.program_id as id', 'program.name', 'program.latitude', 'program.longitude'])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where('program.latitude', '>=', box.minLat)
		.where('program.latitude', '<=', box.maxLat)
		.where('program.longitude', '>=', box.minLon)
		.where('program.longitude', '<=', box.maxLon)
		// PostgreSQL: the same box for its GiST index on the point.
		.$if(pg && narrowBox, (q) => q.where(sql<SqlBool>`point(program.longitude, program.latitude) <@ box(point(${box.minLon}, ${box.minLat}), point(${box.maxLon}, ${box.maxLat}))`))
		.$if(!!tags, (q) => q.where(placeTagsMatch(tags!)))
		.where((eb: Eb) => eb.and(conditions(eb, rest, pg, ecosystemId, 'place')))
		.execute();
	return rows;
}

/**
 * Whether a search by distance should start from the words (SQLite): when fewer programs hold
 * every word than there are places in the box, both counted no further than `cap`. PostgreSQL's
 * planner makes that choice itself from its statistics.
 */
export async function wordsShouldLead(db: Executor, ecosystemId: string, filters: FinderFilters & { box: NonNullable<FinderFilters['box']> }, cap: number): Promise<boolean> {
	const { words, box } = filters;
	if (isPostgres(db) || !words.length) return false;
	const source = wordsSource(words, filters, box);
	// Words with the box's cells or a filter's tags hold no more programs than the box (or about
	// as many at worst): they lead without counting, which costs as much as the search.
	if (source.tagged) return true;
	const { rows } = await sql<{ n: number }>`select count(*) as n from (${source.query} limit ${cap})`.execute(db);
	const wordCount = Number(rows[0]?.n ?? 0);
	if (wordCount >= cap) return false;
	// Only whether the box holds more places than that: count no further.
	const places = await db
		.selectFrom((eb) =>
			eb
				.selectFrom('finder_place as p')
				.select('p.location_id')
				.where('p.ecosystem_id', '=', ecosystemId)
				.where('p.latitude', '>=', box.minLat)
				.where('p.latitude', '<=', box.maxLat)
				.where('p.longitude', '>=', box.minLon)
				.where('p.longitude', '<=', box.maxLon)
				.limit(wordCount + 1)
				.as('b')
		)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return wordCount < Number(places.n);
}

/**
 * The ids of up to `limit` matching programs in name order (the database's own collation),
 * narrow rows only: with `limit` one above the shown count's cap, this is both the count and,
 * when the matches are few, every page. Words lead on SQLite (see `programsFrom`).
 */
export async function matchingIdsByName(db: Executor, ecosystemId: string, filters: FinderFilters, limit: number): Promise<string[]> {
	const pg = isPostgres(db);
	const { query, rest } = programsFrom(db, filters, true);
	const matches = query
		.select(['program.id', 'program.name'])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb, rest, pg, ecosystemId)))
		.limit(limit);
	// The outer LIMIT (never reached) keeps SQLite from merging the two queries, which would sort
	// every match before the inner LIMIT.
	const rows = await db.selectFrom(matches.as('m')).select('m.id').orderBy('m.name').orderBy('m.id').limit(limit).execute();
	return rows.map((r) => r.id);
}

/**
 * For the annual report: how many programs families can see in the finder right now (the finder's
 * own conditions, no other filter), how many of them give a capacity, and the seats those offer.
 */
export async function countVisiblePrograms(db: Executor, ecosystemId: string, visibleSince: string): Promise<{ programs: number; withCapacity: number; seats: number }> {
	const pg = isPostgres(db);
	const row = await db
		.selectFrom('program')
		.select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('program.capacity').as('known'), eb.fn.sum<number | string | null>('program.capacity').as('seats')])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb, { words: [], visibleSince }, pg, ecosystemId)))
		.executeTakeFirstOrThrow();
	return { programs: Number(row.n), withCapacity: Number(row.known), seats: Number(row.seats ?? 0) };
}
