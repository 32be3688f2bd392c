import { z } from 'zod';

export const eventFormats = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof eventFormats)[number];
export type EventStatus = 'pending' | 'published' | 'cancelled';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** A question the organiser asks everyone who registers. */
export interface RegistrationQuestion {
	id: string;
	label: string;
	label_es: string | null;
	required: boolean;
}

const optional = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();
const localDateTime = (label: string) =>
	z
		.string({ message: `Enter the ${label} date and time.` })
		.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter the ${label} as a date and time, for example 2027-03-18T18:00.`)
		.refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), `The ${label} is not a real date.`);
const wholeNumber = (label: string, min: number, max: number) =>
	z
		.string()
		.regex(/^\d+$/, `${label} must be a whole number.`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${label} must be between ${min} and ${max}.`);

/**
 * What staff and partners fill in to create an event. Times are local to the ecosystem's time
 * zone (as a `datetime-local` field sends them); the service turns them into UTC.
 * Questions are one per line; a line ending in `*` is required. Spanish labels go line by line.
 */
export const eventSchema = z
	.object({
		title: z.string({ message: 'Enter a title.' }).min(3, 'The title needs at least 3 characters.').max(160, 'The title can have at most 160 characters.'),
		title_es: optional(160, 'The Spanish title'),
		description_md: optional(8000, 'The description').transform((v) => v ?? ''),
		description_md_es: optional(8000, 'The Spanish description'),
		audience: optional(200, 'The audience').transform((v) => v ?? ''),
		audience_es: optional(200, 'The Spanish audience'),
		format: z.enum(eventFormats, { message: 'Choose in person, online or hybrid.' }),
		location: optional(300, 'The location'),
		online_url: z.url({ protocol: /^https?$/, message: 'Enter the meeting link as a full web address starting with https://' }).optional(),
		starts_local: localDateTime('start'),
		ends_local: localDateTime('end'),
		capacity: wholeNumber('The capacity', 1, 100000).optional(),
		reminder_hours: wholeNumber('The reminder', 0, 336).optional().transform((v) => v ?? 24),
		questions: optional(2000, 'The questions'),
		questions_es: optional(2000, 'The Spanish questions'),
		repeat: z.enum(['none', 'weekly', 'monthly'], { message: 'Choose how the event repeats.' }).optional().transform((v) => v ?? 'none'),
		occurrences: wholeNumber('The number of dates', 2, 24).optional(),
		visibility: z.enum(['public', 'members', 'group'], { message: 'Choose who may see and register: everyone, members of the ecosystem, or the group’s members.' }).optional().transform((v) => v ?? 'public'),
		/** The working group whose meeting this is (its slug), if any. */
		group: z.string().max(120).optional()
	})
	.superRefine((value, ctx) => {
		if (value.format !== 'online' && !value.location) {
			ctx.addIssue({ code: 'custom', path: ['location'], message: 'Enter where the event takes place.' });
		}
		if (value.format !== 'in_person' && !value.online_url) {
			ctx.addIssue({ code: 'custom', path: ['online_url'], message: 'Enter the link people use to join online.' });
		}
		if (value.ends_local <= value.starts_local) {
			ctx.addIssue({ code: 'custom', path: ['ends_local'], message: 'The end must be after the start.' });
		}
		if (value.repeat !== 'none' && !value.occurrences) {
			ctx.addIssue({ code: 'custom', path: ['occurrences'], message: 'Say how many dates the series has (2 to 24).' });
		}
		if (value.visibility === 'group' && !value.group) {
			ctx.addIssue({ code: 'custom', path: ['group'], message: 'Choose the group whose members may come, or pick another audience.' });
		}
		if (questionLines(value.questions).length > 10) {
			ctx.addIssue({ code: 'custom', path: ['questions'], message: 'Ask at most 10 questions.' });
		}
	});
export type EventInput = z.infer<typeof eventSchema>;

