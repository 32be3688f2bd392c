import { z } from 'zod';

/** Fixed vocabularies: stored as codes, labelled in messages/{en,es}.json. */
export const subjects = ['coding', 'robotics', 'engineering', 'math', 'science', 'environment', 'health', 'making', 'data', 'space'] as const;
export const formats = ['in_school', 'after_school', 'summer', 'weekend', 'online'] as const;
export const populations = ['girls', 'black', 'hispanic', 'indigenous', 'english_learners', 'disabilities', 'low_income', 'newcomers'] as const;
/** Languages a program may be taught in (BCP 47), the ones this region's families most ask for. */
export const languages = ['en', 'es', 'zh', 'vi', 'ar', 'ru', 'ht', 'fr', 'so', 'uk'] as const;
export const costKinds = ['free', 'paid', 'sliding_scale'] as const;
export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;

export type Subject = (typeof subjects)[number];
export type Format = (typeof formats)[number];
export type Weekday = (typeof weekdays)[number];
export type TimeOfDay = (typeof timesOfDay)[number];

/** A listing not confirmed for this many days is flagged to its partner… */
export const STALE_AFTER_DAYS = 365;
/** …and hidden from families this many days after that, unless someone confirms it. */
export const GRACE_DAYS = 60;

const text = (max: number, label: string) => z.string().trim().max(max, `${label} can have at most ${max} characters.`);
const optionalText = (max: number, label: string) => text(max, label).optional();
const wholeNumber = (label: string, min: number, max: number) =>
	z.coerce
		.number({ message: `${label} must be a number.` })
		.int(`${label} must be a whole number.`)
		.min(min, `${label} must be at least ${min}.`)
		.max(max, `${label} must be at most ${max}.`)
		.optional();
const codeList = <T extends readonly [string, ...string[]]>(codes: T, message: string) =>
	z.array(z.enum(codes, { message })).default([]).transform((list) => [...new Set(list)]);
const isoDate = (label: string) =>
	z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: enter a date as YYYY-MM-DD.`).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `${label} is not a real date.`);
const clock = (label: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}: enter a time as HH:MM, e.g. 15:30.`);

const coordinate = (label: string, limit: number) =>
	z.coerce.number({ message: `The ${label} must be a number.` }).min(-limit, `The ${label} must be between -${limit} and ${limit}.`).max(limit, `The ${label} must be between -${limit} and ${limit}.`).optional();
const locationFields = {
	name: optionalText(160, 'The place name').transform((v) => v ?? ''),
	address_1: optionalText(200, 'The street address').transform((v) => v ?? ''),
	city: optionalText(120, 'The city').transform((v) => v ?? ''),
	state_province: optionalText(40, 'The state').transform((v) => v ?? ''),
	postal_code: z.string({ message: 'Enter the 5-digit ZIP code of the place.' }).regex(/^\d{5}$/, 'Enter the 5-digit ZIP code of the place.'),
	latitude: coordinate('latitude', 90),
	longitude: coordinate('longitude', 180)
};
export const locationSchema = z.object(locationFields);
/** Imported HSDS places may carry any postal code (the official examples' are not US ZIPs). */
const importedLocationSchema = z.object({
	...locationFields,
	postal_code: optionalText(20, 'The postal code').transform((v) => v ?? '')
});
export type LocationInput = z.infer<typeof importedLocationSchema>;

