import { localized } from '../content.js';
import type { CalendarEntry } from '../events/events-calendar.js';

export interface CalendarSession {
	id: string;
	starts_at: string;
	ends_at: string;
	location: string;
	sequence: number;
	slug: string;
	title: string;
	title_es: string | null;
	description_md: string;
	description_md_es: string | null;
	updated_at: string;
}

/** Each session's iCalendar UID: stable for the session's life, whatever changes about it. */
export const sessionUid = (sessionId: string) => `pd-session-${sessionId}@parity`;

/**
 * Professional development sessions as calendar entries (the ecosystem feed and an offering's
 * .ics file): each links to its offering, where registration and check-in live, and keeps its
 * UID while SEQUENCE goes up each time it moves, so calendars replace their copy.
 */
export function pdCalendarEntries(sessions: CalendarSession[], args: { origin: string; ecosystemSlug: string; timeZone: string; locale: 'en' | 'es' }): CalendarEntry[] {
	return sessions.map((s) => {
		const url = `${args.origin}/e/${args.ecosystemSlug}/pd/${s.slug}`;
		return {
			uid: sessionUid(s.id),
			startsAt: s.starts_at,
			endsAt: s.ends_at,
			timeZone: args.timeZone,
			stamp: new Date(s.updated_at),
			sequence: s.sequence,
			summary: localized(args.locale, s.title, s.title_es),
			description: `${localized(args.locale, s.description_md, s.description_md_es)}\n\n${url}`.trim(),
			location: s.location || null,
			url
		};
	});
}
