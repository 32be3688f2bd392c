import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listUpcomingEvents } from '#lib/server/events/events.service.js';
import { byMonth, eventView } from '#lib/server/events/events-view.js';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const { ecosystem, can } = await parent();
	const events = await listUpcomingEvents({ db: runtime().db.kysely, ecosystemId: ecosystem.id, actor: locals.actor });
	return { months: byMonth(events.map((e) => eventView(e, locals.locale))), canPropose: can.proposeEvents };
};
