import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listFeedEvents } from '#lib/server/events/events.service.js';
import { listFeedPdSessions } from '#lib/server/pd/pd.service.js';
import { pdCalendarEntries } from '#lib/server/pd/pd-calendar.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { calendarResponse } from '#lib/server/events/events-calendar.js';

/**
 * The ecosystem's upcoming public events (and cancellations) as a calendar feed people subscribe
 * to, with the sessions of published professional development beside them.
 */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const db = runtime().db.kysely;
	const [events, sessions] = await Promise.all([listFeedEvents({ db, ecosystemId: ecosystem.id }), listFeedPdSessions({ db, ecosystemId: ecosystem.id })]);
	const extra = pdCalendarEntries(sessions, { origin: event.url.origin, ecosystemSlug: ecosystem.slug, timeZone: ecosystem.time_zone, locale: event.locals.locale });
	return calendarResponse({ ecosystem, events, extra, origin: event.url.origin, locale: event.locals.locale });
};
