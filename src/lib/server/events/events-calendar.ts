import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { localized } from '../content.js';
import { utcToZoned } from './events.js';
import type { PublicEvent } from './events.service.js';

/**
 * iCalendar text for one event or an ecosystem's feed. Times are written in the event's own
 * zone with its VTIMEZONE, so calendars show them at the right local time across daylight-saving
 * changes. Online links are never included: feeds and .ics files are public. SEQUENCE goes up
 * when the time or place changes, and a cancelled event is written with STATUS:CANCELLED, so
 * calendars that imported or subscribed replace or remove their copy.
 */
/** Something else the calendar lists beside events (e.g. professional development sessions). */
export interface CalendarEntry {
	uid: string;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	stamp: Date;
	sequence: number;
	summary: string;
	description: string;
	location: string | null;
	url: string;
}

export function eventsCalendar(args: {
	name: string;
	events: PublicEvent[];
	eventUrl: (event: PublicEvent) => string;
	title: (event: PublicEvent) => string;
	description: (event: PublicEvent) => string;
	extra?: CalendarEntry[];
}): string {
	const calendar = new ICalCalendar({ name: args.name, prodId: { company: 'Parity', product: 'events', language: 'EN' } });
	const extra = args.extra ?? [];
	const zones = [...new Set([...args.events.map((e) => e.time_zone), ...extra.map((e) => e.timeZone)])];
	if (zones.length === 1) calendar.timezone({ name: zones[0]!, generator: getVtimezoneComponent });
	for (const event of args.events) {
		calendar.createEvent({
			id: `${event.id}@parity`,
			// Wall-clock times in the zone: ical-generator writes them with TZID=<zone>.
			start: `${utcToZoned(event.starts_at, event.time_zone)}:00`,
			end: `${utcToZoned(event.ends_at, event.time_zone)}:00`,
			timezone: event.time_zone,
			stamp: new Date(event.updated_at),
			sequence: event.sequence,
			status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
			summary: args.title(event),
			description: args.description(event),
			location: event.location ?? (event.format === 'online' ? 'Online' : null),
			url: args.eventUrl(event)
		});
	}
	for (const entry of extra) {
		calendar.createEvent({
			id: entry.uid,
			start: `${utcToZoned(entry.startsAt, entry.timeZone)}:00`,
			end: `${utcToZoned(entry.endsAt, entry.timeZone)}:00`,
			timezone: entry.timeZone,
			stamp: entry.stamp,
			sequence: entry.sequence,
			status: ICalEventStatus.CONFIRMED,
			summary: entry.summary,
			description: entry.description,
			location: entry.location,
			url: entry.url
		});
	}
	return calendar.toString();
}

/** The HTTP response for an .ics file (`filename`: offered as a download) or the subscribable feed. */
export function calendarResponse(args: {
	ecosystem: { slug: string; name: string; name_es: string | null };
	events: PublicEvent[];
	origin: string;
	locale: 'en' | 'es';
	filename?: string;
	/** Entries listed beside the events (professional development sessions). */
	extra?: CalendarEntry[];
}): Response {
	const base = `${args.origin}/e/${args.ecosystem.slug}/events`;
	const body = eventsCalendar({
		extra: args.extra,
		name: localized(args.locale, args.ecosystem.name, args.ecosystem.name_es),
		events: args.events,
		eventUrl: (event) => `${base}/${event.slug}`,
		title: (event) => localized(args.locale, event.title, event.title_es),
		description: (event) => `${localized(args.locale, event.description_md, event.description_md_es)}\n\n${base}/${event.slug}`.trim()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			vary: 'cookie, accept-language',
			...(args.filename ? { 'content-disposition': `attachment; filename="${args.filename}"` } : {})
		}
	});
}
