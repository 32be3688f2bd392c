import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { slugify } from '../util.js';
import { validate } from '../validation.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import * as benchmarksRepo from '../benchmarks/benchmarks.repository.js';
import * as repo from './metrics.repository.js';
import { disaggregations, metricFrequencies, metricSchema, metricStages, metricUnits, parseDisaggregations, sortMetrics, type MetricInput } from './metrics.js';

interface Scope {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
}

/** What the metric form offers: the fixed lists and the ecosystem's benchmark populations. */
async function formOptions(db: Executor, ecosystemId: string) {
	const populations = await benchmarksRepo.listPopulations(db, ecosystemId);
	return {
		units: [...metricUnits],
		stages: [...metricStages],
		frequencies: [...metricFrequencies],
		disaggregations: [...disaggregations],
		populations: populations.map((p) => ({ id: p.id, name: p.name, name_es: p.name_es }))
	};
}

/** The measurement index: every metric (archived last) and every benchmark population with its years. */
export async function getMeasurementOverview({ db, actor, ecosystemId }: Scope) {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const [metrics, populations, counts] = await Promise.all([
		repo.listMetrics(db, ecosystemId),
		benchmarksRepo.listPopulations(db, ecosystemId),
		benchmarksRepo.countBenchmarkValues(db, ecosystemId)
	]);
	const populationNames = new Map(populations.map((p) => [p.id, p]));
	return {
		metrics: sortMetrics(metrics).map((m) => ({
			...m,
			disaggregations: parseDisaggregations(m.disaggregations_json),
			population: m.benchmark_population_id ? (populationNames.get(m.benchmark_population_id) ?? null) : null
		})),
		populations: populations.map((p) => ({ ...p, values: counts.get(p.id)?.values ?? 0, years: counts.get(p.id)?.years ?? [] }))
	};
}

export async function prepareMetricForm({ db, actor, ecosystemId }: Scope) {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	return formOptions(db, ecosystemId);
}

/** Breakdown problems point at the one checkbox group, not at an index within it. */
function validateMetric(input: unknown): Outcome<MetricInput> {
	const parsed = validate(metricSchema, input);
	if (parsed.ok) return parsed;
	const issues = parsed.issues.map((i) => (i.field.startsWith('disaggregations.') ? { ...i, field: 'disaggregations' } : i));
	return invalid(issues.filter((i, n) => issues.findIndex((j) => j.field === i.field && j.message === i.message) === n));
}

/** The chosen benchmark population must be one of this ecosystem's. */
async function checkPopulation(db: Executor, ecosystemId: string, value: MetricInput) {
	if (!value.benchmark_population_id) return [];
	const population = await benchmarksRepo.findPopulationById(db, ecosystemId, value.benchmark_population_id);
	return population ? [] : [{ field: 'benchmark_population_id', message: 'Choose one of this ecosystem’s benchmark populations.' }];
}

/** Backbone staff add a metric to the dictionary. */
export async function createMetric({ db, actor, ecosystemId, input }: Scope & { input: unknown }): Promise<Outcome<{ id: string; slug: string }>> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const parsed = validateMetric(input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const attempt = () => db.transaction().execute(async (trx): Promise<Outcome<{ id: string; slug: string }>> => {
		const problems = await checkPopulation(trx, ecosystemId, value);
		if (problems.length > 0) return invalid(problems);
		const base = slugify(value.name) || 'metric';
		let slug = base;
		for (let n = 2; await repo.metricSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const id = await repo.insertMetric(trx, ecosystemId, slug, value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'metric.create',
			entityType: 'metric',
			entityId: id,
			summary: `Added the metric “${value.name}”`
		});
		return ok({ id, slug });
	});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

/** A metric with its values, for its edit page. */
export async function getMetricForEdit({ db, actor, ecosystemId, slug }: Scope & { slug: string }) {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const metric = await repo.findMetricBySlug(db, ecosystemId, slug);
	if (!metric) throw new DomainError('METRIC_NOT_FOUND');
	const [options, values] = await Promise.all([formOptions(db, ecosystemId), repo.listMetricValues(db, ecosystemId, metric.id)]);
	return { metric: { ...metric, disaggregations: parseDisaggregations(metric.disaggregations_json) }, values, ...options };
}

/** Resolves a metric's web address within the ecosystem (404 outside it). */
export async function metricIdBySlug({ db, actor, ecosystemId, slug }: Scope & { slug: string }): Promise<string> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const metric = await repo.findMetricBySlug(db, ecosystemId, slug);
	if (!metric) throw new DomainError('METRIC_NOT_FOUND');
	return metric.id;
}

export async function updateMetric({ db, actor, ecosystemId, metricId, input }: Scope & { metricId: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const parsed = validateMetric(input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		if (!(await repo.findMetricById(trx, ecosystemId, metricId))) throw new DomainError('METRIC_NOT_FOUND');
		const problems = await checkPopulation(trx, ecosystemId, value);
		if (problems.length > 0) return invalid(problems);
		await repo.updateMetric(trx, ecosystemId, metricId, value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'metric.update',
			entityType: 'metric',
			entityId: metricId,
			summary: `Updated the metric “${value.name}”`
		});
		return ok(null);
	});
}

/** Archiving hides a metric from new collection cycles and dashboards; its values are kept. */
export async function setMetricArchived({ db, actor, ecosystemId, metricId, archived }: Scope & { metricId: string; archived: boolean }): Promise<void> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const metric = await repo.findMetricById(trx, ecosystemId, metricId);
		if (!metric) throw new DomainError('METRIC_NOT_FOUND');
		await repo.setMetricArchived(trx, ecosystemId, metricId, archived);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: archived ? 'metric.archive' : 'metric.restore',
			entityType: 'metric',
			entityId: metricId,
			summary: `${archived ? 'Archived' : 'Restored'} the metric “${metric.name}”`
		});
	});
}
