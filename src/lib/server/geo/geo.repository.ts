import type { Geometry } from 'geojson';
import { sql } from 'kysely';
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
 * desert filters: the one definition both the map's query and its reference reader use.
 */
export function desertProgramQuery(db: Executor, ecosystemId: string, f: DesertFilters) {
	return db
		.selectFrom('program')
		.where('program.ecosystem_id', '=', ecosystemId)
		.where('program.status', '=', 'active')
		.where((eb) =>
			eb.or([eb('program.last_verified_at', '>=', f.visibleSince), eb.and([eb('program.last_verified_at', 'is', null), eb('program.created_at', '>=', f.visibleSince)])])
		)
		.$if(!!f.subject, (qb) => qb.where('program.subjects_json', 'like', `%"${f.subject}"%`))
		.$if(!!f.format, (qb) => qb.where('program.formats_json', 'like', `%"${f.format}"%`))
		.$if(!!f.freeOnly, (qb) => qb.where('program.cost_kind', '=', 'free'))
		.$if(!!f.ages, (qb) => {
			const [low, high] = f.ages!;
			return qb.where((eb) =>
				eb.or([
					eb.and([
						eb.or([eb('program.min_age', 'is not', null), eb('program.max_age', 'is not', null)]),
						eb.or([eb('program.min_age', 'is', null), eb('program.min_age', '<=', high)]),
						eb.or([eb('program.max_age', 'is', null), eb('program.max_age', '>=', low)])
					]),
					eb.and([
						eb('program.min_age', 'is', null),
						eb('program.max_age', 'is', null),
						eb.or([eb('program.grade_min', 'is', null), eb('program.grade_min', '<=', high - 5)]),
						eb.or([eb('program.grade_max', 'is', null), eb('program.grade_max', '>=', low - 6)])
					])
				])
			);
		});
}

const fiveDigits = /^\d{5}$/;

/**
 * The desert map's counts, aggregated by the database (the rule is `tallyPrograms` in
 * deserts.ts, tested equal on both databases): for each listed ZIP and share size, the programs
 * placed there and the integer sum of their places' seats, plus the programs without seats.
 * Each place counts in the ZIP of its postal code's first five characters; a program's number of
 * places counts all of them, listed ZIP or not. A program lacking seats is counted once, in its
 * lowest listed ZIP. The listed ZIPs are inlined as literals (each checked to be five digits) so
 * an ecosystem of any size stays one statement, under both databases' parameter limits.
 */
export async function desertTallies(db: Executor, ecosystemId: string, f: DesertFilters, zips: readonly string[]): Promise<DesertTallies> {
	const listed = [...new Set(zips)];
	if (listed.length === 0) return { zips: [], programsWithoutSeats: 0 };
	const bad = listed.find((z) => !fiveDigits.test(z));
	if (bad !== undefined) throw new Error(`desertTallies: "${bad}" is not a five-digit ZIP`);
	const listedZips = sql.join(listed.map((z) => sql.lit(z)));
	const visible = desertProgramQuery(db, ecosystemId, f).select(['program.id', 'program.capacity']);
	const rows = await db
		.with('placed', (qc) =>
			qc
				.selectFrom('program_location as l')
				.innerJoin(visible.as('p'), 'p.id', 'l.program_id')
				.where('l.ecosystem_id', '=', ecosystemId)
				.select((eb) => [
					'l.program_id',
					'p.capacity',
					sql<string>`substr(l.postal_code, 1, 5)`.as('zip'),
					eb.fn.countAll<number | string>().over((o) => o.partitionBy('l.program_id')).as('places')
				])
		)
		.with('listed', (qc) =>
			qc
				.selectFrom('placed')
				.where(sql<boolean>`zip in (${listedZips})`)
				.select((eb) => ['program_id', 'capacity', 'zip', 'places', eb.fn.min<string>('zip').over((o) => o.partitionBy('program_id')).as('first_zip')])
		)
		.selectFrom('listed')
		.select((eb) => [
			'zip',
			'places',
			eb.fn.sum<number | string | null>('capacity').as('capacity'),
			eb.fn.count<number | string>('program_id').distinct().as('programs'),
			eb.fn
				.count<number | string>(eb.case().when(eb.and([eb('capacity', 'is', null), eb('zip', '=', eb.ref('first_zip'))])).then(eb.ref('program_id')).end())
				.distinct()
				.as('without_seats')
		])
		.groupBy(['zip', 'places'])
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
