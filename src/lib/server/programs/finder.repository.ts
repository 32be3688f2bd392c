import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
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

/**
 * Every word as a prefix, all required, in each database's own full-text engine over the folded
 * search text (accents and case already removed by the app on both sides, so "búsqueda" and
 * "busqueda" are one word): FTS5 on SQLite, a tsvector with the 'simple' configuration on
 * PostgreSQL. Words are folded to [a-z0-9] before they get here, so they need no quoting beyond this.
 */
function wordsMatch(eb: Eb, words: string[], pg: boolean): Expression<SqlBool> {
	if (pg) return sql<SqlBool>`program.search @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
	return eb('program.id', 'in', sql<string>`(select s.program_id from program_search s where s.id in (select rowid from program_fts where program_fts match ${words.map((w) => `"${w}"*`).join(' AND ')}))`);
}

function conditions(eb: Eb, f: FinderFilters, pg: boolean, ecosystemId: string): Expression<SqlBool>[] {
	const all: Expression<SqlBool>[] = [
		eb('program.status', '=', 'active'),
		eb.or([eb('program.last_verified_at', '>=', f.visibleSince), eb.and([eb('program.last_verified_at', 'is', null), eb('program.created_at', '>=', f.visibleSince)])])
	];
	if (f.words.length) all.push(wordsMatch(eb, f.words, pg));
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
					.whereRef('s.program_id', '=', 'program.id')
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
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
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
 * name, coordinates) so that ranking thousands of candidates by distance stays cheap; the page
 * shown is then read in full with `programIds`.
 */
export async function searchProgramPlaces(db: Executor, ecosystemId: string, filters: FinderFilters & { box: NonNullable<FinderFilters['box']> }, limit = 20_000) {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	const { box, ...rest } = filters;
	return db
		.selectFrom('program_location as l')
		.innerJoin('program', (join) => join.onRef('program.id', '=', 'l.program_id').onRef('program.ecosystem_id', '=', 'l.ecosystem_id'))
		.select(['program.id', 'program.name', 'l.latitude', 'l.longitude'])
		.where('l.ecosystem_id', '=', ecosystemId)
		.where('l.latitude', '>=', box.minLat)
		.where('l.latitude', '<=', box.maxLat)
		.where('l.longitude', '>=', box.minLon)
		.where('l.longitude', '<=', box.maxLon)
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb as unknown as Eb, rest, pg, ecosystemId)))
		.limit(limit)
		.execute();
}

/** How many programs families may see match every filter (the same conditions as searchPrograms). */
export async function countPrograms(db: Executor, ecosystemId: string, filters: FinderFilters): Promise<number> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	const row = await db
		.selectFrom('program')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb, filters, pg, ecosystemId)))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * For the annual report: how many programs families can see in the finder right now (the finder's
 * own conditions, no other filter), how many of them give a capacity, and the seats those offer.
 */
export async function countVisiblePrograms(db: Executor, ecosystemId: string, visibleSince: string): Promise<{ programs: number; withCapacity: number; seats: number }> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	const row = await db
		.selectFrom('program')
		.select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('program.capacity').as('known'), eb.fn.sum<number | string | null>('program.capacity').as('seats')])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.and(conditions(eb, { words: [], visibleSince }, pg, ecosystemId)))
		.executeTakeFirstOrThrow();
	return { programs: Number(row.n), withCapacity: Number(row.known), seats: Number(row.seats ?? 0) };
}
