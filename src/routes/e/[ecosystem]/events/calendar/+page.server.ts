import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listEventsInMonth } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { monthGrid, shiftMonth } from '#lib/server/events/events-month.js';
import { utcToZoned } from '#lib/server/events/events.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** The month grid beside the list: a plain table, one link per event, previous/next month links. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const { month, timeZone, events } = await guard(event, () =>
		listEventsInMonth({ db: runtime().db.kysely, ecosystemId: ecosystem.id, actor: event.locals.actor, month: event.url.searchParams.get('month') })
	);
	const views = events.map((e) => ({ ...eventView(e, locale), day: utcToZoned(e.starts_at, timeZone).slice(0, 10), time: new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(e.starts_at)) }));
	const label = (m: string) => new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(new Date(`${m}-15T00:00:00Z`));
	// Sunday to Saturday (2023-01-01 was a Sunday).
	const weekdays = Array.from({ length: 7 }, (_, i) => {
		const date = new Date(Date.UTC(2023, 0, 1 + i));
		const format = (weekday: 'long' | 'short') => new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: 'UTC', weekday }).format(date);
		return { long: format('long'), short: format('short') };
	});
	return {
		month,
		monthLabel: label(month),
		prev: { month: shiftMonth(month, -1), label: label(shiftMonth(month, -1)) },
		next: { month: shiftMonth(month, 1), label: label(shiftMonth(month, 1)) },
		weekdays,
		weeks: monthGrid(month, views, (e) => e.day).map((week) =>
			week.map((d) => ({ date: d.date, day: d.day, inMonth: d.inMonth, events: d.events.map((e) => ({ slug: e.slug, title: e.title, time: e.time })) }))
		),
		count: views.length,
		timeZone
	};
};
