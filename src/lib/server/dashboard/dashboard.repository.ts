/**
 * Read-only queries behind the public dashboard. Every query is scoped by ecosystem_id: a
 * dashboard never reads another ecosystem's rows, even through a metric's benchmark population.
 */
import type { Executor } from '../audit/audit.repository.js';

export interface DashboardEcosystemRow {
	id: string;
	goal: string;
	goal_es: string | null;
	goal_year: number | null;
	suppression_threshold: number;
	focus_groups_json: string | null;
}

export interface DashboardMetricRow {
	id: string;
	slug: string;
	name: string;
	name_es: string | null;
	definition: string;
	definition_es: string | null;
	stage: string;
	stage_position: number;
	source: string;
	benchmark_population_id: string | null;
}

export interface DashboardPopulationRow {
	id: string;
	slug: string;
	name: string;
	name_es: string | null;
	source: string;
	geography: string;
}

export interface DashboardBenchmarkValueRow {
	population_id: string;
	year: number;
	group_key: string;
	estimate: number;
	moe: number | null;
	vintage: string;
}

export interface DashboardMetricValueRow {
	metric_id: string;
	year: number;
	group_key: string;
	value: number;
	moe: number | null;
	origin: 'census' | 'partners' | 'manual';
}

export async function findDashboardEcosystem(db: Executor, ecosystemId: string): Promise<DashboardEcosystemRow | undefined> {
	return db
		.selectFrom('ecosystem')
		.select(['id', 'goal', 'goal_es', 'goal_year', 'suppression_threshold', 'focus_groups_json'])
		.where('id', '=', ecosystemId)
		.executeTakeFirst();
}

/**
 * Metrics on the dashboard: counts of people (the Access Index and count suppression mean
 * nothing for percentages, rates or hours), not archived, in pipeline order.
 */
export async function listDashboardMetrics(db: Executor, ecosystemId: string): Promise<DashboardMetricRow[]> {
	return db
		.selectFrom('metric')
		.select(['id', 'slug', 'name', 'name_es', 'definition', 'definition_es', 'stage', 'stage_position', 'source', 'benchmark_population_id'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('unit', '=', 'people')
		.where('archived_at', 'is', null)
		.orderBy('stage_position')
		.orderBy('slug')
		.execute();
}

export async function listDashboardPopulations(db: Executor, ecosystemId: string): Promise<DashboardPopulationRow[]> {
	return db
		.selectFrom('benchmark_population')
		.select(['id', 'slug', 'name', 'name_es', 'source', 'geography'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('slug')
		.execute();
}

export async function listDashboardBenchmarkValues(db: Executor, ecosystemId: string): Promise<DashboardBenchmarkValueRow[]> {
	const rows = await db
		.selectFrom('benchmark_value')
		.select(['population_id', 'year', 'group_key', 'estimate', 'moe', 'vintage'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('population_id')
		.orderBy('year')
		.orderBy('group_key')
		.execute();
	return rows.map((r) => ({ ...r, year: Number(r.year), estimate: Number(r.estimate), moe: r.moe === null ? null : Number(r.moe) }));
}

export async function listDashboardMetricValues(db: Executor, ecosystemId: string): Promise<DashboardMetricValueRow[]> {
	const rows = await db
		.selectFrom('metric_value')
		.innerJoin('metric', 'metric.id', 'metric_value.metric_id')
		.select([
			'metric_value.metric_id',
			'metric_value.year',
			'metric_value.group_key',
			'metric_value.value',
			'metric_value.moe',
			'metric_value.origin'
		])
		.where('metric_value.ecosystem_id', '=', ecosystemId)
		.where('metric.ecosystem_id', '=', ecosystemId)
		.where('metric.archived_at', 'is', null)
		.orderBy('metric_value.metric_id')
		.orderBy('metric_value.year')
		.orderBy('metric_value.group_key')
		.execute();
	return rows.map((r) => ({ ...r, year: Number(r.year), value: Number(r.value), moe: r.moe === null ? null : Number(r.moe) }));
}

/**
 * A version of everything the dashboard shows: the latest change to the ecosystem's settings,
 * metrics, populations and values. Rendered dashboards are cached per (ecosystem, version).
 * Deleting a value leaves no timestamp behind, so the row counts are part of the version too.
 */
export async function dashboardDataVersion(db: Executor, ecosystemId: string): Promise<string> {
	const [eco, metric, population, benchmark, values] = await Promise.all([
		db.selectFrom('ecosystem').select('updated_at').where('id', '=', ecosystemId).executeTakeFirst(),
		db
			.selectFrom('metric')
			.select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll().as('n')])
			.where('ecosystem_id', '=', ecosystemId)
			.executeTakeFirst(),
		db
			.selectFrom('benchmark_population')
			.select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll().as('n')])
			.where('ecosystem_id', '=', ecosystemId)
			.executeTakeFirst(),
		db
			.selectFrom('benchmark_value')
			.select((eb) => [eb.fn.max('imported_at').as('latest'), eb.fn.countAll().as('n')])
			.where('ecosystem_id', '=', ecosystemId)
			.executeTakeFirst(),
		db
			.selectFrom('metric_value')
			.select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll().as('n')])
			.where('ecosystem_id', '=', ecosystemId)
			.executeTakeFirst()
	]);
	const part = (row: { latest: unknown; n: unknown } | undefined) => `${String(row?.latest ?? '')}#${String(row?.n ?? 0)}`;
	return [eco?.updated_at ?? '', part(metric), part(population), part(benchmark), part(values)].join('|');
}
