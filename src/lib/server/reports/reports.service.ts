/**
 * The annual progress report: public, one page per ecosystem and language. It is assembled from
 * the same read models as the dashboard and the agenda (already suppressed), so its numbers are
 * the dashboard's numbers for the same data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Locale } from '../content.js';
import { getDashboardPage } from '../dashboard/dashboard.service.js';
import { getAgendaPage } from '../agenda/agenda.service.js';
import { countPartnersBySector } from '../partners/partners.repository.js';
import { sectors } from '../partners/partners.js';

export async function getAnnualReport({ db, ecosystemId, locale, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; locale: Locale; now?: Date }) {
	const [dashboard, agenda, bySector] = await Promise.all([
		getDashboardPage({ db, ecosystemId, locale }),
		getAgendaPage({ db, ecosystemId, locale }),
		countPartnersBySector(db, ecosystemId)
	]);
	const indexChart = dashboard.view.charts.find((c) => c.key === 'index') ?? null;
	return {
		year: now.getUTCFullYear(),
		generatedOn: now.toISOString().slice(0, 10),
		goal: dashboard.goal,
		goalYear: dashboard.view.goalYear,
		threshold: dashboard.view.threshold,
		headlineMetric: dashboard.view.headlineMetric,
		cards: dashboard.view.cards,
		indexChart,
		results: agenda.results,
		partners: {
			total: Object.values(bySector).reduce((s, n) => s + n, 0),
			bySector: sectors.filter((s) => bySector[s]).map((sector) => ({ sector, count: bySector[sector]! }))
		}
	};
}
