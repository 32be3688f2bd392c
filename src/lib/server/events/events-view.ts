import { isFallback, localized } from '../content.js';
import { renderMarkdown } from '../markdown.js';
import { formatEventTime } from './events.js';
import type { PublicEvent } from './events.service.js';

type Locale = 'en' | 'es';

/** An event as pages show it, in the reader's language (English where no Spanish was written). */
export function eventView(event: PublicEvent, locale: Locale) {
	return {
		id: event.id,
		slug: event.slug,
		title: localized(locale, event.title, event.title_es),
		audience: localized(locale, event.audience, event.audience_es),
		descriptionHtml: renderMarkdown(localized(locale, event.description_md, event.description_md_es)),
		untranslated: isFallback(locale, event.title_es) || (event.description_md !== '' && isFallback(locale, event.description_md_es)),
		when: formatEventTime(event, locale),
		startsAt: event.starts_at,
		endsAt: event.ends_at,
		/** e.g. '2027-03' in the event's zone: the month the calendar files it under. */
		month: new Intl.DateTimeFormat('en-CA', { timeZone: event.time_zone, year: 'numeric', month: '2-digit' }).format(new Date(event.starts_at)).slice(0, 7),
		monthLabel: new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { timeZone: event.time_zone, year: 'numeric', month: 'long' }).format(new Date(event.starts_at)),
		format: event.format,
		location: event.location,
		capacity: event.capacity,
		seatsLeft: event.seatsLeft,
		status: event.status,
		isDemo: event.is_demo === 1,
		questions: event.questions.map((q) => ({ id: q.id, label: localized(locale, q.label, q.label_es), required: q.required }))
	};
}
export type EventView = ReturnType<typeof eventView>;

/** Events grouped by month, in order: the public calendar. */
export function byMonth(events: EventView[]): { month: string; label: string; events: EventView[] }[] {
	const groups: { month: string; label: string; events: EventView[] }[] = [];
	for (const event of events) {
		const last = groups.at(-1);
		if (last?.month === event.month) last.events.push(event);
		else groups.push({ month: event.month, label: event.monthLabel, events: [event] });
	}
	return groups;
}
