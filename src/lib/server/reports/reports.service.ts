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

export async function getAnnualReport({ db, ecosystemId, locale, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; locale: Locale; now?: Date }) {
	const [dashboard, agenda, bySector, ecosystem] = await Promise.all([
		getDashboardPage({ db, ecosystemId, locale }),
		getPublicAgenda({ db, ecosystemId }),
		countPartnersBySector(db, ecosystemId),
		db.selectFrom('ecosystem').select(['name', 'is_demo']).where('id', '=', ecosystemId).executeTakeFirstOrThrow()
	]);
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
		year: now.getUTCFullYear(),
		generatedOn: now.toISOString().slice(0, 10),
		goal: dashboard.goal,
		goalYear: dashboard.view.goalYear,
		threshold: dashboard.view.threshold,
		headlineMetric: dashboard.view.headlineMetric,
		cards: dashboard.view.cards,
		indexChart,
		results: agenda.results.map((r) => resultView(r, locale)),
		curves,
		partners: {
			total: Object.values(bySector).reduce((s, n) => s + n, 0),
			bySector: sectors.filter((s) => bySector[s]).map((sector) => ({ sector, count: bySector[sector]! }))
		}
	};
}

export type AnnualReport = Awaited<ReturnType<typeof getAnnualReport>>;
