/**
 * The dashboard in one language: headline cards, and for each chart its SVG, title, description,
 * data table and CSV rows. Built only from `Dashboard` (already suppressed), so the page, the CSV
 * downloads and the embeds show exactly the same numbers.
 */
import * as m from '#lib/paraglide/messages.js';
import { localized, type Locale } from '../content.js';
import { isSynthetic, type Dashboard, type IndexRow, type MetricSummary, type PublicCount, type PublicIndex } from './dashboard.js';
import { groupPalette, renderIndexChart, renderPipelineChart, renderSharesChart, sharePalette } from './dashboard-charts.js';
import { formatCount, formatIndex, formatIndexCell, formatInterval, formatPercent, groupLabel, stageLabel } from './dashboard-labels.js';

export const chartKeys = ['index', 'shares', 'pipeline'] as const;
export type ChartKey = (typeof chartKeys)[number];
export const isChartKey = (value: string): value is ChartKey => (chartKeys as readonly string[]).includes(value);

export interface ViewColumn {
	label: string;
	/** A count of people: cells are a count, "Suppressed" or "Not available" (tests check these). */
	count?: boolean;
	numeric?: boolean;
}

export interface ViewTable {
	caption: string;
	columns: ViewColumn[];
	rows: { id: string; cells: string[]; highlight?: boolean }[];
}

export interface ChartView {
	key: ChartKey;
	title: string;
	description: string;
	svg: string;
	legend: { label: string; color: string; kind: 'line' | 'bar' }[];
	table: ViewTable;
	notes: string[];
	sources: string[];
	csv: { header: string[]; rows: string[][] };
}

export interface HeadlineCard {
	group: string;
	label: string;
	year: number | null;
	index: string;
	interval: string | null;
	status: 'reached' | 'on_track' | 'behind' | 'unknown';
	statusText: string;
	expected: string | null;
}

