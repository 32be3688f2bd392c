/**
 * The agenda in one language, for its pages and the annual report: texts, formatted numbers,
 * each indicator's turn-the-curve chart and its data table. Built only from `readAgenda`'s
 * output (already suppressed).
 */
import * as m from '#lib/paraglide/messages.js';
import { localized, isFallback, type Locale } from '../content.js';
import { renderMarkdown } from '../markdown.js';
import { formatIndex, formatNumber, groupLabel } from '../dashboard/dashboard-labels.js';
import type { AgendaIndicator, AgendaMeasure, AgendaResult } from './agenda-read.js';
import { curveColours, renderCurveChart } from './agenda-charts.js';
import type { ProgressStatus } from './turn-the-curve.js';
import { targetFor } from './turn-the-curve.js';

const intl = (locale: Locale) => (locale === 'es' ? 'es-US' : 'en-US');

export function formatValue(value: number, unit: string, locale: Locale): string {
	if (unit === 'index') return formatIndex(value, locale);
	if (unit === 'percent') return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 1 }).format(value) + ' %';
	if (unit === 'people') return formatNumber(value, locale);
	return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 2 }).format(value);
}

export function statusText(status: ProgressStatus, locale: Locale): string {
	const o = { locale };
	switch (status) {
		case 'target_met':
			return m.agenda_status_target_met({}, o);
		case 'on_track':
			return m.agenda_status_on_track({}, o);
		case 'off_track':
			return m.agenda_status_off_track({}, o);
		case 'no_target':
			return m.agenda_status_no_target({}, o);
		default:
			return m.agenda_status_no_data({}, o);
	}
}

export interface CurveView {
	id: string;
	title: string;
	description: string;
	svg: string;
	legend: { label: string; color: string; dashed: boolean }[];
	table: { caption: string; columns: string[]; rows: { id: string; cells: string[] }[] };
}

export interface IndicatorView {
	id: string;
	slug: string;
	name: string;
	source: string;
	measures: string;
	polarity: string;
	status: ProgressStatus;
	statusText: string;
	latest: string | null;
	latestYear: number | null;
	expected: string | null;
	finalTarget: string | null;
	finalYear: number | null;
	projection: string | null;
	storyHtml: string;
	storyFallback: boolean;
	curve: CurveView;
}

function curve(args: {
	id: string;
	name: string;
	unit: string;
	locale: Locale;
	series: { year: number; value: number | null; suppressed: boolean }[];
	indicator: Pick<AgendaIndicator, 'targets' | 'baseline' | 'progress'>;
}): CurveView {
	const { locale, unit } = args;
	const o = { locale };
	const f = (v: number) => formatValue(v, unit, locale);
	const { progress, targets, baseline } = args.indicator;
	const history = args.series.flatMap((p) => (p.value === null ? [] : [{ year: p.year, value: p.value }]));
	const forecast = progress.forecast.available ? progress.forecast.points : [];
	const titleId = `curve-${args.id}-title`;
	const descId = `curve-${args.id}-desc`;
	const svg = renderCurveChart({ frame: { titleId, descriptionId: descId }, history, forecast, targets, formatValue: f });
	const years = [...new Set([...args.series.map((p) => p.year), ...targets.map((t) => t.year), ...forecast.map((p) => p.year)])].sort((a, b) => a - b);
	const notAvailable = m.dash_not_available({}, o);
	const rows = years.map((year) => {
		const observed = args.series.find((p) => p.year === year);
		const target = targetFor({ year, targets, baseline });
		const predicted = forecast.find((p) => p.year === year);
		return {
			id: String(year),
			cells: [
				String(year),
				observed ? (observed.value === null ? (observed.suppressed ? m.dash_suppressed({}, o) : notAvailable) : f(observed.value)) : '',
				target === null ? '' : f(target),
				predicted ? f(predicted.value) : '',
				predicted && predicted.lower !== null && predicted.upper !== null ? `${f(predicted.lower)} – ${f(predicted.upper)}` : ''
			]
		};
	});
	const window = progress.forecast.available ? progress.forecast.fittedFrom.length : 0;
	return {
		id: args.id,
		title: m.agenda_curve_title({ name: args.name }, o),
		description: progress.forecast.available
			? m.agenda_curve_desc({ points: String(window) }, o)
			: m.agenda_curve_desc_no_forecast({}, o),
		svg,
		legend: [
			{ label: m.agenda_legend_history({}, o), color: curveColours.history, dashed: false },
			{ label: m.agenda_legend_forecast({}, o), color: curveColours.forecast, dashed: true },
			{ label: m.agenda_legend_band({}, o), color: curveColours.band, dashed: false },
			{ label: m.agenda_legend_target({}, o), color: curveColours.target, dashed: true }
		],
		table: {
			caption: m.agenda_curve_table_caption({ name: args.name }, o),
			columns: [m.agenda_col_year({}, o), m.agenda_col_value({}, o), m.agenda_col_target({}, o), m.agenda_col_forecast({}, o), m.agenda_col_band({}, o)],
			rows
		}
	};
}

