/**
 * The annual progress report: public, one page per ecosystem and language, and the same report as
 * a PDF. Both are assembled here, once, from the same read models as the dashboard and the agenda
 * (already suppressed), so their numbers are the dashboard's numbers for the same data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Locale } from '../content.js';
import { getDashboardPage } from '../dashboard/dashboard.service.js';
import { getPublicAgenda } from '../agenda/agenda.service.js';
import { resultView } from '../agenda/agenda-view.js';
import type { Point } from '../agenda/turn-the-curve.js';
import { countPartnersBySector } from '../partners/partners.repository.js';
import { sectors } from '../partners/partners.js';
import { countVisiblePrograms } from '../programs/finder.repository.js';
import { hiddenBefore } from '../programs/programs.js';
import { countEventsHeld } from '../events/events.repository.js';
import { zonedToUtc } from '../events/events.js';
import { listStoriesBesideMetrics } from '../stories/stories.service.js';
import type { AgeBand, Scope } from '../stories/stories.js';
import { isSmallCount } from '../measurement/suppression.js';
import { formatNumber } from '../dashboard/dashboard-labels.js';
import * as m from '#lib/paraglide/messages.js';

/** One line of a small figures table, already worded and formatted (a suppressed count reads "Suppressed"). */
export interface ReportFigure {
	label: string;
	value: string;
}

const ageBandLabels: Record<AgeBand, (o: { locale: Locale }) => string> = {
	under_13: (o) => m.stories_age_under_13({}, o),
	'13_15': (o) => m.stories_age_13_15({}, o),
	'16_17': (o) => m.stories_age_16_17({}, o),
	'18_24': (o) => m.stories_age_18_24({}, o)
};

/**
 * `storyScope` is the use youth stories must be consented for: 'wall' for the web page (it is
 * public like the wall), 'print' for the PDF (a printed, downloadable publication). Only the
 * stories differ between the two; every number is the same.
 */
export async function getAnnualReport({
	db,
	ecosystemId,
	locale,
	storyScope,
	now = new Date()
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	locale: Locale;
	storyScope: Extract<Scope, 'wall' | 'print'>;
	now?: Date;
}) {
	const o = { locale };
	const year = now.getUTCFullYear();
	const ecosystem = await db.selectFrom('ecosystem').select(['name', 'is_demo', 'time_zone']).where('id', '=', ecosystemId).executeTakeFirstOrThrow();
	const [dashboard, agenda, bySector, programs, events, voices] = await Promise.all([
		getDashboardPage({ db, ecosystemId, locale }),
		getPublicAgenda({ db, ecosystemId }),
		countPartnersBySector(db, ecosystemId),
		// The finder's own rule (running, not hidden as stale at `now`), so the count is what families can find.
		countVisiblePrograms(db, ecosystemId, hiddenBefore(now)),
		// The report year in the ecosystem's own time zone, as its events are scheduled.
		countEventsHeld(db, ecosystemId, { from: zonedToUtc(`${year}-01-01T00:00`, ecosystem.time_zone), to: zonedToUtc(`${year + 1}-01-01T00:00`, ecosystem.time_zone), now: now.toISOString() }),
		listStoriesBesideMetrics({ db, ecosystemId, locale, scope: storyScope })
	]);
	const threshold = dashboard.view.threshold;
	/** A count of people: 1 to threshold − 1 is never shown (the measurement rule), zero is. */
	const people = (count: number) => (isSmallCount(count, threshold) ? m.dash_suppressed({}, o) : formatNumber(count, locale));
	const indicatorNames = new Map<string, string[]>();
	for (const result of agenda.results) {
		const view = resultView(result, locale);
		result.indicators.forEach((indicator, i) => {
			const metricId = indicator.row.metric_id;
			if (metricId) indicatorNames.set(metricId, [...(indicatorNames.get(metricId) ?? []), view.indicators[i]!.name]);
		});
	}
	const indexChart = dashboard.view.charts.find((c) => c.key === 'index') ?? null;
	/** Published points only (suppressed years are absent), for charts drawn outside Plot (the PDF). */
	const curves: Record<string, { unit: string; history: Point[]; targets: Point[] }> = {};
	for (const result of agenda.results) {
		for (const indicator of result.indicators) {
			curves[indicator.row.id] = {
				unit: indicator.row.unit,
				history: indicator.series.flatMap((p) => (p.value === null ? [] : [{ year: p.year, value: p.value }])),
				targets: indicator.targets
			};
		}
	}
	return {
		locale,
		ecosystemName: ecosystem.name,
		isDemo: Number(ecosystem.is_demo) === 1,
		year,
		generatedOn: now.toISOString().slice(0, 10),
		goal: dashboard.goal,
		goalYear: dashboard.view.goalYear,
		threshold,
		headlineMetric: dashboard.view.headlineMetric,
		cards: dashboard.view.cards,
		indexChart,
		results: agenda.results.map((r) => resultView(r, locale)),
		curves,
		partners: {
			total: Object.values(bySector).reduce((s, n) => s + n, 0),
			bySector: sectors.filter((s) => bySector[s]).map((sector) => ({ sector, count: bySector[sector]! }))
		},
		programs: [
			{ label: m.report_programs_listed({}, o), value: formatNumber(programs.programs, locale) },
			{ label: m.report_programs_seats({ count: formatNumber(programs.withCapacity, locale) }, o), value: formatNumber(programs.seats, locale) }
		] satisfies ReportFigure[],
		events: [
			{ label: m.report_events_held({}, o), value: formatNumber(events.events, locale) },
			{ label: m.report_events_registrations({}, o), value: people(events.registrations) },
			{ label: m.report_events_checked_in({}, o), value: people(events.checkedIn) }
		] satisfies ReportFigure[],
		storyScope,
		stories: voices.map((group) => ({
			metricId: group.metricId,
			metricName: group.metricName,
			indicators: indicatorNames.get(group.metricId) ?? [],
			stories: group.stories.map((story) => ({ id: story.id, name: story.displayName, ageBand: ageBandLabels[story.ageBand](o), language: story.language, text: story.text }))
		}))
	};
}

export type AnnualReport = Awaited<ReturnType<typeof getAnnualReport>>;
