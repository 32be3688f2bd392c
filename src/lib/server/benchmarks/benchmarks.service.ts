import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import { CensusError, mappedVariables, type CensusTable } from '../census/census.js';
import { readCensusCsv, readCensusLegendCsv } from '../census/census-csv.js';
import { CensusRequestError, type CensusClient } from '../census/census-client.js';
import * as metricsRepo from '../metrics/metrics.repository.js';
import * as repo from './benchmarks.repository.js';
import {
	censusMappings,
	censusValues,
	checkLegend,
	fromCensusProblems,
	geographySelector,
	isCensusGeography,
	mappingFor,
	mergeTables,
	parseCensusJsonSource,
	parseLongCsv,
	populationSchema,
	sourceKind,
	yearInName,
	yearSchema,
	type BenchmarkValueInput,
	type CensusSourceText,
	type ImportProblem
} from './benchmarks.js';

interface Scope {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
}

const manage = (actor: Actor, ecosystemId: string) => requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });

// ---------------------------------------------------------------------------------------------
// Populations

export async function preparePopulationForm({ actor, ecosystemId }: Omit<Scope, 'db'>) {
	manage(actor, ecosystemId);
	return {};
}

export async function createPopulation({ db, actor, ecosystemId, input }: Scope & { input: unknown }): Promise<Outcome<{ id: string; slug: string }>> {
	manage(actor, ecosystemId);
	const parsed = validate(populationSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const attempt = () => db.transaction().execute(async (trx): Promise<Outcome<{ id: string; slug: string }>> => {
		const base = slugify(value.name) || 'population';
		let slug = base;
		for (let n = 2; await repo.populationSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const id = await repo.insertPopulation(trx, ecosystemId, slug, value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'benchmark.create',
			entityType: 'benchmark_population',
			entityId: id,
			summary: `Added the benchmark population “${value.name}”`
		});
		return ok({ id, slug });
	});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

export async function updatePopulation({ db, actor, ecosystemId, populationId, input }: Scope & { populationId: string; input: unknown }): Promise<Outcome<null>> {
	manage(actor, ecosystemId);
	const parsed = validate(populationSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const changed = await repo.updatePopulation(trx, ecosystemId, populationId, parsed.value);
		if (changed === 0) throw new DomainError('BENCHMARK_NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'benchmark.update',
			entityType: 'benchmark_population',
			entityId: populationId,
			summary: `Updated the benchmark population “${parsed.value.name}”`
		});
		return ok(null);
	});
}

/** A population with its values and what the import forms offer. */
export async function getPopulationForEdit({ db, actor, ecosystemId, slug }: Scope & { slug: string }) {
	manage(actor, ecosystemId);
	const population = await repo.findPopulationBySlug(db, ecosystemId, slug);
	if (!population) throw new DomainError('BENCHMARK_NOT_FOUND');
	const [values, metrics] = await Promise.all([repo.listBenchmarkValues(db, ecosystemId, population.id), metricsRepo.listMetrics(db, ecosystemId)]);
	return {
		population,
		values,
		mappings: [...censusMappings],
		/** Metrics the Census STEM-workforce count can fill: workforce-stage metrics counted in people. */
		workforceMetrics: metrics
			.filter((m) => m.stage === 'workforce' && m.unit === 'people' && m.archived_at === null)
			.map((m) => ({ id: m.id, name: m.name, name_es: m.name_es }))
	};
}

export async function populationIdBySlug({ db, actor, ecosystemId, slug }: Scope & { slug: string }): Promise<string> {
	manage(actor, ecosystemId);
	const population = await repo.findPopulationBySlug(db, ecosystemId, slug);
	if (!population) throw new DomainError('BENCHMARK_NOT_FOUND');
	return population.id;
}

// ---------------------------------------------------------------------------------------------
// Imports

export interface ImportSummary {
	years: number[];
	/** Benchmark values written, and how many earlier values of those years they replaced. */
	values: number;
	replaced: number;
	/** STEM-workforce metric values written (0 without a metric), and how many they replaced. */
	metricValues: number;
	metricReplaced: number;
	/** Counts the Census marks as not available, left out. */
	unavailable: string[];
	geography: string | null;
}

/** Like `Outcome`, with every data problem (file, row, column, value, why) beside the field issues. */
export type ImportOutcome = { ok: true; value: ImportSummary } | { ok: false; issues: FieldIssue[]; problems: ImportProblem[] };

const importOptionsSchema = z.object({
	year: yearSchema.optional(),
	mapping: z.enum(censusMappings, { message: 'Choose a mapping from the list.' }).default('psec'),
	metric_id: z.string().max(100).optional()
});

function failed(issues: FieldIssue[], problems: ImportProblem[], field: string): ImportOutcome {
	const all = [...issues];
	if (problems.length > 0) {
		all.push({
			field,
			message: `The data has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported. Each is listed below with its file, row and column.`
		});
	}
	return { ok: false, issues: all, problems };
}

