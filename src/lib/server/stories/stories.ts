import { z } from 'zod';
import * as m from '../../paraglide/messages.js';

/**
 * The pure core of "Hear From Our Youth": who must consent to what, which uses a story may be put
 * to, when it is public, and the schemas of every form, with messages in the submitter's language.
 */
export type Locale = 'en' | 'es';

/** The uses an author (and a parent) can allow, one by one. */
export const scopes = ['wall', 'partner_site', 'social', 'print'] as const;
export type Scope = (typeof scopes)[number];

export const ageBands = ['under_13', '13_15', '16_17', '18_24'] as const;
export type AgeBand = (typeof ageBands)[number];

export const interests = ['robotics', 'coding', 'science', 'engineering', 'math', 'health', 'environment', 'space', 'design'] as const;
export type Interest = (typeof interests)[number];

export type StoryStatus = 'awaiting_consent' | 'in_review' | 'changes_requested' | 'published' | 'declined' | 'withdrawn' | 'expired';

/** Consent lasts this long unless renewed (the default). */
export const CONSENT_YEARS = 2;
/** COPPA: an under-13 submission without a parent's consent is deleted after this many days. */
export const UNDER_13_CONSENT_DAYS = 7;
/** A teenager's story whose parent never answers is deleted after this many days. */
export const MINOR_CONSENT_DAYS = 30;
/** A withdrawn or expired story leaves every public surface at once and is deleted after this many days. */
export const DELETE_AFTER_DAYS = 30;
/** Distinct people reporting a story before it is hidden until a moderator looks. */
export const REPORTS_TO_HIDE = 3;
/** The youngest and oldest ages the campaign takes. */
export const MIN_AGE = 5;
export const MAX_AGE = 24;

const DAY = 24 * 60 * 60 * 1000;
export const addDays = (from: Date, days: number): string => new Date(from.getTime() + days * DAY).toISOString();
export function addYears(from: Date, years: number): string {
	const next = new Date(from.getTime());
	next.setUTCFullYear(next.getUTCFullYear() + years);
	return next.toISOString();
}

/** Only the band is ever stored, never the age. */
export function ageBandFor(age: number): AgeBand {
	if (age < 13) return 'under_13';
	if (age < 16) return '13_15';
	if (age < 18) return '16_17';
	return '18_24';
}

export const needsParent = (band: AgeBand): boolean => band !== '18_24';

/**
 * What the story may be used for: the author's choice, narrowed by the parent's consent for a
 * minor, narrowed by what moderators approved. Nothing is allowed before moderators approve.
 */
export function effectiveScopes(story: {
	age_band: AgeBand;
	requested: readonly Scope[];
	consented: readonly Scope[] | null;
	approved: readonly Scope[] | null;
}): Scope[] {
	if (!story.approved) return [];
	if (needsParent(story.age_band) && !story.consented) return [];
	return scopes.filter(
		(s) => story.requested.includes(s) && story.approved!.includes(s) && (!needsParent(story.age_band) || story.consented!.includes(s))
	);
}

export interface PublicCheck {
	status: StoryStatus;
	hidden_at: string | null;
	revoked_at: string | null;
	consent_expires_at: string | null;
}

/** Whether a story may be shown to the public at `now` (every public surface asks this, through the same query). */
export function isPublic(story: PublicCheck, now: Date): boolean {
	return (
		story.status === 'published' &&
		!story.hidden_at &&
		!story.revoked_at &&
		!!story.consent_expires_at &&
		story.consent_expires_at > now.toISOString()
	);
}

/** The parent's part of the form: required for minors only. */
export const parentConsentSteps = (band: AgeBand): 'none' | 'parent' | 'parent_verified' =>
	band === '18_24' ? 'none' : band === 'under_13' ? 'parent_verified' : 'parent';

/** Which moderator actions are possible in each state. */
export function canApprove(story: { status: StoryStatus; age_band: AgeBand; hasParentConsent: boolean; hasVerification: boolean }): boolean {
	if (story.status !== 'in_review' && story.status !== 'changes_requested') return false;
	if (needsParent(story.age_band) && !story.hasParentConsent) return false;
	// COPPA 2025: publishing a child's words is a disclosure, which needs more than an emailed click.
	if (story.age_band === 'under_13' && !story.hasVerification) return false;
	return true;
}

// ---- Schemas, with messages in the form's language ----

const checkboxList = <T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)));

export function ageScreenSchema(locale: Locale) {
	const message = m.stories_err_age({ min: MIN_AGE, max: MAX_AGE }, { locale });
	return z.object({
		age: z
			.string({ message })
			.regex(/^\d{1,2}$/, message)
			.transform(Number)
			.pipe(z.number().int().min(MIN_AGE, message).max(MAX_AGE, message))
	});
}

