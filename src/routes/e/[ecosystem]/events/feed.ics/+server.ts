import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listFeedEvents } from '#lib/server/events/events.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { calendarResponse } from '#lib/server/events/events-calendar.js';

/** The ecosystem's upcoming public events (and cancellations) as a calendar feed people subscribe to. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const events = await listFeedEvents({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	return calendarResponse({ ecosystem, events, origin: event.url.origin, locale: event.locals.locale });
};
