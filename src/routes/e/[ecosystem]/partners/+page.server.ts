import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listPartners } from '#lib/server/partners/partners.service.js';
import { groupBySector } from '#lib/server/partners/partners.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const { ecosystem } = await parent();
	const partners = await listPartners({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	return {
		groups: groupBySector(
			partners.map((p) => ({
				slug: p.slug,
				name: p.name,
				sector: p.sector,
				summary: localized(locals.locale, p.summary, p.summary_es),
				city: p.city,
				isDemo: p.is_demo === 1
			}))
		),
		total: partners.length
	};
};