export const scheduleSchema = z
	.object({
		/** null: a one-off session on dtstart. */
		freq: z.enum(['WEEKLY', 'MONTHLY'], { message: 'Choose weekly or monthly.' }).nullable().default(null),
		interval: wholeNumber('The repeat interval', 1, 12).transform((v) => v ?? 1),
		byday: codeList(weekdays, 'Choose days of the week from the list.'),
		dtstart: isoDate('The first date'),
		until: isoDate('The last date').optional(),
		opens_at: clock('The start time'),
		closes_at: clock('The end time'),
		description: optionalText(200, 'The schedule note').transform((v) => v ?? ''),
		description_es: optionalText(200, 'The Spanish schedule note')
	})
	// Runs even when single fields failed, so every problem shows at once; so it reads defensively.
	.superRefine(
		(s, ctx) => {
			if (typeof s.opens_at === 'string' && typeof s.closes_at === 'string' && s.closes_at <= s.opens_at) {
				ctx.addIssue({ code: 'custom', path: ['closes_at'], message: 'The end time must be after the start time.' });
			}
			if (typeof s.until === 'string' && typeof s.dtstart === 'string' && s.until < s.dtstart) {
				ctx.addIssue({ code: 'custom', path: ['until'], message: 'The last date must be on or after the first date.' });
			}
			if (s.freq === 'WEEKLY' && !(Array.isArray(s.byday) && s.byday.length > 0)) {
				ctx.addIssue({ code: 'custom', path: ['byday'], message: 'Choose at least one day of the week.' });
			}
		},
		{ when: () => true }
	);
export type ScheduleInput = z.infer<typeof scheduleSchema>;

/**
 * What a partner writes about one program (`form`), or what an HSDS import brings (`import`):
 * imports keep whatever HSDS holds, so they may lack subjects, formats, languages, an age band or
 * a place, and may give ages beyond youth (the official examples say 12 to 100).
 */
function buildProgramSchema(mode: 'form' | 'import') {
	const strict = mode === 'form';
	const nonEmpty = <T extends z.ZodType<string[]>>(list: T, message: string) => (strict ? list.refine((l) => l.length > 0, message) : list);
	return z
	.object({
		name: z.string({ message: 'Enter the program’s name.' }).trim().min(3, 'The name needs at least 3 characters.').max(160, 'The name can have at most 160 characters.'),
		name_es: optionalText(160, 'The Spanish name'),
		description: strict ? text(4000, 'The description').min(20, 'Describe the program in at least 20 characters, so families know what it is.') : text(8000, 'The description').default(''),
		description_es: optionalText(4000, 'The Spanish description'),
		subjects: nonEmpty(codeList(subjects, 'Choose subjects from the list.'), 'Choose at least one subject.'),
		formats: nonEmpty(codeList(formats, 'Choose formats from the list.'), 'Choose at least one format.'),
		populations: codeList(populations, 'Choose focus populations from the list.'),
		// Any BCP 47 language tag: the form offers the common ones, imports may bring others (e.g. 'ur').
			languages: nonEmpty(
				z
					.array(z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Give languages as codes such as en or es.'))
					.default([])
					.transform((list) => [...new Set(list)]),
				'Choose at least one language the program is taught in.'
			),
		min_age: wholeNumber('The minimum age', 0, strict ? 25 : 130),
		max_age: wholeNumber('The maximum age', 0, strict ? 25 : 130),
		grade_min: wholeNumber('The lowest grade', 0, 12),
		grade_max: wholeNumber('The highest grade', 0, 12),
		cost_kind: z.enum(costKinds, { message: 'Say whether the program is free, paid or on a sliding scale.' }),
		fee_amount: z.coerce.number({ message: 'The fee must be a number of dollars.' }).min(0, 'The fee cannot be negative.').max(100000, 'The fee must be at most $100,000.').optional(),
		scholarships: optionalText(1000, 'The scholarships note'),
		scholarships_es: optionalText(1000, 'The Spanish scholarships note'),
		eligibility: optionalText(1000, 'Who can join'),
		eligibility_es: optionalText(1000, 'The Spanish eligibility note'),
		accessibility: optionalText(1000, 'The accessibility note'),
		accessibility_es: optionalText(1000, 'The Spanish accessibility note'),
		how_to_apply: optionalText(1000, 'How to sign up'),
		how_to_apply_es: optionalText(1000, 'The Spanish sign-up note'),
		capacity: wholeNumber('The number of seats', 1, 100000),
		url: z.url({ protocol: /^https?$/, message: 'Enter a full web address starting with https://' }).optional(),
		email: z.email({ message: 'Enter an email address such as info@example.org.' }).optional(),
		phone: strict
				? z.string().regex(/^[0-9+().\-\s]{7,25}$/, 'Enter a phone number using digits, spaces, dashes or brackets.').optional()
				: optionalText(60, 'The phone number'),
		status: z.enum(['active', 'inactive'], { message: 'Choose active or inactive.' }).default('active'),
		locations: z.array(strict ? locationSchema : importedLocationSchema).max(20, 'A program can have at most 20 places.').default([]),
		schedules: z.array(scheduleSchema).max(20, 'A program can have at most 20 schedules.').default([]),
		/** The person confirms the listing is current: sets the last-verified date. */
		confirm_current: z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean()).default(false)
	})
	// Runs even when single fields failed, so every problem shows at once; so it reads defensively.
	.superRefine(
		(p, ctx) => {
			const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
			const [minAge, maxAge, gradeMin, gradeMax] = [num(p.min_age), num(p.max_age), num(p.grade_min), num(p.grade_max)];
			if (minAge !== undefined && maxAge !== undefined && maxAge < minAge) {
				ctx.addIssue({ code: 'custom', path: ['max_age'], message: 'The maximum age must be at least the minimum age.' });
			}
			if (gradeMin !== undefined && gradeMax !== undefined && gradeMax < gradeMin) {
				ctx.addIssue({ code: 'custom', path: ['grade_max'], message: 'The highest grade must be at least the lowest grade.' });
			}
			if (strict && [p.min_age, p.max_age, p.grade_min, p.grade_max].every((v) => v === undefined)) {
				ctx.addIssue({ code: 'custom', path: ['min_age'], message: 'Give an age range or a grade range, so families know who it is for.' });
			}
			if (strict && (p.cost_kind === 'paid' || p.cost_kind === 'sliding_scale') && p.fee_amount === undefined) {
				ctx.addIssue({ code: 'custom', path: ['fee_amount'], message: 'Give the fee in dollars for a paid or sliding-scale program.' });
			}
			const online = Array.isArray(p.formats) && p.formats.includes('online');
			if (strict && Array.isArray(p.locations) && p.locations.length === 0 && !online) {
				ctx.addIssue({ code: 'custom', path: ['locations'], message: 'Add the place where it happens, or choose the online format.' });
			}
		},
		{ when: () => true }
	);
}
export const programSchema = buildProgramSchema('form');
export const importedProgramSchema = buildProgramSchema('import');
export type ProgramInput = z.infer<typeof programSchema>;

