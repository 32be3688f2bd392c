/**
 * The agenda as read by its pages (pure, no I/O): results with their indicators' public series,
 * progress, strategies with the partners working on them, and actions.
 *
 * Public numbers: an Access Index indicator reads the dashboard's own suppressed index rows
 * (`publicIndexes`), so it shows the same figure as the dashboard or "suppressed"; a
 * hand-entered indicator counted in people hides counts of 1..threshold−1. Progress and forecast
 * are computed only from published values.
 */
import { publicIndexes, type DashboardInput } from '../dashboard/dashboard.js';
import { isSmallCount, resolveThreshold, defaultSuppressionThreshold } from '../measurement/suppression.js';
import { isOverdue } from './agenda.js';
import type { ActionRow, IndicatorRow, ResultRow } from './agenda.repository.js';
import { assessProgress, type Point, type Progress } from './turn-the-curve.js';

export interface SeriesPoint {
	year: number;
	/** null: not published (suppressed) or not available. */
	value: number | null;
	suppressed: boolean;
	lower: number | null;
	upper: number | null;
}

export interface AgendaIndicator {
	row: IndicatorRow;
	metricName: string | null;
	metricNameEs: string | null;
	series: SeriesPoint[];
	baseline: Point | null;
	targets: Point[];
	progress: Progress;
}

export interface AgendaStrategy {
	id: string;
	title: string;
	titleEs: string | null;
	description: string;
	descriptionEs: string | null;
	activities: { id: string; name: string; nameEs: string | null; description: string; descriptionEs: string | null; partnerName: string; partnerSlug: string; partnerId: string; measures: AgendaMeasure[] }[];
}

export interface AgendaMeasure {
	id: string;
	name: string;
	nameEs: string | null;
	kind: string;
	polarity: 'up' | 'down';
	/** Every year entered, small counts hidden (value null, suppressed). */
	series: SeriesPoint[];
	/** The published values only (what the forecast uses). */
	values: Point[];
	progress: Progress;
}

export interface AgendaResult {
	row: ResultRow;
	indicators: AgendaIndicator[];
	strategies: AgendaStrategy[];
	actions: (ActionRow & { overdue: boolean })[];
}

export interface AgendaReadInput {
	measurement: DashboardInput | null;
	goalYear: number;
	results: ResultRow[];
	indicators: IndicatorRow[];
	targets: { indicatorId: string; year: number; value: number }[];
	values: { indicatorId: string; year: number; value: number }[];
	strategies: { id: string; result_id: string; title: string; title_es: string | null; description: string; description_es: string | null }[];
	activities: { id: string; strategy_id: string; partner_id: string; partner_name: string; partner_slug: string; name: string; name_es: string | null; description: string; description_es: string | null }[];
	measures: { id: string; activity_id: string; name: string; name_es: string | null; kind: string; polarity: 'up' | 'down'; values: Point[] }[];
	actions: ActionRow[];
	today: string;
}

/** A metric's published Access Index for one group, every year it has values. */
export function accessIndexSeries(indexes: ReturnType<typeof publicIndexes>, metricId: string | null, group: string | null): SeriesPoint[] {
	const metric = indexes.metrics.find((m) => m.id === metricId);
	if (!metric || !group) return [];
	return metric.years.map((year) => {
		const { index } = indexes.indexRow(metric, group, year);
		return index.available
			? { year, value: index.index, suppressed: false, lower: index.lower, upper: index.upper }
			: { year, value: null, suppressed: index.reason === 'suppressed', lower: null, upper: null };
	});
}

export function readAgenda(input: AgendaReadInput): { threshold: number; results: AgendaResult[] } {
	const indexes = input.measurement ? publicIndexes(input.measurement) : null;
	const threshold = indexes?.threshold ?? resolveThreshold(defaultSuppressionThreshold);

	function seriesOf(row: IndicatorRow): SeriesPoint[] {
		if (row.source === 'access_index') return indexes ? accessIndexSeries(indexes, row.metric_id, row.group_key) : [];
		return input.values
			.filter((v) => v.indicatorId === row.id)
			.map((v) => {
				const hidden = row.unit === 'people' && isSmallCount(v.value, threshold);
				return { year: v.year, value: hidden ? null : v.value, suppressed: hidden, lower: null, upper: null };
			});
	}

	const published = (series: SeriesPoint[]): Point[] => series.flatMap((p) => (p.value === null ? [] : [{ year: p.year, value: p.value }]));

	function indicator(row: IndicatorRow): AgendaIndicator {
		const series = seriesOf(row);
		const history = published(series);
		const targets = input.targets.filter((t) => t.indicatorId === row.id).map(({ year, value }) => ({ year, value }));
		let baseline: Point | null = null;
		if (row.baseline_year !== null) {
			const value = row.baseline_value ?? history.find((p) => p.year === row.baseline_year)?.value ?? null;
			baseline = value === null ? null : { year: Number(row.baseline_year), value: Number(value) };
		} else if (history[0]) baseline = history[0];
		const metric = indexes?.metrics.find((m) => m.id === row.metric_id);
		return {
			row,
			metricName: metric?.name ?? null,
			metricNameEs: metric?.nameEs ?? null,
			series,
			baseline,
			targets,
			progress: assessProgress({
				history,
				targets,
				baseline,
				polarity: row.polarity,
				targetYear: Number(row.target_year),
				window: Number(row.forecast_window)
			})
		};
	}

	// Performance measures are mostly counts of people (served, completed, placed) and carry no
	// unit, so every value from 1 to threshold − 1 is treated as a small count and never published
	// (a small percentage is hidden too: erring on the side of the people counted).
	const measuresOf = (activityId: string): AgendaMeasure[] =>
		input.measures
			.filter((m) => m.activity_id === activityId)
			.map((m) => {
				const series = m.values.map((v) => {
					const hidden = isSmallCount(v.value, threshold);
					return { year: v.year, value: hidden ? null : v.value, suppressed: hidden, lower: null, upper: null };
				});
				const values = published(series);
				return {
					id: m.id,
					name: m.name,
					nameEs: m.name_es,
					kind: m.kind,
					polarity: m.polarity,
					series,
					values,
					progress: assessProgress({ history: values, targets: [], polarity: m.polarity, targetYear: input.goalYear })
				};
			});

	const results = input.results.map((row): AgendaResult => ({
		row,
		indicators: input.indicators.filter((i) => i.result_id === row.id).map(indicator),
		strategies: input.strategies
			.filter((s) => s.result_id === row.id)
			.map((s) => ({
				id: s.id,
				title: s.title,
				titleEs: s.title_es,
				description: s.description,
				descriptionEs: s.description_es,
				activities: input.activities
					.filter((a) => a.strategy_id === s.id)
					.map((a) => ({
						id: a.id,
						name: a.name,
						nameEs: a.name_es,
						description: a.description,
						descriptionEs: a.description_es,
						partnerName: a.partner_name,
						partnerSlug: a.partner_slug,
						partnerId: a.partner_id,
						measures: measuresOf(a.id)
					}))
			})),
		actions: input.actions.filter((a) => a.result_id === row.id).map((a) => ({ ...a, overdue: isOverdue(a, input.today) }))
	}));
	return { threshold, results };
}