interface Prepared {
	population: repo.PopulationRow;
	year: number | undefined;
	mapping: (typeof censusMappings)[number];
	metric: metricsRepo.MetricRow | null;
	issues: FieldIssue[];
}

/** Checks the population, the options and the chosen metric; every problem is collected. */
async function prepareImport(db: Executor, ecosystemId: string, populationId: string, input: unknown): Promise<Prepared> {
	const population = await repo.findPopulationById(db, ecosystemId, populationId);
	if (!population) throw new DomainError('BENCHMARK_NOT_FOUND');
	const options = validate(importOptionsSchema, input);
	const issues: FieldIssue[] = options.ok ? [] : [...options.issues];
	const value = options.ok ? options.value : { year: undefined, mapping: 'psec' as const, metric_id: undefined };
	// The metric is checked even when other options are wrong, so every problem shows at once.
	const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	const metricId = value.metric_id ?? (typeof raw.metric_id === 'string' && raw.metric_id.trim() !== '' ? raw.metric_id : undefined);
	let metric: metricsRepo.MetricRow | null = null;
	if (metricId) {
		metric = (await metricsRepo.findMetricById(db, ecosystemId, metricId)) ?? null;
		// The same rule as the form's list: only a live workforce metric counted in people.
		if (metric && !(metric.stage === 'workforce' && metric.unit === 'people' && metric.archived_at === null)) metric = null;
		if (!metric) issues.push({ field: 'metric_id', message: 'Choose one of this ecosystem’s workforce metrics counted in people, or none.' });
	}
	return { population, year: value.year, mapping: value.mapping, metric, issues };
}

/**
 * Imports a population's values from uploaded files and/or pasted Census JSON, all or nothing.
 * Census tables (JSON or CSV, legends optional) are mapped with the chosen mapping for the
 * population's geography and the chosen year, and can fill a STEM-workforce metric at the same
 * time; a long CSV (`year,group_key,estimate,moe`) gives values directly. Re-importing a year
 * replaces that year's values.
 */
export async function importBenchmarkValues({
	db,
	actor,
	ecosystemId,
	populationId,
	input,
	sources
}: Scope & { populationId: string; input: unknown; sources: readonly CensusSourceText[] }): Promise<ImportOutcome> {
	manage(actor, ecosystemId);
	const prepared = await prepareImport(db, ecosystemId, populationId, input);
	const { issues, year, metric } = prepared;
	const problems: ImportProblem[] = [];
	const nonEmpty = sources.filter((s) => s.text.trim() !== '');
	if (nonEmpty.length === 0) issues.push({ field: 'files', message: 'Choose the files to import, or paste a Census response.' });

	const tables: CensusTable[] = [];
	const longValues: BenchmarkValueInput[] = [];
	const kinds = new Set<string>();
	for (const source of nonEmpty) {
		const kind = sourceKind(source);
		kinds.add(kind === 'long_csv' ? 'long' : 'census');
		const stated = yearInName(source.name);
		if (kind !== 'long_csv' && year !== undefined && stated !== null && stated !== year) {
			problems.push({ file: source.name, message: `The file name says ${stated}, but you chose ${year}. Choose the year the file holds, or the file for ${year}.` });
		}
		if (kind === 'census_json') {
			const parsed = parseCensusJsonSource(source);
			tables.push(...parsed.tables);
			problems.push(...parsed.problems);
		} else if (kind === 'census_legend') {
			try {
				problems.push(...checkLegend(await readCensusLegendCsv(source.text), source.name));
			} catch (error) {
				if (error instanceof CensusError) problems.push(...fromCensusProblems(error.problems, source.name));
				else throw error;
			}
		} else if (kind === 'census_csv') {
			try {
				tables.push(await readCensusCsv(source.text));
			} catch (error) {
				if (error instanceof CensusError) problems.push(...fromCensusProblems(error.problems, source.name));
				else throw error;
			}
		} else {
			const parsed = parseLongCsv(source.text, source.name);
			longValues.push(...parsed.values);
			problems.push(...parsed.problems);
		}
	}
	if (kinds.size > 1) issues.push({ field: 'files', message: 'Import either Census tables or simple year,group_key,estimate,moe files, not both at once.' });
	const census = kinds.has('census') && kinds.size === 1;
	if (census && year === undefined && !issues.some((i) => i.field === 'year')) issues.push({ field: 'year', message: 'Enter the survey year of these Census tables, like 2023.' });
	if (kinds.has('long') && metric) issues.push({ field: 'metric_id', message: 'STEM-workforce values come only from Census tables: choose no metric for a simple CSV.' });

	let values: BenchmarkValueInput[] = longValues;
	let stem: BenchmarkValueInput[] = [];
	let unavailable: string[] = [];
	let geography: string | null = null;
	let vintage = `CSV upload (${nonEmpty.map((s) => s.name).join(', ')})`;
	if (census && tables.length > 0 && problems.length === 0 && year !== undefined) {
		const merged = mergeTables(tables);
		problems.push(...merged.problems);
		if (merged.table) {
			const mapped = censusValues({ table: merged.table, year, geography: prepared.population.geography, withStem: !!metric, mapping: prepared.mapping });
			if (mapped.ok) {
				({ population: values, stemEmployed: stem, unavailable, geography } = mapped.value);
				vintage = mapped.value.vintage;
			} else {
				problems.push(...mapped.problems);
			}
		}
	}
	if (issues.length > 0 || problems.length > 0) return failed(issues, problems, 'files');
	if (values.length === 0) return failed([{ field: 'files', message: 'The data gives no value the mapping could use; nothing was imported.' }], [], 'files');
	return store(db, { actor, ecosystemId, population: prepared.population, metric, values, stem, unavailable, geography, vintage });
}