/**
 * A form posts flat names: `subjects` repeated for each box ticked, and `locations.0.city` or
 * `schedules.1.byday` for the nested rows. This rebuilds the nested shape the schema reads,
 * dropping rows left entirely blank (the form always offers an empty row to fill in).
 */
export function programFormToInput(entries: Iterable<[string, unknown]>): { input: Record<string, unknown>; values: Record<string, string | undefined> } {
	const lists = new Set(['subjects', 'formats', 'populations', 'languages', 'byday']);
	const input: Record<string, unknown> = {};
	const values: Record<string, string | undefined> = {};
	for (const [key, raw] of entries) {
		if (typeof raw !== 'string') continue;
		const value = raw.trim();
		const path = key.split('.');
		const leaf = path.at(-1) ?? '';
		if (lists.has(leaf)) {
			values[key] = values[key] ? `${values[key]},${value}` : value;
			if (value !== '') pushAt(input, path, value);
		} else {
			values[key] = value === '' ? undefined : value;
			if (value !== '') setAt(input, path, value);
		}
	}
	for (const rows of ['locations', 'schedules']) {
		const list = input[rows];
		input[rows] = Array.isArray(list) ? list.filter((row) => row && Object.keys(row).some((k) => k !== 'freq' && k !== 'interval')) : [];
	}
	return { input, values };
}