export function indicatorView(indicator: AgendaIndicator, locale: Locale): IndicatorView {
	const o = { locale };
	const { row, progress } = indicator;
	const name = localized(locale, row.name, row.name_es);
	const f = (v: number) => formatValue(v, row.unit, locale);
	const measures =
		row.source === 'access_index'
			? m.agenda_source_access_index({ metric: localized(locale, indicator.metricName ?? '', indicator.metricNameEs), group: groupLabel(row.group_key ?? '', locale) }, o)
			: m.agenda_source_manual({}, o);
	return {
		id: row.id,
		slug: row.slug,
		name,
		source: row.source,
		measures,
		polarity: row.polarity === 'up' ? m.agenda_polarity_up({}, o) : m.agenda_polarity_down({}, o),
		status: progress.status,
		statusText: statusText(progress.status, locale),
		latest: progress.latest ? f(progress.latest.value) : null,
		latestYear: progress.latest?.year ?? null,
		expected: progress.expected === null ? null : f(progress.expected),
		finalTarget: progress.final ? f(progress.final.value) : null,
		finalYear: progress.final?.year ?? null,
		projection: progress.projected
			? (progress.projected.meetsTarget ? m.agenda_projection_meets : m.agenda_projection_misses)({ year: String(progress.projected.year), value: f(progress.projected.value) }, o)
			: null,
		storyHtml: renderMarkdown(localized(locale, row.story_md, row.story_md_es)),
		storyFallback: row.story_md !== '' && isFallback(locale, row.story_md_es),
		curve: curve({ id: row.slug, name, unit: row.unit, locale, series: indicator.series, indicator })
	};
}

export interface MeasureView {
	id: string;
	name: string;
	kind: string;
	latest: string | null;
	statusText: string;
	curve: CurveView;
}

export function measureView(measure: AgendaMeasure, locale: Locale): MeasureView {
	const o = { locale };
	const kinds: Record<string, string> = {
		how_much: m.agenda_kind_how_much({}, o),
		how_well: m.agenda_kind_how_well({}, o),
		better_off: m.agenda_kind_better_off({}, o)
	};
	const name = localized(locale, measure.name, measure.nameEs);
	return {
		id: measure.id,
		name,
		kind: kinds[measure.kind] ?? measure.kind,
		latest: measure.progress.latest ? formatValue(measure.progress.latest.value, 'number', locale) : null,
		statusText: statusText(measure.progress.status, locale),
		curve: curve({
			id: `measure-${measure.id}`,
			name,
			unit: 'number',
			locale,
			series: measure.series,
			indicator: { targets: [], baseline: null, progress: measure.progress }
		})
	};
}

export interface ResultView {
	id: string;
	slug: string;
	title: string;
	statement: string;
	published: boolean;
	version: number;
	indicators: IndicatorView[];
	strategies: {
		id: string;
		title: string;
		description: string;
		activities: { id: string; name: string; description: string; partnerName: string; partnerSlug: string; measures: MeasureView[] }[];
	}[];
}

export function resultView(result: AgendaResult, locale: Locale): ResultView {
	return {
		id: result.row.id,
		slug: result.row.slug,
		title: localized(locale, result.row.title, result.row.title_es),
		statement: localized(locale, result.row.statement, result.row.statement_es),
		published: result.row.published_at !== null,
		version: Number(result.row.version),
		indicators: result.indicators.map((i) => indicatorView(i, locale)),
		strategies: result.strategies.map((s) => ({
			id: s.id,
			title: localized(locale, s.title, s.titleEs),
			description: localized(locale, s.description, s.descriptionEs),
			activities: s.activities.map((a) => ({
				id: a.id,
				name: localized(locale, a.name, a.nameEs),
				description: localized(locale, a.description, a.descriptionEs),
				partnerName: a.partnerName,
				partnerSlug: a.partnerSlug,
				measures: a.measures.map((mv) => measureView(mv, locale))
			}))
		}))
	};
}
