import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listProjects } from '#lib/server/projects/projects.service.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, membership } = await event.parent();
	const locale = event.locals.locale;
	const rows = await listProjects({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	const scope = { ecosystemId: ecosystem.id, partnerId: membership?.partnerId ?? undefined };
	return {
		projects: rows.map((p) => ({
			slug: p.slug,
			title: localized(locale, p.title, p.title_es),
			summary: localized(locale, p.summary, p.summary_es),
			lead: p.lead_name,
			leadSlug: p.lead_slug,
			partners: p.partners,
			isDemo: p.is_demo === 1
		})),
		// A link only; the form checks again.
		canStart: decide(event.locals.actor, 'ecosystem.projects.manage', scope) === 'allow' || decide(event.locals.actor, 'partner.projects.lead', scope) === 'allow'
	};
};