function container(root: Record<string, unknown>, path: string[]): Record<string, unknown> {
	let node: Record<string, unknown> | unknown[] = root;
	for (let i = 0; i < path.length - 1; i++) {
		const key = path[i] ?? '';
		const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
		const holder = node as Record<string, unknown>;
		holder[key] ??= nextIsIndex ? [] : {};
		node = holder[key] as Record<string, unknown>;
	}
	return node as Record<string, unknown>;
}
function setAt(root: Record<string, unknown>, path: string[], value: string) {
	container(root, path)[path.at(-1) ?? ''] = value;
}
function pushAt(root: Record<string, unknown>, path: string[], value: string) {
	const holder = container(root, path);
	const leaf = path.at(-1) ?? '';
	holder[leaf] = [...((holder[leaf] as string[] | undefined) ?? []), value];
}

/** Lower-case, accents removed, punctuation to spaces: how both search text and queries are compared. */
export function foldText(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** The words a query must all match (short words such as "de" or "a" are ignored). */
export function searchWords(query: string): string[] {
	return [...new Set(foldText(query).split(' ').filter((w) => w.length >= 2))].slice(0, 8);
}

export function searchTextOf(p: Pick<ProgramInput, 'name' | 'name_es' | 'description' | 'description_es'>, partnerName: string): string {
	return ` ${foldText([p.name, p.name_es ?? '', p.description, p.description_es ?? '', partnerName].join(' '))} `;
}

export type VerificationState = 'current' | 'due' | 'hidden';

/**
 * A listing is current for a year after a person last confirmed it (or after it was created, if
 * nobody has yet), then due (flagged to its partner, still shown), then hidden from families
 * once the grace period has passed too.
 */
export function verificationState(lastVerifiedAt: string | null, createdAt: string, now: Date): VerificationState {
	const since = Date.parse(lastVerifiedAt ?? createdAt);
	const days = (now.getTime() - since) / 86_400_000;
	if (days < STALE_AFTER_DAYS) return 'current';
	return days < STALE_AFTER_DAYS + GRACE_DAYS ? 'due' : 'hidden';
}

/** The newest reference time a listing may have and still be shown to families. */
export function hiddenBefore(now: Date): string {
	return new Date(now.getTime() - (STALE_AFTER_DAYS + GRACE_DAYS) * 86_400_000).toISOString();
}
export function dueBefore(now: Date): string {
	return new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000).toISOString();
}

/** Degrees of latitude spanned by `miles`, for the database's first, coarse radius filter. */
export const latitudeSpan = (miles: number): number => miles / 69.0;
export const longitudeSpan = (miles: number, lat: number): number => miles / (69.172 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));

/** The RFC 5545 RRULE of a recurring schedule (HSDS schedule.freq/byday/interval/until). */
export function rrule(s: Pick<ScheduleInput, 'freq' | 'interval' | 'byday' | 'until'>): string | null {
	if (!s.freq) return null;
	const parts = [`FREQ=${s.freq}`];
	if (s.interval > 1) parts.push(`INTERVAL=${s.interval}`);
	if (s.byday.length) parts.push(`BYDAY=${s.byday.join(',')}`);
	if (s.until) parts.push(`UNTIL=${s.until.replaceAll('-', '')}T235959Z`);
	return parts.join(';');
}

/** Which part of the day a session starting at `opensAt` ('HH:MM') falls in. */
export function timeOfDay(opensAt: string): TimeOfDay {
	if (opensAt < '12:00') return 'morning';
	return opensAt < '17:00' ? 'afternoon' : 'evening';
}
export const timeOfDayRange: Record<TimeOfDay, [string, string]> = {
	morning: ['00:00', '12:00'],
	afternoon: ['12:00', '17:00'],
	evening: ['17:00', '24:00']
};

/** Weekday code (MO…SU) of an ISO date, in the calendar (no time zone involved). */
export function weekdayOf(isoDate: string): Weekday {
	const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
	return weekdays[(day + 6) % 7] ?? 'MO';
}

/** Parses a JSON list column, tolerating a damaged value as empty. */
export function listOf(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}
