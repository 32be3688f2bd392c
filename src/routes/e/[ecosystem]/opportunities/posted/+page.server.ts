import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listPostedOpportunities } from '#lib/server/opportunities/opportunities.service.js';
import { presentOpportunity } from '#lib/server/opportunities/present.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const posted = await guard(event, () => listPostedOpportunities({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		canReview: posted.canReview,
		opportunities: posted.opportunities.map((o) => ({ ...presentOpportunity(o, event.locals.locale), applications: o.applications, placed: o.placed }))
	};
};
