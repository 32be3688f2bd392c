import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getOfferingCalendar } from '#lib/server/pd/pd.service.js';
import { pdCalendarEntries } from '#lib/server/pd/pd-calendar.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { calendarResponse } from '#lib/server/events/events-calendar.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** An offering's sessions as an .ics file: registered educators add them to their calendar. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const { offering, sessions } = await guard(event, () =>
		getOfferingCalendar({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering })
	);
	const extra = pdCalendarEntries(sessions, { origin: event.url.origin, ecosystemSlug: ecosystem.slug, timeZone: ecosystem.time_zone, locale: event.locals.locale });
	return calendarResponse({ ecosystem, events: [], extra, origin: event.url.origin, locale: event.locals.locale, filename: `${offering.slug}.ics` });
};
