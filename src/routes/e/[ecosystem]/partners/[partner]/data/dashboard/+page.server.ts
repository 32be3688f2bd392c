import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerDashboard } from '#lib/server/submissions/submission-dashboards.service.js';
import { submissionGroupLabel } from '#lib/server/submissions/submissions-labels.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => getPartnerDashboard({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner }));
	return {
		partner: page.partner,
		threshold: page.threshold,
		sections: page.sections.map((s) => ({
			id: s.metric.id,
			name: localized(locale, s.metric.name, s.metric.name_es),
			years: s.years.map((y) => ({
				year: y.year,
				rows: [...y.cells].map(([key, cell]) => ({ id: key, group: submissionGroupLabel(key, locale), own: cell.own, network: cell.network }))
			}))
		}))
	};
};
