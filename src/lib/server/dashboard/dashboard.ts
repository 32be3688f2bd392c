/**
 * The public dashboard, assembled from an ecosystem's measurement rows: a pure core (no I/O),
 * table-tested in dashboard.test.ts.
 *
 * Every number it returns has gone through small-cell suppression (measurement/suppression.ts)
 * with the ecosystem's threshold, so pages, CSV files and embeds can print what they get:
 * - each metric-year and each benchmark-year is suppressed as one table (race × sex cells, race
 *   totals, sex totals, 'all'), with complementary suppression; figures that do not form such a
 *   table are suppressed conservatively (one small count hides every count of that year);
 * - a share or index is computed only from published counts, and only when both wholes reach the
 *   threshold (`publicShare`); otherwise it is "suppressed" or "not available", never a number;
 * - a gap to parity of 1..threshold−1 people is a small count too, and is hidden.
 */
import {
	assessTrajectory,
	computeAccessIndex,
	computePipeline,
	type AccessIndexInput,
	type CountInput,
	type TrajectoryStatus
} from '../measurement/access-index.js';
import { isSmallCount, isSuppressed, publicShare, resolveThreshold, suppressTable, type PublicCell } from '../measurement/suppression.js';
import type {
	DashboardBenchmarkValueRow,
	DashboardEcosystemRow,
	DashboardMetricRow,
	DashboardMetricValueRow,
	DashboardPopulationRow
} from './dashboard.repository.js';

export const defaultGoalYear = 2030;

/** Whether a metric's or population's source line marks its figures as synthetic (demo) data. */
export const isSynthetic = (source: string): boolean => /synthetic/i.test(source);
const sexKeys = ['female', 'male'] as const;

// ---------------------------------------------------------------------------------------------
// Public figures
// ---------------------------------------------------------------------------------------------

/** A published count: the figure (with its margin of error when it has one), hidden, or not reported. */
export type PublicCount = { value: number; moe: number | null } | { suppressed: true } | null;

export type PublicIndex =
	| {
			available: true;
			index: number;
			/** 90% interval; null when no input carried a margin of error. */
			lower: number | null;
			upper: number | null;
			groupShare: number;
			benchmarkShare: number;
			/** People the stage would need at parity (same-sized stage, fairer mix); hidden when 1..threshold−1. */
			gap: PublicCount;
	  }
	| { available: false; reason: 'suppressed' | 'not_available' };

export interface IndexRow {
	metricId: string;
	group: string;
	year: number;
	index: PublicIndex;
	stageCount: PublicCount;
	stageTotal: PublicCount;
	benchmarkCount: PublicCount;
	benchmarkTotal: PublicCount;
	/** The benchmark year used: the latest at or before `year`. */
	benchmarkYear: number | null;
}

export interface MetricSummary {
	id: string;
	slug: string;
	name: string;
	nameEs: string | null;
	definition: string;
	definitionEs: string | null;
	stage: string;
	stagePosition: number;
	source: string;
	synthetic: boolean;
	origins: string[];
	years: number[];
	populationId: string | null;
}

export interface PopulationSummary {
	id: string;
	name: string;
	nameEs: string | null;
	source: string;
	years: number[];
}

export interface HeadlineGroup {
	group: string;
	latest: IndexRow | null;
	trajectory: {
		status: TrajectoryStatus;
		baselineYear: number;
		baselineIndex: number;
		expected: number;
	} | null;
}

export interface PipelineGroup {
	group: string;
	rows: IndexRow[];
	biggestDrop: { fromMetricId: string; toMetricId: string; fromIndex: number; toIndex: number; drop: number } | null;
}

export interface Dashboard {
	threshold: number;
	goalYear: number;
	focusGroups: string[];
	/** The workforce metric the headline, index chart and shares chart follow; null without one. */
	headline: { metric: MetricSummary; population: PopulationSummary | null; groups: HeadlineGroup[] } | null;
	/** Headline metric, every focus group × year. */
	indexSeries: IndexRow[];
	/** Headline metric, latest year, every focus group. */
	shares: { year: number; rows: IndexRow[] } | null;
	pipeline: { stages: { metric: MetricSummary; year: number }[]; groups: PipelineGroup[] };
	metrics: MetricSummary[];
	populations: PopulationSummary[];
}

