import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { BenchmarkValueInput, PopulationInput } from './benchmarks.js';

export interface PopulationRow {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	description: string;
	description_es: string | null;
	geography: string;
	source: string;
	updated_at: string;
}

const columns = ['id', 'ecosystem_id', 'slug', 'name', 'name_es', 'description', 'description_es', 'geography', 'source', 'updated_at'] as const;

export async function listPopulations(db: Executor, ecosystemId: string): Promise<PopulationRow[]> {
	return db.selectFrom('benchmark_population').select(columns).where('ecosystem_id', '=', ecosystemId).orderBy('name').execute();
}

export async function findPopulationBySlug(db: Executor, ecosystemId: string, slug: string): Promise<PopulationRow | undefined> {
	return db.selectFrom('benchmark_population').select(columns).where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function findPopulationById(db: Executor, ecosystemId: string, id: string): Promise<PopulationRow | undefined> {
	return db.selectFrom('benchmark_population').select(columns).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function populationSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await findPopulationBySlug(db, ecosystemId, slug));
}

function stored(values: PopulationInput) {
	return {
		name: values.name,
		name_es: values.name_es ?? null,
		description: values.description,
		description_es: values.description_es ?? null,
		geography: values.geography,
		source: values.source
	};
}

export async function insertPopulation(db: Executor, ecosystemId: string, slug: string, values: PopulationInput): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('benchmark_population')
		.values({ id, ecosystem_id: ecosystemId, slug, ...stored(values), created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function updatePopulation(db: Executor, ecosystemId: string, id: string, values: PopulationInput): Promise<number> {
	const result = await db
		.updateTable('benchmark_population')
		.set({ ...stored(values), updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface BenchmarkValueRow {
	year: number;
	group_key: string;
	estimate: number;
	moe: number | null;
	vintage: string;
	imported_at: string;
}

export async function listBenchmarkValues(db: Executor, ecosystemId: string, populationId: string): Promise<BenchmarkValueRow[]> {
	return db
		.selectFrom('benchmark_value')
		.select(['year', 'group_key', 'estimate', 'moe', 'vintage', 'imported_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('population_id', '=', populationId)
		.orderBy('year')
		.orderBy('group_key')
		.execute();
}

/** Counts of stored values per population, for the index table. */
export async function countBenchmarkValues(db: Executor, ecosystemId: string): Promise<Map<string, { values: number; years: number[] }>> {
	const rows = await db
		.selectFrom('benchmark_value')
		.select(['population_id', 'year', (eb) => eb.fn.countAll<number>().as('n')])
		.where('ecosystem_id', '=', ecosystemId)
		.groupBy(['population_id', 'year'])
		.execute();
	const out = new Map<string, { values: number; years: number[] }>();
	for (const r of rows) {
		const entry = out.get(r.population_id) ?? { values: 0, years: [] };
		entry.values += Number(r.n);
		entry.years.push(Number(r.year));
		out.set(r.population_id, entry);
	}
	for (const entry of out.values()) entry.years.sort((a, b) => a - b);
	return out;
}

/**
 * Replaces a population's values for each year present in `values`: that year's earlier values
 * go, the new ones come in. Returns how many earlier values were replaced.
 */
export async function replaceBenchmarkValues(
	db: Executor,
	{
		ecosystemId,
		populationId,
		vintage,
		values
	}: {
		ecosystemId: string;
		populationId: string;
		/** Where the values come from; a value's own `vintage` (e.g. naming its table variables) wins. */
		vintage: string;
		values: readonly (BenchmarkValueInput & { vintage?: string })[];
	}
): Promise<number> {
	const years = [...new Set(values.map((v) => v.year))];
	if (years.length === 0) return 0;
	const removed = await db
		.deleteFrom('benchmark_value')
		.where('ecosystem_id', '=', ecosystemId)
		.where('population_id', '=', populationId)
		.where('year', 'in', years)
		.executeTakeFirst();
	const now = nowIso();
	// Chunks keep each statement well under SQLite's and PostgreSQL's parameter limits.
	for (let i = 0; i < values.length; i += 500) {
		await db
			.insertInto('benchmark_value')
			.values(
				values.slice(i, i + 500).map((v) => ({
					ecosystem_id: ecosystemId,
					population_id: populationId,
					year: v.year,
					group_key: v.groupKey,
					estimate: v.estimate,
					moe: v.moe,
					vintage: v.vintage ?? vintage,
					imported_at: now
				}))
			)
			.execute();
	}
	return Number(removed.numDeletedRows);
}
