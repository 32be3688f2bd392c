import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getCareerPathway } from '#lib/server/careers/careers.service.js';
import { localized } from '#lib/server/content.js';
import { presentOpportunity } from '#lib/server/opportunities/present.js';
import { formatIndexCell, formatInterval, groupLabel } from '#lib/server/dashboard/dashboard-labels.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const p = await guard(event, () => getCareerPathway({ db: runtime().db.kysely, ecosystemId: ecosystem.id, area: event.params.area }));
	return {
		area: p.area,
		occupations: p.occupations.map((o) => ({ code: o.code, title: o.title })),
		education: p.education,
		educationSource: p.educationSource,
		programs: p.programs.map((r) => ({ id: r.id, name: localized(locale, r.name, r.name_es), partner: r.partner_name })),
		opportunities: p.opportunities.map((o) => presentOpportunity(o, locale)).map((o) => ({ slug: o.slug, title: o.title, partner: o.partner.name, deadline: o.deadline })),
		accessIndex: p.accessIndex && {
			metric: localized(locale, p.accessIndex.metric.name, p.accessIndex.metric.nameEs),
			source: p.accessIndex.metric.source,
			year: p.accessIndex.year,
			rows: p.accessIndex.rows.map((r) => ({ group: groupLabel(r.group, locale), index: formatIndexCell(r.index, locale), interval: formatInterval(r.index, locale) }))
		}
	};
};
