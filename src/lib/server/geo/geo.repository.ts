import type { Geometry } from 'geojson';
import type { Executor } from '../audit/audit.repository.js';

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
 * The programs families can find (active, not hidden), filtered, with their seats and the ZIPs
 * of their places: what the desert map counts.
 */
export async function listDesertPrograms(db: Executor, ecosystemId: string, f: DesertFilters) {
	const programs = await db
		.selectFrom('program')
		.select(['id', 'capacity'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('status', '=', 'active')
		.where((eb) => eb.or([eb('last_verified_at', '>=', f.visibleSince), eb.and([eb('last_verified_at', 'is', null), eb('created_at', '>=', f.visibleSince)])]))
		.$if(!!f.subject, (qb) => qb.where('subjects_json', 'like', `%"${f.subject}"%`))
		.$if(!!f.format, (qb) => qb.where('formats_json', 'like', `%"${f.format}"%`))
		.$if(!!f.freeOnly, (qb) => qb.where('cost_kind', '=', 'free'))
		.$if(!!f.ages, (qb) => {
			const [low, high] = f.ages!;
			return qb.where((eb) =>
				eb.or([
					eb.and([
						eb.or([eb('min_age', 'is not', null), eb('max_age', 'is not', null)]),
						eb.or([eb('min_age', 'is', null), eb('min_age', '<=', high)]),
						eb.or([eb('max_age', 'is', null), eb('max_age', '>=', low)])
					]),
					eb.and([
						eb('min_age', 'is', null),
						eb('max_age', 'is', null),
						eb.or([eb('grade_min', 'is', null), eb('grade_min', '<=', high - 5)]),
						eb.or([eb('grade_max', 'is', null), eb('grade_max', '>=', low - 6)])
					])
				])
			);
		})
		.orderBy('id')
		.execute();
	const zips = new Map<string, string[]>();
	const ids = programs.map((p) => p.id);
	for (let i = 0; i < ids.length; i += 500) {
		const places = await db
			.selectFrom('program_location')
			.select(['program_id', 'postal_code'])
			.where('ecosystem_id', '=', ecosystemId)
			.where('program_id', 'in', ids.slice(i, i + 500))
			.orderBy('program_id')
			.orderBy('position')
			.execute();
		for (const p of places) zips.set(p.program_id, [...(zips.get(p.program_id) ?? []), p.postal_code.slice(0, 5)]);
	}
	return programs.map((p) => ({ id: p.id, capacity: p.capacity === null ? null : Number(p.capacity), zips: zips.get(p.id) ?? [] }));
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