function questionLines(text: string | undefined): string[] {
	return (text ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
}

/** Turns the questions fields into stable question records (ids q1, q2, … by position). */
export function parseQuestions(text: string | undefined, textEs: string | undefined): RegistrationQuestion[] {
	const spanish = questionLines(textEs).map((line) => line.replace(/\s*\*$/, ''));
	return questionLines(text).map((line, i) => ({
		id: `q${i + 1}`,
		label: line.replace(/\s*\*$/, ''),
		label_es: spanish[i] ?? null,
		required: line.endsWith('*')
	}));
}

/** The inverse of parseQuestions, for showing them in a form again. */
export function questionsToText(questions: RegistrationQuestion[]): { questions: string; questions_es: string } {
	return {
		questions: questions.map((q) => `${q.label}${q.required ? ' *' : ''}`).join('\n'),
		questions_es: questions.map((q) => q.label_es ?? '').join('\n')
	};
}

/** The RSVP form: who is coming, answers to the event's questions, and support they need. */
export function registrationSchema(questions: RegistrationQuestion[]) {
	const answers: Record<string, z.ZodType<string | undefined>> = {};
	for (const q of questions) {
		const missing = `Answer “${q.label}”.`;
		const answer = z.string({ message: missing }).max(1000, 'Answers can have at most 1000 characters.');
		answers[q.id] = q.required ? answer.min(1, missing) : answer.optional();
	}
	return z.object({
		name: z.string({ message: 'Enter your name.' }).min(1, 'Enter your name.').max(120, 'Your name can have at most 120 characters.'),
		email: z.email({ message: 'Enter an email address such as name@example.org.' }).max(254).transform((v) => v.toLowerCase()),
		accessibility_request: optional(1000, 'The accessibility request'),
		language_request: optional(300, 'The language request'),
		answers: z.object(answers)
	});
}
export type RegistrationInput = z.infer<ReturnType<typeof registrationSchema>>;

/** Form fields named `answer_q1`, `answer_q2`, … become `answers: { q1, q2 }`. */
export function registrationFromForm(values: Record<string, string | undefined>): Record<string, unknown> {
	const answers: Record<string, string | undefined> = {};
	const rest: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(values)) {
		if (key.startsWith('answer_')) answers[key.slice('answer_'.length)] = value;
		else rest[key] = value;
	}
	return { ...rest, answers };
}

/** Seats still free; null when the event has no limit. */
export function seatsLeft(event: { capacity: number | null; seats_taken: number }): number | null {
	return event.capacity === null ? null : Math.max(0, event.capacity - event.seats_taken);
}

/** When the reminder for an event goes out (null: no reminder). */
export function reminderDueAt(event: { starts_at: string; reminder_hours: number }): string | null {
	if (event.reminder_hours <= 0) return null;
	return new Date(Date.parse(event.starts_at) - event.reminder_hours * 3600_000).toISOString();
}

