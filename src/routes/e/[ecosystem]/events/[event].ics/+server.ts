import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicEvent } from '#lib/server/events/events.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { calendarResponse } from '#lib/server/events/events-calendar.js';

/** One event as an .ics file to add to a calendar. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const found = await guard(event, () => getPublicEvent({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.event, actor: event.locals.actor, includeCancelled: true }));
	return calendarResponse({ ecosystem, events: [found], origin: event.url.origin, locale: event.locals.locale, filename: `${found.slug}.ics` });
};