export interface DashboardInput {
	ecosystem: Omit<DashboardEcosystemRow, 'goal' | 'goal_es'>;
	metrics: DashboardMetricRow[];
	populations: DashboardPopulationRow[];
	benchmarkValues: DashboardBenchmarkValueRow[];
	metricValues: DashboardMetricValueRow[];
}

// ---------------------------------------------------------------------------------------------
// Suppression of one year's figures
// ---------------------------------------------------------------------------------------------

interface Figure {
	value: number;
	moe: number | null;
}

const isRaceKey = (key: string) => !key.includes(':') && key !== 'all' && !(sexKeys as readonly string[]).includes(key);

/**
 * One year of one metric (or benchmark population), ready to publish. Race × sex figures with
 * their totals are suppressed as one table, so no hidden cell can be worked out from any line of
 * it; anything else (other groups, missing cells, totals that do not cover their parts) is
 * suppressed conservatively: a single small count hides every non-zero count of the year.
 */
export function suppressYear(figures: ReadonlyMap<string, Figure>, threshold: number): Map<string, PublicCount> {
	const out = new Map<string, PublicCount>();
	const publish = (key: string, cell: PublicCell) => {
		const figure = figures.get(key)!;
		out.set(key, isSuppressed(cell) ? { suppressed: true } : { value: figure.value, moe: figure.moe });
	};
	const races = [...figures.keys()].filter(isRaceKey).sort();
	const covered = new Set<string>(['all', ...sexKeys, ...races, ...races.flatMap((r) => sexKeys.map((s) => `${r}:${s}`))]);
	const complete = races.length > 0 && [...covered].every((key) => figures.has(key)) && [...figures.keys()].every((key) => covered.has(key));
	if (complete) {
		const v = (key: string) => figures.get(key)!.value;
		try {
			const table = suppressTable({
				table: {
					cells: races.map((r) => sexKeys.map((s) => v(`${r}:${s}`))),
					rowTotals: races.map(v),
					columnTotals: sexKeys.map(v),
					grandTotal: v('all')
				},
				threshold
			});
			races.forEach((r, i) => {
				publish(r, table.rowTotals[i]!);
				sexKeys.forEach((s, j) => publish(`${r}:${s}`, table.cells[i]![j]!));
			});
			sexKeys.forEach((s, j) => publish(s, table.columnTotals[j]!));
			publish('all', table.grandTotal);
			return out;
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			// Totals that do not cover their parts (overlapping groups): fall through to the cautious rule.
		}
	}
	const anySmall = [...figures.values()].some((f) => isSmallCount(f.value, threshold));
	for (const [key, figure] of figures) {
		out.set(key, anySmall && figure.value !== 0 ? { suppressed: true } : { value: figure.value, moe: figure.moe });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

type YearTables = Map<string, Map<number, Map<string, PublicCount>>>;

function suppressAll<R>(rows: readonly R[], ownerOf: (r: R) => string, figureOf: (r: R) => Figure & { year: number; group: string }, threshold: number): YearTables {
	const raw = new Map<string, Map<number, Map<string, Figure>>>();
	for (const row of rows) {
		const { year, group, value, moe } = figureOf(row);
		const byYear = raw.get(ownerOf(row)) ?? new Map<number, Map<string, Figure>>();
		raw.set(ownerOf(row), byYear);
		const figures = byYear.get(year) ?? new Map<string, Figure>();
		byYear.set(year, figures);
		figures.set(group, { value, moe });
	}
	const out: YearTables = new Map();
	for (const [owner, byYear] of raw) {
		const years = new Map<number, Map<string, PublicCount>>();
		for (const [year, figures] of byYear) years.set(year, suppressYear(figures, threshold));
		out.set(owner, years);
	}
	return out;
}

const toCountInput = (count: PublicCount | undefined): CountInput => {
	if (count === undefined || count === null) return null;
	if ('suppressed' in count) return { suppressed: true };
	return { value: count.value, marginOfError: count.moe };
};

const toCell = (count: PublicCount | undefined): PublicCell | null =>
	count === undefined || count === null ? null : 'suppressed' in count ? { suppressed: true } : { value: count.value };

function parseFocusGroups(json: string | null): string[] {
	if (!json) return [];
	try {
		const parsed: unknown = JSON.parse(json);
		return Array.isArray(parsed) ? [...new Set(parsed.filter((g): g is string => typeof g === 'string' && g !== '' && g !== 'all'))] : [];
	} catch {
		return [];
	}
}

/**
 * The suppressed figures of an ecosystem and a calculator of public Access Index rows from them:
 * the dashboard and anything else that shows the index (the agenda's indicators, the annual
 * report) read it through here, so the same data gives the same published numbers everywhere.
 */
export function publicIndexes(input: DashboardInput) {
	const threshold = resolveThreshold(input.ecosystem.suppression_threshold);
	const goalYear = input.ecosystem.goal_year ?? defaultGoalYear;
	const focusGroups = parseFocusGroups(input.ecosystem.focus_groups_json);

	const metricTables = suppressAll(
		input.metricValues,
		(r) => r.metric_id,
		(r) => ({ year: r.year, group: r.group_key, value: r.value, moe: r.moe }),
		threshold
	);
	const populationTables = suppressAll(
		input.benchmarkValues,
		(r) => r.population_id,
		(r) => ({ year: r.year, group: r.group_key, value: r.estimate, moe: r.moe }),
		threshold
	);

	const populations: PopulationSummary[] = input.populations.map((p) => ({
		id: p.id,
		name: p.name,
		nameEs: p.name_es,
		source: p.source,
		years: [...(populationTables.get(p.id)?.keys() ?? [])].sort((a, b) => a - b)
	}));
	const populationIds = new Set(populations.map((p) => p.id));
	const metrics: MetricSummary[] = input.metrics.map((m) => ({
		id: m.id,
		slug: m.slug,
		name: m.name,
		nameEs: m.name_es,
		definition: m.definition,
		definitionEs: m.definition_es,
		stage: m.stage,
		stagePosition: m.stage_position,
		source: m.source,
		synthetic: isSynthetic(m.source),
		origins: [...new Set(input.metricValues.filter((v) => v.metric_id === m.id).map((v) => v.origin))].sort(),
		years: [...(metricTables.get(m.id)?.keys() ?? [])].sort((a, b) => a - b),
		// A population of another ecosystem is never used, even if an id points at one.
		populationId: m.benchmark_population_id && populationIds.has(m.benchmark_population_id) ? m.benchmark_population_id : null
	}));

	/** The inputs of one index, with shares that may not be published turned into "suppressed". */
	function indexInputs(metric: MetricSummary, group: string, year: number) {
		const stage = metricTables.get(metric.id)?.get(year);
		const populationYears = metric.populationId ? populations.find((p) => p.id === metric.populationId)!.years : [];
		const benchmarkYear = [...populationYears].reverse().find((y) => y <= year) ?? null;
		const benchmark = benchmarkYear === null ? undefined : populationTables.get(metric.populationId!)?.get(benchmarkYear);
		const counts = {
			stageCount: stage?.get(group) ?? null,
			stageTotal: stage?.get('all') ?? null,
			benchmarkCount: benchmark?.get(group) ?? null,
			benchmarkTotal: benchmark?.get('all') ?? null
		};
		const accessInput: AccessIndexInput = {
			stage: { group: toCountInput(counts.stageCount), total: toCountInput(counts.stageTotal) },
			benchmark: { group: toCountInput(counts.benchmarkCount), total: toCountInput(counts.benchmarkTotal) }
		};
		for (const side of ['stage', 'benchmark'] as const) {
			const part = toCell(side === 'stage' ? counts.stageCount : counts.benchmarkCount);
			const whole = toCell(side === 'stage' ? counts.stageTotal : counts.benchmarkTotal);
			if (part && whole && isSuppressed(publicShare({ part, whole, threshold }))) accessInput[side].group = { suppressed: true };
		}
		return { counts, accessInput, benchmarkYear };
	}

	function indexRow(metric: MetricSummary, group: string, year: number): IndexRow {
		const { counts, accessInput, benchmarkYear } = indexInputs(metric, group, year);
		const result = computeAccessIndex(accessInput);
		let index: PublicIndex;
		if (result.available) {
			const gap = result.gapToParityPeople;
			index = {
				available: true,
				index: result.index,
				lower: result.interval.available ? result.interval.lower : null,
				upper: result.interval.available ? result.interval.upper : null,
				groupShare: result.groupShare,
				benchmarkShare: result.benchmarkShare,
				gap: isSmallCount(gap, threshold) ? { suppressed: true } : { value: gap, moe: null }
			};
		} else {
			index = { available: false, reason: result.reason === 'suppressed' ? 'suppressed' : 'not_available' };
		}
		return { metricId: metric.id, group, year, index, ...counts, benchmarkYear };
	}

	return { threshold, goalYear, focusGroups, metrics, populations, indexInputs, indexRow };
}

export function assembleDashboard(input: DashboardInput): Dashboard {
	const { threshold, goalYear, focusGroups, metrics, populations, indexInputs, indexRow } = publicIndexes(input);
	// The headline follows the workforce stage (PSEC's method); without one, the last stage.
	const withPopulation = metrics.filter((m) => m.populationId && m.years.length > 0);
	const headlineMetric = withPopulation.find((m) => m.stage === 'workforce') ?? withPopulation.at(-1) ?? null;

	let headline: Dashboard['headline'] = null;
	let indexSeries: IndexRow[] = [];
	let shares: Dashboard['shares'] = null;
	if (headlineMetric) {
		indexSeries = focusGroups.flatMap((group) => headlineMetric.years.map((year) => indexRow(headlineMetric, group, year)));
		const groups = focusGroups.map((group): HeadlineGroup => {
			const points = indexSeries.filter((r) => r.group === group && r.index.available);
			const latest = points.at(-1) ?? null;
			const baseline = points[0];
			let trajectory: HeadlineGroup['trajectory'] = null;
			if (latest?.index.available && baseline?.index.available) {
				const assessed = assessTrajectory({
					baseline: { year: baseline.year, index: baseline.index.index },
					latest: { year: latest.year, index: latest.index.index },
					target: { year: goalYear, index: 1 }
				});
				if (assessed.available) {
					trajectory = { status: assessed.status, baselineYear: baseline.year, baselineIndex: baseline.index.index, expected: assessed.expected };
				}
			}
			// With no published index at all, the latest year still shows why (suppressed / not available).
			return { group, latest: latest ?? indexSeries.filter((r) => r.group === group).at(-1) ?? null, trajectory };
		});
		headline = { metric: headlineMetric, population: populations.find((p) => p.id === headlineMetric.populationId) ?? null, groups };
		const latestYear = headlineMetric.years.at(-1)!;
		shares = { year: latestYear, rows: focusGroups.map((group) => indexRow(headlineMetric, group, latestYear)) };
	}

	// Pipeline: one step per metric (two metrics may share a stage), each at its latest year, in
	// stage_position order (stable, so metrics of one position keep the repository's slug order).
	const stages = [...withPopulation]
		.sort((a, b) => a.stagePosition - b.stagePosition)
		.map((metric) => ({ metric, year: metric.years.at(-1)! }));
	const pipelineGroups = focusGroups.map((group): PipelineGroup => {
		const rows = stages.map(({ metric, year }) => indexRow(metric, group, year));
		const computed = computePipeline(stages.map(({ metric, year }) => ({ stageKey: metric.id, ...indexInputs(metric, group, year).accessInput })));
		const drop = computed.biggestDrop;
		return {
			group,
			rows,
			biggestDrop: drop ? { fromMetricId: drop.fromStage, toMetricId: drop.toStage, fromIndex: drop.fromIndex, toIndex: drop.toIndex, drop: drop.drop } : null
		};
	});

	return {
		threshold,
		goalYear,
		focusGroups,
		headline,
		indexSeries,
		shares,
		pipeline: { stages, groups: pipelineGroups },
		metrics,
		populations
	};
}
