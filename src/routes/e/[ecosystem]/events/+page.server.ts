import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listUpcomingEvents } from '#lib/server/events/events.service.js';
import { listUpcomingPdSessions } from '#lib/server/pd/pd.service.js';
import { byMonth, eventView } from '#lib/server/events/events-view.js';
import { localized } from '#lib/server/content.js';
import { formatDateTime } from '#lib/server/format.js';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const { ecosystem, can } = await parent();
	const db = runtime().db.kysely;
	const [events, pdSessions] = await Promise.all([listUpcomingEvents({ db, ecosystemId: ecosystem.id, actor: locals.actor }), listUpcomingPdSessions({ db, ecosystemId: ecosystem.id })]);
	return {
		months: byMonth(events.map((e) => eventView(e, locals.locale))),
		canPropose: can.proposeEvents,
		// Professional development sessions are shown here and link to their offering, where
		// registration, check-in and certificates live (docs/educators.md).
		pdSessions: pdSessions.map((s) => ({
			id: s.id,
			slug: s.slug,
			title: localized(locals.locale, s.title, s.title_es),
			provider: s.partner_name ?? ecosystem.name,
			starts: formatDateTime(s.starts_at, locals.locale),
			location: s.location,
			isDemo: s.is_demo === 1
		}))
	};
};
