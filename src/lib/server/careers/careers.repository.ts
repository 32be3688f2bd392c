import type { Executor } from '../audit/audit.repository.js';
import type { OccupationRecord } from './occupations.js';
import type { AreaEducation } from './pathways.js';

export interface OccupationRow {
	code: string;
	soc_code: string;
	major_group: string;
	title: string;
	stem_types: string;
}

/** Occupations are reference data shared by every ecosystem (O*NET is national), so no ecosystem filter. */
export async function listOccupations(db: Executor, majorGroup?: string): Promise<OccupationRow[]> {
	let query = db.selectFrom('occupation').select(['code', 'soc_code', 'major_group', 'title', 'stem_types']);
	if (majorGroup) query = query.where('major_group', '=', majorGroup);
	return query.orderBy('title').execute();
}

export async function findOccupation(db: Executor, code: string): Promise<OccupationRow | undefined> {
	return db.selectFrom('occupation').select(['code', 'soc_code', 'major_group', 'title', 'stem_types']).where('code', '=', code).executeTakeFirst();
}

export async function countOccupations(db: Executor): Promise<number> {
	const row = await db.selectFrom('occupation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Inserts new codes and refreshes existing ones; codes no longer listed stay (opportunities may name them). */
export async function upsertOccupations(db: Executor, occupations: OccupationRecord[], source: string, importedAt: string): Promise<void> {
	for (const o of occupations) {
		const values = { soc_code: o.socCode, major_group: o.majorGroup, title: o.title, stem_types: o.stemTypes.join('; '), source, imported_at: importedAt };
		await db
			.insertInto('occupation')
			.values({ code: o.code, ...values })
			.onConflict((oc) => oc.column('code').doUpdateSet(values))
			.execute();
	}
}

/** National reference data like occupations: no ecosystem filter. */
export async function listAreaEducation(db: Executor) {
	return db.selectFrom('career_area_education').select(['major_group', 'year', 'employed_total', 'employed_bachelors_or_higher', 'source']).execute();
}

export async function upsertAreaEducation(db: Executor, rows: AreaEducation[], year: number, source: string, importedAt: string): Promise<void> {
	for (const r of rows) {
		const values = { year, employed_total: r.employedTotal, employed_bachelors_or_higher: r.employedBachelorsOrHigher, source, imported_at: importedAt };
		await db
			.insertInto('career_area_education')
			.values({ major_group: r.majorGroup, ...values })
			.onConflict((oc) => oc.column('major_group').doUpdateSet(values))
			.execute();
	}
}

/** How many occupations each career area has (the pathway index page). */
export async function countOccupationsByArea(db: Executor): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('occupation')
		.select((eb) => ['major_group', eb.fn.countAll<number>().as('n')])
		.groupBy('major_group')
		.execute();
	return new Map(rows.map((r) => [r.major_group, Number(r.n)]));
}