function storyFields(locale: Locale) {
	const t = { locale };
	return {
		display_name: z
			.string({ message: m.stories_err_name({}, t) })
			.min(1, m.stories_err_name({}, t))
			.max(40, m.stories_err_name({}, t))
			.refine((v) => !/@|\d{3,}|https?:|www\./i.test(v), m.stories_err_name_private({}, t)),
		story_text: z
			.string({ message: m.stories_err_text({}, t) })
			.min(20, m.stories_err_text({}, t))
			.max(3000, m.stories_err_text_long({}, t)),
		interests: checkboxList(interests),
		language: z.enum(['en', 'es']).default(locale)
	};
}

/** A young person of 13 or older tells their story; a minor also gives a parent's email. */
export function storySchema(locale: Locale, band: AgeBand) {
	const t = { locale };
	const parentEmail = z.email({ message: m.stories_err_parent_email({}, t) }).transform((e) => e.toLowerCase());
	return z.object({
		...storyFields(locale),
		school: z.string().max(120, m.stories_err_school({}, t)).optional(),
		scopes: checkboxList(scopes).refine((v) => v.length > 0, m.stories_err_scopes({}, t)),
		assent: z.literal('yes', { message: m.stories_err_assent({}, t) }),
		// Adults' stories never store a parent's address, even if one was typed.
		parent_email: needsParent(band) ? parentEmail : z.unknown().transform(() => undefined)
	});
}
export type StoryInput = z.infer<ReturnType<typeof storySchema>>;

/** Under 13: nothing but the parent's email before consent. */
export function parentContactSchema(locale: Locale) {
	return z.object({
		parent_email: z.email({ message: m.stories_err_parent_email({}, { locale }) }).transform((e) => e.toLowerCase())
	});
}

export const relationships = ['parent', 'guardian'] as const;

/** A parent or guardian consents, by the emailed link or on paper recorded by staff. */
export function parentConsentSchema(locale: Locale) {
	const t = { locale };
	return z.object({
		signer_name: z.string({ message: m.stories_err_signer({}, t) }).min(2, m.stories_err_signer({}, t)).max(120, m.stories_err_signer({}, t)),
		relationship: z.enum(relationships, { message: m.stories_err_relationship({}, t) }),
		scopes: checkboxList(scopes).refine((v) => v.length > 0, m.stories_err_scopes({}, t)),
		agree: z.literal('yes', { message: m.stories_err_agree({}, t) })
	});
}

/** Under 13, after the parent consented: the child's story, written with the parent. */
export function childStorySchema(locale: Locale) {
	return z.object({ ...storyFields(locale), assent: z.literal('yes', { message: m.stories_err_child_assent({}, { locale }) }) });
}

export function paperConsentSchema(locale: Locale) {
	return parentConsentSchema(locale)
		.omit({ agree: true })
		.extend({
			given_on: z.iso.date({ message: m.stories_err_date({}, { locale }) })
		});
}

export const verificationMethods = ['signed_form', 'phone_call', 'video_call'] as const;
export function verificationSchema(locale: Locale) {
	return z.object({ method: z.enum(verificationMethods, { message: m.stories_err_method({}, { locale }) }) });
}

export function approveSchema(locale: Locale) {
	return z.object({ scopes: checkboxList(scopes).refine((v) => v.length > 0, m.stories_err_scopes({}, { locale })) });
}

export function noteSchema(locale: Locale) {
	return z.object({ note: z.string({ message: m.stories_err_note({}, { locale }) }).min(3, m.stories_err_note({}, { locale })).max(1000) });
}

export function editSchema(locale: Locale) {
	return z.object({ story_text: storyFields(locale).story_text });
}

export const wallFilterSchema = z.object({
	interest: z.enum(interests).optional().catch(undefined),
	age: z.enum(ageBands).optional().catch(undefined),
	language: z.enum(['en', 'es']).optional().catch(undefined)
});
export type WallFilter = z.infer<typeof wallFilterSchema>;

export const parseScopes = (json: string | null): Scope[] | null =>
	json === null ? null : (JSON.parse(json) as string[]).filter((s): s is Scope => (scopes as readonly string[]).includes(s));
export const parseInterests = (json: string): Interest[] =>
	(JSON.parse(json) as string[]).filter((s): s is Interest => (interests as readonly string[]).includes(s));

// ---- Photos ----

/** What the form says about a photo it cannot take, specific to the problem. */
export function photoProblemMessage(problem: 'empty' | 'too_large' | 'wrong_type' | 'too_many_pixels' | 'unreadable', locale: Locale, maxMb: number): string {
	const o = { locale };
	switch (problem) {
		case 'empty':
			return m.stories_photo_err_empty({}, o);
		case 'too_large':
			return m.stories_photo_err_too_large({ mb: maxMb }, o);
		case 'wrong_type':
			return m.stories_photo_err_wrong_type({}, o);
		case 'too_many_pixels':
			return m.stories_photo_err_too_many_pixels({}, o);
		case 'unreadable':
			return m.stories_photo_err_unreadable({}, o);
	}
}
