/**
 * Technical assistance, pure core: what a request, a reply, a triage and a rating may contain,
 * and the response-time report (medians per category). No I/O.
 *
 * Time to first response: from filing to the backbone's first message, or to closing when the
 * request was closed without one. Time to close: from filing to closing. Both in hours.
 */
import { z } from 'zod';

export const taCategories = ['data', 'evaluation', 'program_design', 'grant_writing', 'equipment', 'other'] as const;
export type TaCategory = (typeof taCategories)[number];
export const taPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TaPriority = (typeof taPriorities)[number];

/** Forms send an empty field as missing (formToObject), so "missing" and "too short" say the same. */
const text = (tooShort: string, min: number, tooLong: string, max: number) => z.string({ message: tooShort }).trim().min(min, tooShort).max(max, tooLong);

export const requestSchema = z.object({
	category: z.enum(taCategories, { message: 'Choose what kind of help you need.' }),
	subject: text('Give the request a short subject (at least 3 characters).', 3, 'The subject can have at most 200 characters.', 200),
	description: text('Describe what you need in at least 10 characters.', 10, 'The description can have at most 4,000 characters.', 4000)
});
export type RequestInput = z.infer<typeof requestSchema>;

export const messageSchema = z.object({
	body: text('Write a message.', 1, 'A message can have at most 4,000 characters.', 4000)
});

export const triageSchema = z.object({
	priority: z.enum(taPriorities, { message: 'Choose a priority.' }),
	// Empty means nobody yet.
	assignee_user_id: z
		.string()
		.optional()
		.transform((v) => (v ? v : null))
});

export const ratingSchema = z.object({
	rating: z.coerce.number({ message: 'Choose a rating from 1 to 5.' }).int('Choose a rating from 1 to 5.').min(1, 'Choose a rating from 1 to 5.').max(5, 'Choose a rating from 1 to 5.'),
	comment: z
		.string()
		.max(2000, 'The comment can have at most 2,000 characters.')
		.optional()
		.transform((v) => (v?.trim() ? v.trim() : null))
});

/** The median of a list (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export interface TimedRequest {
	category: TaCategory;
	created_at: string;
	first_response_at: string | null;
	closed_at: string | null;
	rating: number | null;
}

export interface TimesRow {
	category: TaCategory | 'all';
	requests: number;
	open: number;
	/** Hours, over the requests that had one. */
	medianFirstResponse: number | null;
	responded: number;
	medianClose: number | null;
	closed: number;
	averageRating: number | null;
	rated: number;
}

/** One row per category that has requests (in the categories' order), then all of them together. */
export function responseTimes(requests: readonly TimedRequest[]): TimesRow[] {
	const row = (category: TimesRow['category'], list: readonly TimedRequest[]): TimesRow => {
		const firsts = list.flatMap((r) => {
			const at = r.first_response_at ?? r.closed_at;
			return at ? [hoursBetween(r.created_at, at)] : [];
		});
		const closes = list.flatMap((r) => (r.closed_at ? [hoursBetween(r.created_at, r.closed_at)] : []));
		const ratings = list.flatMap((r) => (r.rating === null ? [] : [r.rating]));
		return {
			category,
			requests: list.length,
			open: list.filter((r) => r.closed_at === null).length,
			medianFirstResponse: median(firsts),
			responded: firsts.length,
			medianClose: median(closes),
			closed: closes.length,
			averageRating: ratings.length ? ratings.reduce((s, n) => s + n, 0) / ratings.length : null,
			rated: ratings.length
		};
	};
	const rows = taCategories.flatMap((c) => {
		const list = requests.filter((r) => r.category === c);
		return list.length ? [row(c, list)] : [];
	});
	return requests.length ? [...rows, row('all', requests)] : [];
}

/** Who may do what to a request in its state. */
export const canMessage = (r: { status: string }) => r.status === 'open';
export const canRate = (r: { status: string; rated_at: string | null }) => r.status === 'closed' && r.rated_at === null;
