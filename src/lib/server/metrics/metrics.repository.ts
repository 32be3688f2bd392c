import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { MetricFrequency, MetricInput, MetricStage, MetricUnit } from './metrics.js';
import { defaultStagePosition } from './metrics.js';

export interface MetricRow {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	definition: string;
	definition_es: string | null;
	unit: MetricUnit;
	stage: MetricStage;
	stage_position: number;
	source: string;
	frequency: MetricFrequency;
	disaggregations_json: string;
	benchmark_population_id: string | null;
	archived_at: string | null;
	updated_at: string;
}

const columns = [
	'id', 'ecosystem_id', 'slug', 'name', 'name_es', 'definition', 'definition_es', 'unit', 'stage', 'stage_position',
	'source', 'frequency', 'disaggregations_json', 'benchmark_population_id', 'archived_at', 'updated_at'
] as const;

export async function listMetrics(db: Executor, ecosystemId: string): Promise<MetricRow[]> {
	return db.selectFrom('metric').select(columns).where('ecosystem_id', '=', ecosystemId).orderBy('stage_position').orderBy('name').execute();
}

export async function findMetricBySlug(db: Executor, ecosystemId: string, slug: string): Promise<MetricRow | undefined> {
	return db.selectFrom('metric').select(columns).where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function findMetricById(db: Executor, ecosystemId: string, id: string): Promise<MetricRow | undefined> {
	return db.selectFrom('metric').select(columns).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function metricSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await findMetricBySlug(db, ecosystemId, slug));
}

function stored(values: MetricInput) {
	return {
		name: values.name,
		name_es: values.name_es ?? null,
		definition: values.definition,
		definition_es: values.definition_es ?? null,
		unit: values.unit,
		stage: values.stage,
		stage_position: values.stage_position ?? defaultStagePosition[values.stage],
		source: values.source,
		frequency: values.frequency,
		disaggregations_json: JSON.stringify(values.disaggregations),
		benchmark_population_id: values.benchmark_population_id ?? null
	};
}

export async function insertMetric(db: Executor, ecosystemId: string, slug: string, values: MetricInput): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('metric')
		.values({ id, ecosystem_id: ecosystemId, slug, ...stored(values), archived_at: null, created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function updateMetric(db: Executor, ecosystemId: string, id: string, values: MetricInput): Promise<number> {
	const result = await db
		.updateTable('metric')
		.set({ ...stored(values), updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function setMetricArchived(db: Executor, ecosystemId: string, id: string, archived: boolean): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('metric')
		.set({ archived_at: archived ? now : null, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface MetricValueRow {
	year: number;
	group_key: string;
	value: number;
	moe: number | null;
	origin: 'census' | 'partners' | 'manual';
	source_note: string;
}

export async function listMetricValues(db: Executor, ecosystemId: string, metricId: string): Promise<MetricValueRow[]> {
	return db
		.selectFrom('metric_value')
		.select(['year', 'group_key', 'value', 'moe', 'origin', 'source_note'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('metric_id', '=', metricId)
		.orderBy('year')
		.orderBy('group_key')
		.execute();
}

/**
 * Replaces a metric's values for one year from one origin: the year's earlier rows of that origin
 * go, and so does any row of another origin for a group the new values cover (one value per
 * metric, year and group). Returns how many rows were removed.
 */
export async function replaceMetricValues(
	db: Executor,
	{
		ecosystemId,
		metricId,
		year,
		origin,
		sourceNote,
		values
	}: {
		ecosystemId: string;
		metricId: string;
		year: number;
		origin: 'census' | 'partners' | 'manual';
		/** Where the values come from; a value's own `sourceNote` wins. */
		sourceNote: string;
		values: readonly { groupKey: string; value: number; moe: number | null; sourceNote?: string }[];
	}
): Promise<number> {
	const keys = values.map((v) => v.groupKey);
	const removed = await db
		.deleteFrom('metric_value')
		.where('ecosystem_id', '=', ecosystemId)
		.where('metric_id', '=', metricId)
		.where('year', '=', year)
		.where((eb) => (keys.length > 0 ? eb.or([eb('origin', '=', origin), eb('group_key', 'in', keys)]) : eb('origin', '=', origin)))
		.executeTakeFirst();
	if (values.length > 0) {
		const now = nowIso();
		await db
			.insertInto('metric_value')
			.values(
				values.map((v) => ({
					ecosystem_id: ecosystemId,
					metric_id: metricId,
					year,
					group_key: v.groupKey,
					value: v.value,
					moe: v.moe,
					origin,
					source_note: v.sourceNote ?? sourceNote,
					updated_at: now
				}))
			)
			.execute();
	}
	return Number(removed.numDeletedRows);
}
