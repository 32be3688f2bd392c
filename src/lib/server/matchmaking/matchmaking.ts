import { z } from 'zod';
import { distanceMiles } from '../geo/distance.js';

export const needKinds = ['speaker', 'equipment', 'coach', 'field_trip', 'mentor', 'other'] as const;
export const subjects = ['biology', 'chemistry', 'physics', 'earth_environment', 'computer_science', 'engineering_robotics', 'math', 'health'] as const;
export const gradeBands = ['k_5', '6_8', '9_12', 'postsecondary'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const date = (message: string) => z.string({ message }).refine(isRealDate, message);
const text = (max: number, label: string) => z.string({ message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` }).max(max, `${label} can have at most ${max} characters.`);
const list = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.enum(values, { message })).min(1, message));

const common = {
	kind: z.enum(needKinds, { message: 'Choose what kind of help this is.' }),
	title: text(140, 'The title').min(4, 'Give it a title of at least 4 characters.'),
	description: text(4000, 'The description').optional().transform((v) => v ?? ''),
	zip: z.string({ message: 'Enter a 5-digit ZIP code.' }).regex(/^\d{5}$/, 'Enter a 5-digit ZIP code.')
};

/** A school or educator asks for help: one subject, one grade band, a window of dates. */
export const needSchema = z
	.object({
		...common,
		subject: z.enum(subjects, { message: 'Choose the subject.' }),
		grade_band: z.enum(gradeBands, { message: 'Choose the grade band.' }),
		needed_from: date('Enter the first possible date as YYYY-MM-DD.'),
		needed_by: date('Enter the last possible date as YYYY-MM-DD.'),
		// Share of the students served who belong to the collective's focus groups (0–100).
		focus_share: z.coerce.number({ message: 'Enter a percentage from 0 to 100.' }).int('Enter a whole percentage.').min(0, 'Enter a percentage from 0 to 100.').max(100, 'Enter a percentage from 0 to 100.')
	})
	.superRefine(
		(v, ctx) => {
			if (isRealDate(String(v.needed_from)) && isRealDate(String(v.needed_by)) && v.needed_by < v.needed_from) {
				ctx.addIssue({ code: 'custom', path: ['needed_by'], message: 'The last date must be on or after the first.' });
			}
		},
		{ when: () => true }
	);

/** A partner offers help: several subjects and grade bands, available between two dates. */
export const offerSchema = z
	.object({
		...common,
		subjects: list(subjects, 'Choose at least one subject.'),
		grade_bands: list(gradeBands, 'Choose at least one grade band.'),
		available_from: date('Enter the first available date as YYYY-MM-DD.'),
		available_until: date('Enter the last available date as YYYY-MM-DD.')
	})
	.superRefine(
		(v, ctx) => {
			if (isRealDate(String(v.available_from)) && isRealDate(String(v.available_until)) && v.available_until < v.available_from) {
				ctx.addIssue({ code: 'custom', path: ['available_until'], message: 'The last date must be on or after the first.' });
			}
		},
		{ when: () => true }
	);

export const needCloseReasons = ['answered', 'not_needed'] as const;
/** Why a school or educator closes a need: it was answered, or it is no longer needed. */
export const closeNeedSchema = z.object({ reason: z.enum(needCloseReasons, { message: 'Say why you are closing this need.' }) });

/** How much each consideration counts; an ecosystem may change these (matchmaking_setting). */
export interface Weights {
	subject: number;
	grade: number;
	distance: number;
	timing: number;
	priority: number;
	/** Beyond this many miles distance adds nothing. */
	maxMiles: number;
}
export const defaultWeights: Weights = { subject: 30, grade: 20, distance: 20, timing: 15, priority: 15, maxMiles: 25 };

export const weightsSchema = z.object({
	subject: z.coerce.number().min(0).max(100),
	grade: z.coerce.number().min(0).max(100),
	distance: z.coerce.number().min(0).max(100),
	timing: z.coerce.number().min(0).max(100),
	priority: z.coerce.number().min(0).max(100),
	maxMiles: z.coerce.number().min(1, 'The distance limit must be at least 1 mile.').max(500)
});

export interface NeedFacts {
	kind: string;
	subject: string;
	grade_band: string;
	needed_from: string;
	needed_by: string;
	focus_share: number;
	location: { lat: number; lon: number } | null;
}
export interface OfferFacts {
	kind: string;
	subjects: string[];
	grade_bands: string[];
	available_from: string;
	available_until: string;
	location: { lat: number; lon: number } | null;
}

/** Why a suggestion ranks where it does, as codes the page turns into sentences. */
export type MatchReason =
	| { code: 'subject'; subject: string }
	| { code: 'grade'; band: string }
	| { code: 'distance'; miles: number }
	| { code: 'distance_unknown' }
	| { code: 'timing'; from: string; until: string }
	| { code: 'priority'; share: number };

export interface Suggestion {
	score: number;
	reasons: MatchReason[];
}

/**
 * Scores an offer for a need, or null when it cannot help (another kind of help, or no overlap in
 * dates). Subject and grade band count fully or not at all; distance counts less the farther
 * apart (nothing beyond `maxMiles`, nothing when a ZIP is unknown); timing counts the share of the
 * need's window the offer covers; priority grows with the share of focus-group students served.
 */
export function scoreMatch(need: NeedFacts, offer: OfferFacts, w: Weights = defaultWeights): Suggestion | null {
	if (need.kind !== offer.kind) return null;
	const from = need.needed_from > offer.available_from ? need.needed_from : offer.available_from;
	const until = need.needed_by < offer.available_until ? need.needed_by : offer.available_until;
	if (from > until) return null;
	const reasons: MatchReason[] = [];
	let score = 0;
	if (offer.subjects.includes(need.subject)) {
		score += w.subject;
		reasons.push({ code: 'subject', subject: need.subject });
	}
	if (offer.grade_bands.includes(need.grade_band)) {
		score += w.grade;
		reasons.push({ code: 'grade', band: need.grade_band });
	}
	if (need.location && offer.location) {
		const miles = Math.round(distanceMiles(need.location, offer.location) * 10) / 10;
		score += w.distance * Math.max(0, 1 - miles / w.maxMiles);
		reasons.push({ code: 'distance', miles });
	} else reasons.push({ code: 'distance_unknown' });
	const span = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
	score += w.timing * Math.min(1, span(from, until) / span(need.needed_from, need.needed_by));
	reasons.push({ code: 'timing', from, until });
	if (need.focus_share > 0) {
		score += (w.priority * need.focus_share) / 100;
		reasons.push({ code: 'priority', share: need.focus_share });
	}
	return { score: Math.round(score * 10) / 10, reasons };
}

/** Offers that can help, best first; ties keep the earlier-listed offer first. */
export function rankOffers<T extends OfferFacts>(need: NeedFacts, offers: T[], w: Weights = defaultWeights): (Suggestion & { offer: T })[] {
	return offers
		.map((offer) => ({ offer, suggestion: scoreMatch(need, offer, w) }))
		.filter((x): x is { offer: T; suggestion: Suggestion } => x.suggestion !== null)
		.map(({ offer, suggestion }) => ({ offer, ...suggestion }))
		.sort((a, b) => b.score - a.score);
}

/** Whole days an open need has waited (for the backbone's "unanswered" list). */
export const daysWaiting = (createdAt: string, now: Date = new Date()): number => Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 86_400_000));
