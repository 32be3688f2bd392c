import type { Geometry } from 'geojson';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { DesertTallies, ZipTally } from './deserts.js';

export interface ZipAreaRow {
	zip: string;
	geometry: Geometry | null;
	lat: number;
	lon: number;
}

/** The ecosystem's uploaded ZIP areas (boundaries when uploaded, else only internal points). */
export async function listZipAreas(db: Executor, ecosystemId: string): Promise<ZipAreaRow[]> {
	const rows = await db
		.selectFrom('zip_area')
		.select(['zip', 'geometry_json', 'intpt_lat', 'intpt_lon'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('zip')
		.execute();
	return rows.map((r) => ({
		zip: r.zip,
		geometry: r.geometry_json ? (JSON.parse(r.geometry_json) as Geometry) : null,
		lat: Number(r.intpt_lat),
		lon: Number(r.intpt_lon)
	}));
}

/** Replaces every ZIP area of the ecosystem (call inside the upload's transaction). */
export async function replaceZipAreas(trx: Executor, ecosystemId: string, areas: readonly { zip: string; geometry: Geometry; lat: number; lon: number }[], now: string): Promise<number> {
	const removed = await trx.deleteFrom('zip_area').where('ecosystem_id', '=', ecosystemId).executeTakeFirst();
	// Batches keep each statement well under SQLite's and PostgreSQL's parameter limits.
	for (let i = 0; i < areas.length; i += 200) {
		await trx
			.insertInto('zip_area')
			.values(areas.slice(i, i + 200).map((a) => ({ ecosystem_id: ecosystemId, zip: a.zip, geometry_json: JSON.stringify(a.geometry), intpt_lat: a.lat, intpt_lon: a.lon, updated_at: now })))
			.execute();
	}
	return Number(removed.numDeletedRows);
}

export interface YouthFigure {
	zip: string;
	group_key: string;
	youth: number;
	year: number | null;
	source: string;
}

/** Replaces every youth-population figure of the ecosystem (call inside the upload's transaction). */
export async function replaceYouthPopulation(trx: Executor, ecosystemId: string, rows: readonly YouthFigure[], now: string): Promise<number> {
	const removed = await trx.deleteFrom('zip_youth_population').where('ecosystem_id', '=', ecosystemId).executeTakeFirst();
	for (let i = 0; i < rows.length; i += 500) {
		await trx
			.insertInto('zip_youth_population')
			.values(rows.slice(i, i + 500).map((r) => ({ ecosystem_id: ecosystemId, zip: r.zip, group_key: r.group_key, youth: r.youth, year: r.year, source: r.source, updated_at: now })))
			.execute();
	}
	return Number(removed.numDeletedRows);
}

export async function listYouthPopulation(db: Executor, ecosystemId: string): Promise<YouthFigure[]> {
	const rows = await db
		.selectFrom('zip_youth_population')
		.select(['zip', 'group_key', 'youth', 'year', 'source'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('zip')
		.orderBy('group_key')
		.execute();
	return rows.map((r) => ({ ...r, youth: Number(r.youth), year: r.year === null ? null : Number(r.year) }));
}

/** What the ecosystem has uploaded: ZIP areas (with shapes or points only) and youth figures. */
export async function geographySummary(db: Executor, ecosystemId: string) {
	const areas = await db
		.selectFrom('zip_area')
		.select((eb) => [eb.fn.countAll<string | number>().as('areas'), eb.fn.count<string | number>('geometry_json').as('shapes'), eb.fn.max('updated_at').as('updated_at')])
		.where('ecosystem_id', '=', ecosystemId)
		.executeTakeFirstOrThrow();
	const youth = await db
		.selectFrom('zip_youth_population')
		.select((eb) => [eb.fn.countAll<string | number>().as('rows'), eb.fn.count<string | number>('zip').distinct().as('zips'), eb.fn.max('updated_at').as('updated_at')])
		.where('ecosystem_id', '=', ecosystemId)
		.executeTakeFirstOrThrow();
	const sources = await db
		.selectFrom('zip_youth_population')
		.select(['source', 'year'])
		.distinct()
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('year')
		.orderBy('source')
		.execute();
	return {
		areas: Number(areas.areas),
		shapes: Number(areas.shapes),
		areasUpdatedAt: areas.updated_at,
		youthRows: Number(youth.rows),
		youthZips: Number(youth.zips),
		youthUpdatedAt: youth.updated_at,
		sources: sources.map((s) => ({ source: s.source, year: s.year === null ? null : Number(s.year) }))
	};
}

export interface DesertFilters {
	subject?: string;
	format?: string;
	freeOnly?: boolean;
	/** Ages, inclusive; a program giving only grades matches through grade = age − 6 … age − 5. */
	ages?: [number, number];
	/** Listings whose last confirmation (or creation) is older than this are hidden from families. */
	visibleSince: string;
}

/**
 * The programs families can find (active, not hidden by the last-verified rule) that match the
 * desert filters, as a condition on `program` or on `finder_place` (which copies the same columns
 * from its program): the one definition the map's query and its reference reader share.
 */
export function desertProgramFilter(table: 'program' | 'finder_place', ecosystemId: string, f: DesertFilters) {
	const c = (column: string) => sql.ref(`${table}.${column}`);
	return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
		const all: Expression<SqlBool>[] = [
			eb(c('ecosystem_id'), '=', ecosystemId),
			eb(c('status'), '=', 'active'),
			eb.or([eb(c('last_verified_at'), '>=', f.visibleSince), eb.and([eb(c('last_verified_at'), 'is', null), eb(c('created_at'), '>=', f.visibleSince)])])
		];
		if (f.subject) all.push(eb(c('subjects_json'), 'like', `%"${f.subject}"%`));
		if (f.format) all.push(eb(c('formats_json'), 'like', `%"${f.format}"%`));
		if (f.freeOnly) all.push(eb(c('cost_kind'), '=', 'free'));
		if (f.ages) {
			const [low, high] = f.ages;
			all.push(
				eb.or([
					eb.and([
						eb.or([eb(c('min_age'), 'is not', null), eb(c('max_age'), 'is not', null)]),
						eb.or([eb(c('min_age'), 'is', null), eb(c('min_age'), '<=', high)]),
						eb.or([eb(c('max_age'), 'is', null), eb(c('max_age'), '>=', low)])
					]),
					eb.and([
						eb(c('min_age'), 'is', null),
						eb(c('max_age'), 'is', null),
						eb.or([eb(c('grade_min'), 'is', null), eb(c('grade_min'), '<=', high - 5)]),
						eb.or([eb(c('grade_max'), 'is', null), eb(c('grade_max'), '>=', low - 6)])
					])
				])
			);
		}
		return eb.and(all);
	};
}

const fiveDigits = /^\d{5}$/;
/** The ZIP a place counts in: its postal code's first five characters (as `slice(0, 5)`). */
const zipOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 5)`;

/**
 * The desert map's counts, aggregated by the database (the rule is `tallyPrograms` in
 * deserts.ts, tested equal on both databases): for each listed ZIP and share size, the programs
 * placed there and the integer sum of their places' seats, plus the programs without seats.
 *
 * Programs with a single place that has coordinates, nearly all, are summed per ZIP straight from
 * `finder_place` (each located place carries its program's filter columns and seats, so there is
 * no join with `program`). The others (several places, or a place without coordinates, which
 * `finder_place` lacks) are read from `program` and all their places, grouped per program (seats,
 * number of places, lowest and highest ZIP) and then per ZIP. Each place counts in the ZIP of its
 * postal code's first five characters. A program without seats is counted once, in its lowest
 * listed ZIP. The listed ZIPs are inlined as literals (each checked to be five digits) so an
 * ecosystem of any size stays one statement under both databases' parameter limits.
 */
export async function desertTallies(db: Executor, ecosystemId: string, f: DesertFilters, zips: readonly string[]): Promise<DesertTallies> {
	const listed = [...new Set(zips)];
	if (listed.length === 0) return { zips: [], programsWithoutSeats: 0 };
	const bad = listed.find((z) => !fiveDigits.test(z));
	if (bad !== undefined) throw new Error(`desertTallies: "${bad}" is not a five-digit ZIP`);
	const listedZips = sql.join(listed.map((z) => sql.lit(z)));
	const narrowed = !!(f.subject || f.format || f.freeOnly || f.ages);
	const rows = await db
		// Programs with a place that has no coordinates, so is missing from finder_place (rare:
		// imported addresses nothing could place), through the partial index that holds only those.
		.with('unplaced', (qc) =>
			qc
				.selectFrom('program_location')
				.where('ecosystem_id', '=', ecosystemId)
				.where(sql<boolean>`(latitude is null or longitude is null)`)
				.select('program_id')
				.distinct()
		)
		// The located places of the matching programs (read twice when filtered, so kept then).
		.with((cte) => (narrowed ? cte('matching').materialized() : cte('matching')), (qc) =>
			qc.selectFrom('finder_place').where(desertProgramFilter('finder_place', ecosystemId, f)).select(['finder_place.program_id', 'finder_place.postal_code', 'finder_place.capacity'])
		)
		// Programs with several places. With a filter, the few matching programs' located places
		// are counted (a program with a place lacking coordinates is in `unplaced` already);
		// without, every place of the ecosystem, in order along program_location_program_places_idx
		// rather than sorting the whole finder_place. Either way the same programs come out.
		.with('several', (qc) =>
			narrowed
				? qc.selectFrom('matching').groupBy('program_id').having((eb) => eb.fn.countAll(), '>', 1).select('program_id')
				: qc.selectFrom('program_location').where('ecosystem_id', '=', ecosystemId).groupBy('program_id').having((eb) => eb.fn.countAll(), '>', 1).select('program_id')
		)
		// Every program not counted straight from finder_place.
		.with('others', (qc) => qc.selectFrom('unplaced').select('program_id').union(qc.selectFrom('several').select('program_id')))
		// Per program of those: its seats, its number of places (its share size) and its lowest and
		// highest ZIP, from the program and all its places.
		.with('program_places', (qc) =>
			qc
				// Cross joins: SQLite joins in the order written, so it starts from these few
				// programs; PostgreSQL plans freely.
				.selectFrom('others as o')
				.crossJoin('program')
				.crossJoin('program_location as l')
				.whereRef('program.id', '=', 'o.program_id')
				.whereRef('l.program_id', '=', 'o.program_id')
				.where(desertProgramFilter('program', ecosystemId, f))
				.groupBy('o.program_id')
				.select((eb) => [
					'o.program_id',
					eb.fn.max('program.capacity').as('capacity'),
					eb.fn.countAll<number | string>().as('places'),
					eb.fn.min<string>(zipOf('l.postal_code')).as('first_zip'),
					eb.fn.max<string>(zipOf('l.postal_code')).as('last_zip')
				])
		)
		// Per listed ZIP and share size: the seats (each program's seats × its places there), the
		// programs, and the programs without seats counted in their lowest listed ZIP only. Of the
		// other programs, those with every place in one ZIP are summed as they are; the ones spread
		// over ZIPs are first split into one row per listed ZIP from their places.
		.with('counts', (qc) =>
			qc
				// Programs with one place, which has coordinates: nearly all, summed per ZIP straight
				// from finder_place (no join with program).
				.selectFrom('matching')
				.where('program_id', 'not in', qc.selectFrom('others').select('program_id'))
				.where(sql<boolean>`${zipOf('postal_code')} in (${listedZips})`)
				.groupBy(zipOf('postal_code'))
				.select((eb) => [
					zipOf('postal_code').as('zip'),
					sql<number | string>`1`.as('places'),
					eb.fn.sum<number | string | null>('capacity').as('capacity'),
					eb.fn.countAll<number | string>().as('programs'),
					eb.fn.sum<number | string>(eb.case().when('capacity', 'is', null).then(1).else(0).end()).as('without_seats')
				])
				.unionAll(
					qc
						.selectFrom('program_places')
						.whereRef('first_zip', '=', 'last_zip')
						.where(sql<boolean>`first_zip in (${listedZips})`)
						.groupBy(['first_zip', 'places'])
						.select((eb) => [
							'first_zip as zip',
							'places',
							eb.fn.sum<number | string | null>(sql`capacity * places`).as('capacity'),
							eb.fn.countAll<number | string>().as('programs'),
							eb.fn.sum<number | string>(eb.case().when('capacity', 'is', null).then(1).else(0).end()).as('without_seats')
						])
				)
				.unionAll(
					qc
						.selectFrom(
							qc
								// From the few spread programs to their places (the join order, as above).
								.selectFrom('program_places as pp')
								.crossJoin('program_location as l')
								.whereRef('l.program_id', '=', 'pp.program_id')
								.whereRef('pp.first_zip', '<>', 'pp.last_zip')
								.where(sql<boolean>`${zipOf('l.postal_code')} in (${listedZips})`)
								.groupBy(['pp.program_id', zipOf('l.postal_code'), 'pp.places', 'pp.capacity'])
								.select((eb) => [
									zipOf('l.postal_code').as('zip'),
									'pp.places',
									eb.fn.countAll<number | string>().as('here'),
									'pp.capacity',
									sql<number>`case when ${zipOf('l.postal_code')} = min(${zipOf('l.postal_code')}) over (partition by ${sql.ref('pp.program_id')}) then 1 else 0 end`.as('lowest')
								])
								.as('spread')
						)
						.groupBy(['zip', 'places'])
						.select((eb) => [
							'zip',
							'places',
							eb.fn.sum<number | string | null>(sql`capacity * here`).as('capacity'),
							eb.fn.countAll<number | string>().as('programs'),
							eb.fn.sum<number | string>(eb.case().when('capacity', 'is', null).then(eb.ref('lowest')).else(0).end()).as('without_seats')
						])
				)
		)
		.selectFrom('counts')
		.groupBy(['zip', 'places'])
		.select((eb) => [
			'zip',
			'places',
			eb.fn.sum<number | string | null>('capacity').as('capacity'),
			eb.fn.sum<number | string>('programs').as('programs'),
			eb.fn.sum<number | string>('without_seats').as('without_seats')
		])
		.execute();
	const byZip = new Map<string, ZipTally>();
	let programsWithoutSeats = 0;
	for (const r of rows) {
		const t = byZip.get(r.zip) ?? { zip: r.zip, programs: 0, shares: [] };
		t.programs += Number(r.programs);
		t.shares.push({ places: Number(r.places), capacity: Number(r.capacity ?? 0) });
		byZip.set(r.zip, t);
		programsWithoutSeats += Number(r.without_seats);
	}
	const tallies = [...byZip.values()].sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0));
	for (const t of tallies) t.shares.sort((a, b) => a.places - b.places);
	return { zips: tallies, programsWithoutSeats };
}

export async function ecosystemFocusGroups(db: Executor, ecosystemId: string): Promise<string[]> {
	const row = await db.selectFrom('ecosystem').select('focus_groups_json').where('id', '=', ecosystemId).executeTakeFirst();
	try {
		const parsed: unknown = JSON.parse(row?.focus_groups_json ?? '[]');
		return Array.isArray(parsed) ? parsed.filter((g): g is string => typeof g === 'string') : [];
	} catch {
		return [];
	}
}