/**
 * Fetches the mapped variables for the population's Census geography and one year from the
 * Census Data API, then imports them as `importBenchmarkValues` would.
 */
export async function importFromCensusApi({
	db,
	actor,
	ecosystemId,
	populationId,
	input,
	client
}: Scope & { populationId: string; input: unknown; client: CensusClient }): Promise<ImportOutcome> {
	manage(actor, ecosystemId);
	const prepared = await prepareImport(db, ecosystemId, populationId, input);
	const { issues, year, metric, population } = prepared;
	if (year === undefined && !issues.some((i) => i.field === 'year')) issues.push({ field: 'year', message: 'Enter the survey year to fetch, like 2023.' });
	if (!isCensusGeography(population.geography)) {
		issues.push({ field: 'geography', message: 'Set the population’s Census geography first (like state:42 or state:42/county:101), in the form above.' });
	}
	if (issues.length > 0 || year === undefined) return failed(issues, [], 'year');
	const mappings = mappingFor(prepared.mapping, metric ? ['population_16_plus', 'stem_employed'] : ['population_16_plus']);
	let table: CensusTable;
	try {
		({ table } = await client.fetchMapped({ year, geography: geographySelector(population.geography), mappings }));
	} catch (error) {
		if (error instanceof CensusRequestError) return failed([{ field: 'year', message: error.message }], [], 'year');
		if (error instanceof CensusError) return failed([], fromCensusProblems(error.problems, 'Census API answer'), 'year');
		throw error;
	}
	const mapped = censusValues({ table, year, geography: population.geography, withStem: !!metric, mapping: prepared.mapping });
	if (!mapped.ok) return failed([], mapped.problems, 'year');
	const { population: values, stemEmployed: stem, unavailable, geography } = mapped.value;
	if (values.length === 0) return failed([{ field: 'year', message: 'The Census API gave no value the mapping could use; nothing was imported.' }], [], 'year');
	const vintage = `${mapped.value.vintage}, fetched from the Census API (${mappedVariables(mappings).estimates.length} estimates)`;
	return store(db, { actor, ecosystemId, population, metric, values, stem, unavailable, geography, vintage });
}

/** Writes the year's values (and the metric's) in one transaction, with one audit entry. */
async function store(
	db: Kysely<Database>,
	{
		actor,
		ecosystemId,
		population,
		metric,
		values,
		stem,
		unavailable,
		geography,
		vintage
	}: {
		actor: Actor;
		ecosystemId: string;
		population: repo.PopulationRow;
		metric: metricsRepo.MetricRow | null;
		values: BenchmarkValueInput[];
		stem: BenchmarkValueInput[];
		unavailable: string[];
		geography: string | null;
		vintage: string;
	}
): Promise<ImportOutcome> {
	const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
	return db.transaction().execute(async (trx) => {
		const replaced = await repo.replaceBenchmarkValues(trx, { ecosystemId, populationId: population.id, vintage, values });
		let metricReplaced = 0;
		if (metric) {
			for (const year of years) {
				metricReplaced += await metricsRepo.replaceMetricValues(trx, {
					ecosystemId,
					metricId: metric.id,
					year,
					origin: 'census',
					sourceNote: vintage,
					values: stem.filter((v) => v.year === year).map((v) => ({ groupKey: v.groupKey, value: v.estimate, moe: v.moe }))
				});
			}
		}
		const summary: ImportSummary = { years, values: values.length, replaced, metricValues: metric ? stem.length : 0, metricReplaced, unavailable, geography };
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'benchmark.import',
			entityType: 'benchmark_population',
			entityId: population.id,
			summary:
				`Imported ${values.length} values for ${years.join(', ')} into “${population.name}” (${replaced} replaced)` +
				(metric ? ` and ${stem.length} values of the metric “${metric.name}” (${metricReplaced} replaced)` : ''),
			detail: { ...summary, vintage, metricId: metric?.id ?? null }
		});
		return { ok: true, value: summary } satisfies ImportOutcome;
	});
}