export interface DashboardView {
	locale: Locale;
	goalYear: number;
	threshold: number;
	headlineMetric: string | null;
	headlinePopulation: string | null;
	cards: HeadlineCard[];
	charts: ChartView[];
	hasSynthetic: boolean;
	hasFocusGroups: boolean;
	sources: { name: string; source: string; years: string; synthetic: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// CSV cells: machine-readable, with the same suppression as the page.

const csvCount = (count: PublicCount): [string, string] =>
	count === null ? ['not_available', ''] : 'suppressed' in count ? ['suppressed', ''] : [String(count.value), count.moe === null ? '' : String(Math.round(count.moe))];

const csvIndex = (index: PublicIndex): string[] => {
	if (!index.available) return [index.reason, '', ''];
	const round = (v: number | null) => (v === null ? '' : v.toFixed(4));
	return [round(index.index), round(index.lower), round(index.upper)];
};

const csvShare = (index: PublicIndex, which: 'groupShare' | 'benchmarkShare'): string =>
	index.available ? index[which].toFixed(4) : index.reason;

// ---------------------------------------------------------------------------------------------

export function buildDashboardView(dashboard: Dashboard, locale: Locale): DashboardView {
	const o = { locale };
	const metricName = (metric: MetricSummary) => localized(locale, metric.name, metric.nameEs);
	const metricById = new Map(dashboard.metrics.map((metric) => [metric.id, metric]));
	const groupLabels = dashboard.focusGroups.map((group) => groupLabel(group, locale));
	const lineLegend = groupLabels.map((label, i) => ({ label, color: groupPalette[i % groupPalette.length]!, kind: 'line' as const }));
	const fmtIndex = (v: number) => formatIndex(v, locale);
	const fmtPercent = (v: number) => formatPercent(v, locale);
	const suppressionNote = m.dash_suppression_note({ threshold: String(dashboard.threshold) }, o);
	const charts: ChartView[] = [];

	const headline = dashboard.headline;
	const headlineName = headline ? metricName(headline.metric) : null;
	const populationName = headline?.population ? localized(locale, headline.population.name, headline.population.nameEs) : null;
	const sourceLines = (metric: MetricSummary) => {
		const population = dashboard.populations.find((p) => p.id === metric.populationId);
		// Distinct lines: they key {#each} blocks, and a metric and its population may cite one source.
		return [...new Set([metric.source, ...(population ? [population.source] : [])].filter((s) => s.trim() !== ''))];
	};

	const cards: HeadlineCard[] = (headline?.groups ?? []).map((g) => {
		const latest = g.latest;
		const statusText = g.trajectory
			? g.trajectory.status === 'reached'
				? m.dash_status_reached({}, o)
				: g.trajectory.status === 'on_track'
					? m.dash_status_on_track({}, o)
					: m.dash_status_behind({ year: String(dashboard.goalYear) }, o)
			: m.dash_status_unknown({}, o);
		return {
			group: g.group,
			label: groupLabel(g.group, locale),
			year: latest?.year ?? null,
			index: latest ? formatIndexCell(latest.index, locale) : m.dash_not_available({}, o),
			interval: latest?.index.available && latest.index.lower !== null ? formatInterval(latest.index, locale) : null,
			status: g.trajectory?.status ?? 'unknown',
			statusText,
			expected: g.trajectory && g.trajectory.status !== 'reached' ? m.dash_expected({ baselineYear: String(g.trajectory.baselineYear), value: fmtIndex(g.trajectory.expected) }, o) : null
		};
	});

	if (headline && headlineName) {
		// 1. The Access Index over the years.
		const series = dashboard.indexSeries;
		const points = series.flatMap((row) =>
			row.index.available
				? [{ label: groupLabel(row.group, locale), year: row.year, index: row.index.index, lower: row.index.lower, upper: row.index.upper }]
				: []
		);
		const title = m.dash_index_title({}, o);
		charts.push({
			key: 'index',
			title,
			description: m.dash_index_desc(
				{ first: String(headline.metric.years[0] ?? ''), last: String(headline.metric.years.at(-1) ?? ''), metric: headlineName },
				o
			),
			svg: renderIndexChart({
				frame: { titleId: 'chart-index-title', descriptionId: 'chart-index-desc' },
				points,
				groups: groupLabels,
				goalYear: dashboard.goalYear,
				trajectories: headline.groups.flatMap((g) =>
					g.trajectory && g.trajectory.status !== 'reached'
						? [{ label: groupLabel(g.group, locale), fromYear: g.trajectory.baselineYear, fromIndex: g.trajectory.baselineIndex }]
						: []
				),
				formatIndex: fmtIndex,
				parityLabel: m.dash_parity({}, o)
			}),
			legend: lineLegend,
			table: {
				caption: m.dash_table_caption({ title }, o),
				columns: [
					{ label: m.dash_col_group({}, o) },
					{ label: m.dash_col_year({}, o), numeric: true },
					{ label: m.dash_col_index({}, o), numeric: true },
					{ label: m.dash_col_interval({}, o), numeric: true },
					{ label: m.dash_col_stage_count({}, o), numeric: true, count: true },
					{ label: m.dash_col_stage_total({}, o), numeric: true, count: true },
					{ label: m.dash_col_population_count({}, o), numeric: true, count: true }
				],
				rows: series.map((row) => ({
					id: `${row.group}-${row.year}`,
					cells: [
						groupLabel(row.group, locale),
						String(row.year),
						formatIndexCell(row.index, locale),
						formatInterval(row.index, locale),
						formatCount(row.stageCount, locale),
						formatCount(row.stageTotal, locale),
						formatCount(row.benchmarkCount, locale)
					]
				}))
			},
			notes: [suppressionNote],
			sources: sourceLines(headline.metric),
			csv: {
				header: ['group_key', 'group', 'year', 'access_index', 'interval_90_lower', 'interval_90_upper', 'stage_count', 'stage_count_moe', 'stage_total', 'stage_total_moe', 'population_count', 'population_count_moe', 'population_total', 'population_total_moe', 'population_year'],
				rows: series.map((row) => [
					row.group,
					groupLabel(row.group, locale),
					String(row.year),
					...csvIndex(row.index),
					...csvCount(row.stageCount),
					...csvCount(row.stageTotal),
					...csvCount(row.benchmarkCount),
					...csvCount(row.benchmarkTotal),
					row.benchmarkYear === null ? '' : String(row.benchmarkYear)
				])
			}
		});

		// 2. % of the STEM labour force vs % of the population, latest year.
		if (dashboard.shares) {
			const rows = dashboard.shares.rows;
			const stageShareLabel = headline.metric.stage === 'workforce' ? m.dash_col_stage_share({}, o) : m.dash_col_stage_share_generic({}, o);
			const sharesTitle = m.dash_shares_title({ year: String(dashboard.shares.year) }, o);
			charts.push({
				key: 'shares',
				title: sharesTitle,
				description: m.dash_shares_desc({ metric: headlineName, population: populationName ?? '' }, o),
				svg: renderSharesChart({
					frame: { titleId: 'chart-shares-title', descriptionId: 'chart-shares-desc' },
					rows: rows.flatMap((row) =>
						row.index.available
							? [{ label: groupLabel(row.group, locale), stageShare: row.index.groupShare, populationShare: row.index.benchmarkShare }]
							: []
					),
					stageLabel: headline.metric.stage === 'workforce' ? m.dash_bar_stage({}, o) : m.dash_col_stage_share_generic({}, o),
					populationLabel: m.dash_bar_population({}, o),
					formatPercent: fmtPercent
				}),
				legend: [
					{ label: headline.metric.stage === 'workforce' ? m.dash_bar_stage({}, o) : m.dash_col_stage_share_generic({}, o), color: sharePalette[0]!, kind: 'bar' },
					{ label: m.dash_bar_population({}, o), color: sharePalette[1]!, kind: 'bar' }
				],
				table: {
					caption: m.dash_table_caption({ title: sharesTitle }, o),
					columns: [
						{ label: m.dash_col_group({}, o) },
						{ label: stageShareLabel, numeric: true },
						{ label: m.dash_col_population_share({}, o), numeric: true },
						{ label: m.dash_col_index({}, o), numeric: true },
						{ label: m.dash_col_gap({}, o), numeric: true, count: true }
					],
					rows: rows.map((row) => ({
						id: row.group,
						cells: [
							groupLabel(row.group, locale),
							row.index.available ? fmtPercent(row.index.groupShare) : formatIndexCell(row.index, locale),
							row.index.available ? fmtPercent(row.index.benchmarkShare) : formatIndexCell(row.index, locale),
							formatIndexCell(row.index, locale),
							row.index.available ? formatCount(row.index.gap, locale) : formatIndexCell(row.index, locale)
						]
					}))
				},
				notes: [m.dash_gap_note({}, o), suppressionNote],
				sources: sourceLines(headline.metric),
				csv: {
					header: ['group_key', 'group', 'year', 'stage_share', 'population_share', 'access_index', 'gap_to_parity_people'],
					rows: rows.map((row) => [
						row.group,
						groupLabel(row.group, locale),
						String(row.year),
						csvShare(row.index, 'groupShare'),
						csvShare(row.index, 'benchmarkShare'),
						csvIndex(row.index)[0]!,
						row.index.available ? csvCount(row.index.gap)[0] : row.index.reason
					])
				}
			});
		}
	}

	// 3. The pipeline: one step per metric, named after the metric (two metrics may share a stage).
	const stages = dashboard.pipeline.stages;
	if (stages.length > 0 && dashboard.focusGroups.length > 0) {
		const stepNames = pipelineStepNames(stages.map(({ metric }) => metric), metricName);
		const stepName = (metricId: string) => stepNames.get(metricId)!;
		const stageOf = (metricId: string) => stageLabel(metricById.get(metricId)!.stage, locale);
		const pipelineTitle = m.dash_pipeline_title({}, o);
		const rows: { row: IndexRow; drop: boolean }[] = dashboard.pipeline.groups.flatMap((g) =>
			g.rows.map((row) => ({ row, drop: g.biggestDrop?.toMetricId === row.metricId }))
		);
		charts.push({
			key: 'pipeline',
			title: pipelineTitle,
			description: m.dash_pipeline_desc({}, o),
			svg: renderPipelineChart({
				frame: { titleId: 'chart-pipeline-title', descriptionId: 'chart-pipeline-desc' },
				steps: stages.map(({ metric }) => ({ key: metric.id, label: stepName(metric.id) })),
				points: rows.map(({ row }) => ({
					label: groupLabel(row.group, locale),
					step: row.metricId,
					index: row.index.available ? row.index.index : null
				})),
				groups: groupLabels,
				formatIndex: fmtIndex,
				parityLabel: m.dash_parity({}, o)
			}),
			legend: lineLegend,
			table: {
				caption: m.dash_table_caption({ title: pipelineTitle }, o),
				columns: [
					{ label: m.dash_col_group({}, o) },
					{ label: m.dash_col_metric({}, o) },
					{ label: m.dash_col_stage({}, o) },
					{ label: m.dash_col_year({}, o), numeric: true },
					{ label: m.dash_col_index({}, o), numeric: true },
					{ label: m.dash_col_stage_count({}, o), numeric: true, count: true },
					{ label: m.dash_col_stage_total({}, o), numeric: true, count: true },
					{ label: m.dash_col_stage_share_generic({}, o), numeric: true },
					{ label: m.dash_col_population_share({}, o), numeric: true }
				],
				rows: rows.map(({ row, drop }) => ({
					id: `${row.group}-${row.metricId}`,
					highlight: drop,
					cells: [
						groupLabel(row.group, locale),
						`${stepName(row.metricId)}${metricById.get(row.metricId)!.synthetic ? ` (${m.dash_synthetic({}, o)})` : ''}`,
						stageOf(row.metricId),
						String(row.year),
						`${formatIndexCell(row.index, locale)}${drop ? ` (${m.dash_biggest_drop_marker({}, o)})` : ''}`,
						formatCount(row.stageCount, locale),
						formatCount(row.stageTotal, locale),
						row.index.available ? fmtPercent(row.index.groupShare) : formatIndexCell(row.index, locale),
						row.index.available ? fmtPercent(row.index.benchmarkShare) : formatIndexCell(row.index, locale)
					]
				}))
			},
			notes: [
				...dashboard.pipeline.groups.map((g) =>
					g.biggestDrop
						? m.dash_biggest_drop(
								{
									group: groupLabel(g.group, locale),
									from: stepName(g.biggestDrop.fromMetricId),
									to: stepName(g.biggestDrop.toMetricId),
									fromIndex: fmtIndex(g.biggestDrop.fromIndex),
									toIndex: fmtIndex(g.biggestDrop.toIndex)
								},
								o
							)
						: m.dash_no_drop({ group: groupLabel(g.group, locale) }, o)
				),
				suppressionNote
			],
			sources: [...new Set(stages.flatMap(({ metric }) => sourceLines(metric)))],
			csv: {
				header: ['group_key', 'group', 'stage', 'metric', 'year', 'access_index', 'interval_90_lower', 'interval_90_upper', 'stage_count', 'stage_count_moe', 'stage_total', 'stage_total_moe', 'stage_share', 'population_share', 'biggest_drop_to_here', 'synthetic'],
				rows: rows.map(({ row, drop }) => {
					const metric = metricById.get(row.metricId)!;
					return [
						row.group,
						groupLabel(row.group, locale),
						metric.stage,
						metricName(metric),
						String(row.year),
						...csvIndex(row.index),
						...csvCount(row.stageCount),
						...csvCount(row.stageTotal),
						csvShare(row.index, 'groupShare'),
						csvShare(row.index, 'benchmarkShare'),
						drop ? 'yes' : 'no',
						metric.synthetic ? 'yes' : 'no'
					];
				})
			}
		});
	}

	const usedMetrics = dashboard.metrics.filter((metric) => metric.populationId && metric.years.length > 0);
	return {
		locale,
		goalYear: dashboard.goalYear,
		threshold: dashboard.threshold,
		headlineMetric: headlineName,
		headlinePopulation: populationName,
		cards,
		charts,
		hasSynthetic: usedMetrics.some((metric) => metric.synthetic),
		hasFocusGroups: dashboard.focusGroups.length > 0,
		sources: [
			...usedMetrics.map((metric) => ({ name: metricName(metric), source: metric.source, years: yearsText(metric.years), synthetic: metric.synthetic })),
			...dashboard.populations
				.filter((p) => p.years.length > 0)
				.map((p) => ({ name: localized(locale, p.name, p.nameEs), source: p.source, years: yearsText(p.years), synthetic: isSynthetic(p.source) }))
		]
	};
}

/**
 * The pipeline's step names: each metric's name in the page's language, made distinct (a
 * numbered suffix) when two metrics share a name, so no two steps fall on one x position.
 */
export function pipelineStepNames(metrics: readonly MetricSummary[], nameOf: (metric: MetricSummary) => string): Map<string, string> {
	const out = new Map<string, string>();
	const used = new Set<string>();
	for (const metric of metrics) {
		const base = nameOf(metric).trim() || metric.slug;
		let name = base;
		for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
		used.add(name);
		out.set(metric.id, name);
	}
	return out;
}

function yearsText(years: number[]): string {
	if (years.length === 0) return '';
	const first = years[0]!;
	const last = years.at(-1)!;
	return first === last ? String(first) : `${first}–${last}`;
}

/** RFC 4180 CSV. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function toCsv(csv: { header: string[]; rows: string[][] }): string {
	const cell = (value: string) => {
		// Only a cell that is entirely a number may start with '-' unprefixed ("-1+cmd|…" must not).
		const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
		return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
	};
	return [csv.header, ...csv.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
