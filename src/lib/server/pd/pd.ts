import { z } from 'zod';

export const pdFormats = ['workshop', 'course', 'series', 'self_paced'] as const;
export type PdFormatName = (typeof pdFormats)[number];
export const pdAudiences = ['classroom_teachers', 'ost_educators', 'counsellors', 'administrators', 'all_educators'] as const;
export const gradeBands = ['prek', 'k-2', '3-5', '6-8', '9-12', 'postsecondary'] as const;
export const stemSubjects = ['science', 'technology', 'engineering', 'mathematics', 'computer_science', 'integrated_stem'] as const;

/** Addresses under /pd/ that are pages, not offerings: an offering titled "New" becomes new-offering. */
export const reservedOfferingSlugs: readonly string[] = ['new', 'manage', 'mine', 'certificates'];

/** How many session rows the offering form shows (JavaScript off: a fixed number of blank rows). */
export const SESSION_SLOTS = 6;

const optionalText = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

/** Date.parse accepts 2027-02-30 (rolling over to March); a real date reads back unchanged. */
function realDate(date: string): boolean {
	const parsed = new Date(`${date}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const sessionSchema = z
	.object({
		/** Set on the edit form for a session that already exists (its attendance stays with it). */
		id: z.string().max(64).optional(),
		date: z.string({ message: 'Enter the session’s date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2027-03-04.'),
		start: z.string({ message: 'Enter the start time.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time as HH:MM (24-hour), for example 16:00.'),
		end: z.string({ message: 'Enter the end time.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the end time as HH:MM (24-hour), for example 19:00.'),
		location: optionalText(200, 'The location').transform((v) => v ?? '')
	})
	.refine((s) => realDate(s.date), { message: 'That date does not exist.', path: ['date'] })
	.refine((s) => s.end > s.start, { message: 'The session must end after it starts.', path: ['end'] });
export type SessionInput = z.infer<typeof sessionSchema>;

/** What a provider fills in to publish a professional development offering. */
export const offeringSchema = z
	.object({
		provider: z.string({ message: 'Choose who provides this offering.' }).min(1, 'Choose who provides this offering.'),
		title: z.string({ message: 'Enter a title.' }).min(3, 'The title needs at least 3 characters.').max(160, 'The title can have at most 160 characters.'),
		title_es: optionalText(160, 'The Spanish title'),
		description_md: optionalText(8000, 'The description').transform((v) => v ?? ''),
		description_md_es: optionalText(8000, 'The Spanish description'),
		topic: z.string({ message: 'Enter the topic.' }).min(2, 'Enter the topic.').max(120, 'The topic can have at most 120 characters.'),
		audience: z.enum(pdAudiences, { message: 'Choose who the offering is for.' }),
		grade_bands: z.array(z.enum(gradeBands, { message: 'Choose grade bands from the list.' })).default([]),
		subject: z.enum(stemSubjects, { message: 'Choose the STEM subject.' }),
		format: z.enum(pdFormats, { message: 'Choose the format.' }),
		hours: z.coerce
			.number({ message: 'Enter the hours as a number, for example 6 or 1.5.' })
			.positive('Hours must be more than 0.')
			.max(500, 'Hours can be at most 500.')
			.refine((h) => Number.isInteger(h * 4), 'Enter hours in quarter hours, for example 1.25 or 6.'),
		credit_type_id: z.string().optional(),
		cost: z
			.string()
			.regex(/^\d{1,5}(\.\d{2})?$/, 'Enter the cost in dollars, for example 0 or 25.00.')
			.optional()
			.transform((v) => Math.round(Number(v ?? '0') * 100)),
		capacity: z.coerce
			.number({ message: 'Enter how many people can take part.' })
			.int('Capacity must be a whole number.')
			.min(1, 'Capacity must be at least 1.')
			.max(2000, 'Capacity can be at most 2000.'),
		attendance_threshold: z.coerce
			.number({ message: 'Enter the share of sessions people must attend, as a percentage.' })
			.int('Enter a whole percentage.')
			.min(1, 'The attendance needed must be between 1 and 100 percent.')
			.max(100, 'The attendance needed must be between 1 and 100 percent.')
			.default(100),
		reflection_required: z.literal('yes').optional().transform((v) => v === 'yes'),
		publish: z.literal('yes').optional().transform((v) => v === 'yes'),
		sessions: z.array(sessionSchema).max(SESSION_SLOTS)
	})
	// Runs even when other fields have problems, so a missing session is reported with them.
	.refine((o) => o.format === 'self_paced' || (Array.isArray(o.sessions) && o.sessions.length > 0), {
		path: ['sessions.0.date'],
		message: 'Add at least one session (date, start and end time).',
		when: () => true
	});
export type OfferingInput = z.infer<typeof offeringSchema>;

/**
 * Form fields arrive flat (`sessions.0.date`, …; `grade_bands` repeated). This groups them into
 * the shape `offeringSchema` reads, leaving out session rows the person left entirely blank.
 */
export function offeringFromForm(values: Record<string, string | undefined>, gradeBandValues: string[]): Record<string, unknown> {
	const sessions: Record<string, string | undefined>[] = [];
	for (let i = 0; i < SESSION_SLOTS; i++) {
		const row = {
			id: values[`sessions.${i}.id`],
			date: values[`sessions.${i}.date`],
			start: values[`sessions.${i}.start`],
			end: values[`sessions.${i}.end`],
			location: values[`sessions.${i}.location`]
		};
		if (Object.values(row).some((v) => v !== undefined)) sessions.push(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
	}
	const rest = Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith('sessions.')));
	return { ...rest, grade_bands: gradeBandValues, sessions };
}

/** Session times are entered and shown in UTC (like every time on Parity's pages). */
export function sessionTimes(session: SessionInput): { starts_at: string; ends_at: string } {
	return {
		starts_at: new Date(`${session.date}T${session.start}:00Z`).toISOString(),
		ends_at: new Date(`${session.date}T${session.end}:00Z`).toISOString()
	};
}

export const reflectionSchema = z.object({
	reflection: z.string().max(4000, 'The reflection can have at most 4000 characters.').optional()
});

/** Shortest reflection accepted when an offering asks for one: a sentence or two, not a word. */
export const MIN_REFLECTION = 40;

/**
 * What still stands between a registration and completion, in plain language; empty when it can
 * be completed. Self-paced offerings without sessions have no attendance to meet.
 */
export function completionProblems(input: {
	attended: number;
	sessions: number;
	threshold: number;
	reflectionRequired: boolean;
	reflection: string | undefined;
}): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	if (!attendanceMet(input.attended, input.sessions, input.threshold)) {
		const needed = sessionsNeeded(input.sessions, input.threshold);
		problems.push({
			field: 'attendance',
			message: `You attended ${input.attended} of ${input.sessions} sessions; completion needs ${needed}.`
		});
	}
	if (input.reflectionRequired && (input.reflection?.trim().length ?? 0) < MIN_REFLECTION) {
		problems.push({
			field: 'reflection',
			message: `Write a short reflection (at least ${MIN_REFLECTION} characters) on what you will use in your teaching.`
		});
	}
	return problems;
}

/** The fewest sessions that meet `threshold` percent of `sessions` (rounded up). */
export function sessionsNeeded(sessions: number, threshold: number): number {
	return Math.ceil((sessions * threshold) / 100);
}

export function attendanceMet(attended: number, sessions: number, threshold: number): boolean {
	return attended >= sessionsNeeded(sessions, threshold);
}

/**
 * Certificate codes: 20 symbols of Crockford base32 (100 random bits), shown in groups of four
 * after "PD". Unguessable, so the public verification page cannot be enumerated.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function certificateCodeFrom(random: Uint8Array): string {
	if (random.length < 20) throw new Error('certificateCodeFrom needs 20 random bytes');
	const symbols = Array.from(random.slice(0, 20), (byte) => CROCKFORD[byte & 31]);
	const groups = [0, 4, 8, 12, 16].map((i) => symbols.slice(i, i + 4).join(''));
	return `PD-${groups.join('-')}`;
}

/** Reads a code as people type it: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normalizeCertificateCode(input: string): string | null {
	const typed = input.toUpperCase().replace(/[\s-]/g, '');
	// The prefix is optional; a code whose own first symbols are "PD" still has 20 symbols after it.
	const compact = (typed.length === 22 && typed.startsWith('PD') ? typed.slice(2) : typed)
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(compact)) return null;
	return `PD-${compact.match(/.{4}/g)!.join('-')}`;
}

export interface TranscriptEntry {
	code: string;
	offering_title: string;
	hours: number;
	credit_type_name: string | null;
	issuer_name: string;
	issued_at: string;
}

export interface TranscriptYear {
	year: number;
	hours: number;
	/** Hours by credit type (null: no credit type), in the order first seen. */
	byCredit: { credit: string | null; hours: number }[];
	entries: TranscriptEntry[];
}

/** An educator's certificates grouped by the year they were earned, newest year first. */
export function transcriptByYear(entries: TranscriptEntry[]): TranscriptYear[] {
	const years = new Map<number, TranscriptEntry[]>();
	for (const entry of [...entries].sort((a, b) => a.issued_at.localeCompare(b.issued_at))) {
		const year = Number(entry.issued_at.slice(0, 4));
		years.set(year, [...(years.get(year) ?? []), entry]);
	}
	return [...years.entries()]
		.sort(([a], [b]) => b - a)
		.map(([year, list]) => {
			const byCredit: { credit: string | null; hours: number }[] = [];
			for (const entry of list) {
				const bucket = byCredit.find((b) => b.credit === entry.credit_type_name);
				if (bucket) bucket.hours += entry.hours;
				else byCredit.push({ credit: entry.credit_type_name, hours: entry.hours });
			}
			return { year, hours: list.reduce((sum, e) => sum + e.hours, 0), byCredit, entries: list };
		});
}

export const evaluationSchema = z.object({
	overall: z.coerce.number({ message: 'Rate the offering overall from 1 to 5.' }).int().min(1, 'Rate the offering overall from 1 to 5.').max(5, 'Rate the offering overall from 1 to 5.'),
	relevance: z.coerce.number({ message: 'Rate how relevant it was from 1 to 5.' }).int().min(1, 'Rate how relevant it was from 1 to 5.').max(5, 'Rate how relevant it was from 1 to 5.'),
	will_use: z.coerce.number({ message: 'Rate how likely you are to use it from 1 to 5.' }).int().min(1, 'Rate how likely you are to use it from 1 to 5.').max(5, 'Rate how likely you are to use it from 1 to 5.'),
	comment: optionalText(2000, 'The comment').transform((v) => v ?? '')
});

/**
 * Evaluations are shown to the provider only once enough people answered that no single answer
 * can be told apart; below that the provider sees how many answered and nothing else.
 */
export const EVALUATION_MIN_RESPONSES = 3;

export function summarizeEvaluations(rows: { overall: number; relevance: number; will_use: number; comment: string }[]) {
	const n = rows.length;
	if (n < EVALUATION_MIN_RESPONSES) return { n, shown: false as const };
	const mean = (key: 'overall' | 'relevance' | 'will_use') => Math.round((rows.reduce((s, r) => s + r[key], 0) / n) * 10) / 10;
	return {
		n,
		shown: true as const,
		overall: mean('overall'),
		relevance: mean('relevance'),
		will_use: mean('will_use'),
		comments: rows.map((r) => r.comment.trim()).filter((c) => c !== '')
	};
}

export const creditTypeSchema = z.object({
	code: z
		.string({ message: 'Enter a short code, for example act48.' })
		.regex(/^[a-z0-9_]{2,30}$/, 'Use 2–30 lower-case letters, digits or underscores for the code.'),
	name: z.string({ message: 'Enter the credit’s name.' }).min(2, 'Enter the credit’s name.').max(80, 'The name can have at most 80 characters.'),
	name_es: optionalText(80, 'The Spanish name')
});

/**
 * Editing an offering: refuses a capacity below the seats already taken (active registrations),
 * since nobody's registration is dropped by an edit. Empty when the capacity is fine.
 */
export function capacityProblem(capacity: number, activeRegistrations: number): { field: string; message: string }[] {
	if (capacity >= activeRegistrations) return [];
	return [
		{
			field: 'capacity',
			message: `${activeRegistrations} ${activeRegistrations === 1 ? 'person is' : 'people are'} already registered, so the capacity cannot be lower than ${activeRegistrations}.`
		}
	];
}

export interface StoredSession {
	id: string;
	starts_at: string;
	ends_at: string;
	location: string;
}

/**
 * What an edit does to the sessions: existing ones (matched by id) keep their attendance and may
 * move in time or place; rows without an id are new. An existing session cannot be dropped from
 * the form (check-ins hang on it), so a missing id is reported. `moved` lists the sessions whose
 * start or end changed: the people registered are emailed about those.
 */
export function planSessionEdit(
	stored: StoredSession[],
	sessions: SessionInput[]
): { ok: true; updates: (StoredSession & { moved: boolean })[]; inserts: Omit<StoredSession, 'id'>[] } | { ok: false; issues: { field: string; message: string }[] } {
	const byId = new Map(stored.map((s) => [s.id, s]));
	const issues: { field: string; message: string }[] = [];
	const updates: (StoredSession & { moved: boolean })[] = [];
	const inserts: Omit<StoredSession, 'id'>[] = [];
	const seen = new Set<string>();
	sessions.forEach((session, i) => {
		const times = sessionTimes(session);
		if (session.id === undefined) {
			inserts.push({ ...times, location: session.location });
			return;
		}
		const before = byId.get(session.id);
		if (!before || seen.has(session.id)) {
			issues.push({ field: `sessions.${i}.date`, message: 'This session is not part of the offering; reload the page and try again.' });
			return;
		}
		seen.add(session.id);
		updates.push({ id: session.id, ...times, location: session.location, moved: times.starts_at !== before.starts_at || times.ends_at !== before.ends_at });
	});
	if (issues.length === 0 && seen.size < stored.length) {
		issues.push({ field: 'sessions.0.date', message: 'A session that already exists cannot be removed here; change its date and time instead.' });
	}
	return issues.length ? { ok: false, issues } : { ok: true, updates, inserts };
}

/** The edit form's values for an offering as stored: what the provider sees before changing it. */
export function offeringFormValues(
	offering: {
		title: string; title_es: string | null; description_md: string; description_md_es: string | null; topic: string; audience: string;
		grade_bands: string; subject: string; format: string; hours: number; credit_type_id: string | null; cost_cents: number; capacity: number;
		attendance_threshold: number; reflection_required: number;
	},
	sessions: StoredSession[]
): Record<string, string> {
	const values: Record<string, string> = {
		title: offering.title,
		title_es: offering.title_es ?? '',
		description_md: offering.description_md,
		description_md_es: offering.description_md_es ?? '',
		topic: offering.topic,
		audience: offering.audience,
		grade_bands: (JSON.parse(offering.grade_bands) as string[]).join(','),
		subject: offering.subject,
		format: offering.format,
		hours: String(offering.hours),
		credit_type_id: offering.credit_type_id ?? '',
		cost: (offering.cost_cents / 100).toFixed(2),
		capacity: String(offering.capacity),
		attendance_threshold: String(offering.attendance_threshold),
		reflection_required: offering.reflection_required ? 'yes' : ''
	};
	sessions.forEach((s, i) => {
		values[`sessions.${i}.id`] = s.id;
		values[`sessions.${i}.date`] = s.starts_at.slice(0, 10);
		values[`sessions.${i}.start`] = s.starts_at.slice(11, 16);
		values[`sessions.${i}.end`] = s.ends_at.slice(11, 16);
		values[`sessions.${i}.location`] = s.location;
	});
	return values;
}

/** A session's time in words for email: "2027-03-04, 16:00–19:00 UTC". */
export function sessionTimeText(session: { starts_at: string; ends_at: string }): string {
	return `${session.starts_at.slice(0, 10)}, ${session.starts_at.slice(11, 16)}–${session.ends_at.slice(11, 16)} UTC`;
}