// ---- Time zones -------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Minutes the zone is ahead of UTC at that instant (e.g. -240 for New York in summer). */
function offsetMinutes(utcMs: number, timeZone: string): number {
	const parts = Object.fromEntries(wallClock(timeZone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
	const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

export function isTimeZone(name: string): boolean {
	try {
		wallClock(name);
		return true;
	} catch {
		return false;
	}
}

/**
 * A wall-clock time in a zone ('2027-03-18T18:00') as a UTC ISO string. A time skipped by a
 * daylight-saving jump is read with the offset from before the jump (02:30 → 03:30).
 */
export function zonedToUtc(local: string, timeZone: string): string {
	const naive = Date.parse(`${local}:00Z`);
	const first = naive - offsetMinutes(naive, timeZone) * 60000;
	const second = naive - offsetMinutes(first, timeZone) * 60000;
	return new Date(offsetMinutes(second, timeZone) === offsetMinutes(first, timeZone) ? second : Math.max(first, second)).toISOString();
}

/** A UTC ISO instant as the zone's wall-clock time, in `datetime-local` form. */
export function utcToZoned(iso: string, timeZone: string): string {
	const ms = Date.parse(iso);
	return new Date(ms + offsetMinutes(ms, timeZone) * 60000).toISOString().slice(0, 16);
}

/** "Thursday, March 18, 2027, 6:00 – 8:00 PM EDT", in the reader's language and the event's zone. */
export function formatEventTime(event: { starts_at: string; ends_at: string; time_zone: string }, locale: 'en' | 'es'): string {
	const format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
		timeZone: event.time_zone,
		weekday: 'long',
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short'
	});
	return format.formatRange(new Date(event.starts_at), new Date(event.ends_at));
}

// ---- Recurring events ------------------------------------------------------------------------

export const repeatRules = ['none', 'weekly', 'monthly'] as const;
export type RepeatRule = (typeof repeatRules)[number];

/** Adds days to a wall-clock 'YYYY-MM-DDTHH:mm' (calendar arithmetic, no time zone involved). */
function addDays(local: string, days: number): string {
	const date = new Date(`${local}:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 16);
}

/**
 * Wall-clock start times of a series. Weekly: every 7 days. Monthly: the same weekday in the same
 * week of the month as the first date (the 2nd Thursday stays the 2nd Thursday); a 5th weekday
 * becomes the last one in months that have only four.
 */
export function occurrenceStarts(firstLocal: string, rule: RepeatRule, count: number): string[] {
	if (rule === 'none') return [firstLocal];
	if (rule === 'weekly') return Array.from({ length: count }, (_, i) => addDays(firstLocal, 7 * i));
	const first = new Date(`${firstLocal}:00Z`);
	const weekday = first.getUTCDay();
	const nth = Math.ceil(first.getUTCDate() / 7);
	const time = firstLocal.slice(10);
	return Array.from({ length: count }, (_, i) => {
		const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1));
		const offset = (weekday - month.getUTCDay() + 7) % 7;
		const daysInMonth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
		let day = 1 + offset + 7 * (nth - 1);
		if (day > daysInMonth) day -= 7;
		return `${month.toISOString().slice(0, 8)}${String(day).padStart(2, '0')}${time}`;
	});
}

/** Minutes between two wall-clock times (the length of each occurrence). */
export function minutesBetween(startLocal: string, endLocal: string): number {
	return (Date.parse(`${endLocal}:00Z`) - Date.parse(`${startLocal}:00Z`)) / 60000;
}

export function addMinutes(local: string, minutes: number): string {
	return new Date(Date.parse(`${local}:00Z`) + minutes * 60000).toISOString().slice(0, 16);
}

// ---- Changes after people registered --------------------------------------------------------

/**
 * What changed in an edit that registrants must hear about: the time, or the place (format,
 * location or online link). Wording, questions or capacity alone send nobody an email.
 */
export function changesThatMatter(
	before: { starts_at: string; ends_at: string; format: string; location: string | null; online_url: string | null },
	after: { starts_at: string; ends_at: string; format: string; location: string | null; online_url: string | null }
): { time: boolean; place: boolean } {
	return {
		time: before.starts_at !== after.starts_at || before.ends_at !== after.ends_at,
		place: before.format !== after.format || (before.location ?? '') !== (after.location ?? '') || (before.online_url ?? '') !== (after.online_url ?? '')
	};
}

/** The reason staff give when cancelling an event, or declining a partner's proposal. */
export const statusNoteSchema = z.object({
	reason: z.string({ message: 'Say why, in a sentence people will read in their email.' }).trim().min(3, 'Say why, in a sentence people will read in their email.').max(1000, 'The reason can have at most 1000 characters.')
});

// ---- Who may see an event --------------------------------------------------------------------

export const eventVisibilities = ['public', 'members', 'group'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

export interface EventViewer {
	/** Has a role in the ecosystem. */
	member: boolean;
	/** Backbone staff: manage events, so see every one. */
	staff: boolean;
	groupIds: ReadonlySet<string>;
}

/**
 * Public events are for everyone; members-only events for people with a role in the ecosystem;
 * a group's meetings marked 'group' for that group's members. Staff see all. The same rule
 * decides who may register.
 */
export function canSeeEvent(event: { visibility: string; group_id: string | null }, viewer: EventViewer): boolean {
	if (event.visibility === 'public' || viewer.staff) return true;
	if (event.visibility === 'members') return viewer.member;
	return event.group_id !== null && viewer.groupIds.has(event.group_id);
}
