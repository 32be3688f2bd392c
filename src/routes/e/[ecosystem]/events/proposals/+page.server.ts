import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listPartnerProposals } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** A partner's own event proposals: waiting, approved or declined, with the backbone's comment. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const proposals = await guard(event, () => listPartnerProposals({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		proposals: proposals.map((p) => ({ ...eventView(p, event.locals.locale), note: p.status_note }))
	};
};
