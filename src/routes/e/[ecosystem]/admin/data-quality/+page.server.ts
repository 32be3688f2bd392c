import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getDataQuality } from '#lib/server/submissions/submission-dashboards.service.js';
import { describeFlag } from '#lib/server/submissions/submissions-view.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => getDataQuality({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		years: page.years,
		recent: page.recent.map(({ cycle, metrics, rows }) => {
			const metricName = (id: string) => metrics.find((x) => x.id === id)?.name ?? '';
			return {
				id: cycle.id,
				name: cycle.name,
				due: formatDate(cycle.due_on, locale),
				rows: rows.map((r) => ({ id: r.partnerId, partner: r.partner, status: r.status, submissionId: r.submissionId, version: r.version, flags: r.flags.map((f) => describeFlag(f, metricName(f.metricId), locale)) }))
			};
		}),
		totals: page.totals.map((t) => ({ id: t.metric.id, name: localized(locale, t.metric.name, t.metric.name_es), rows: t.rows.map((r) => ({ id: r.partnerId, partner: r.partner, byYear: r.byYear })) }))
	};
};
