import { z } from 'zod';

export const opportunityKinds = ['internship', 'apprenticeship', 'job_shadow', 'mentoring', 'site_visit', 'speaker', 'externship', 'scholarship'] as const;
export type OpportunityKind = (typeof opportunityKinds)[number];
export const audiences = ['youth', 'educators'] as const;
export const payKinds = ['paid', 'stipend', 'unpaid'] as const;
export const payPeriods = ['hour', 'week', 'month', 'total'] as const;
/** Focus populations a poster may especially welcome; a welcome, never a requirement. */
export const focusPopulations = ['black', 'hispanic', 'indigenous', 'women_girls', 'first_generation', 'low_income', 'disability', 'english_learner'] as const;
export const applicationStatuses = ['submitted', 'reviewing', 'accepted', 'declined', 'placed'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Kindergarten is grade 0; 13 means "after high school" (college, adult learners). */
export const GRADE_MIN = 0;
export const GRADE_MAX = 13;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const date = (message: string) => z.string({ message }).refine(validDate, message);
const optionalInt = (min: number, max: number, message: string) =>
	z.coerce.number({ message }).int(message).min(min, message).max(max, message).optional();
const text = (max: number, label: string) => z.string({ message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` }).max(max, `${label} can have at most ${max} characters.`);
const list = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.enum(values, { message })));

/** What a partner fills in to post an opportunity. Forms send strings; lists may repeat a field. */
export const opportunitySchema = z
	.object({
		kind: z.enum(opportunityKinds, { message: 'Choose what kind of opportunity this is.' }),
		audience: z.enum(audiences, { message: 'Choose who the opportunity is for.' }),
		title: text(140, 'The title').min(4, 'Give the opportunity a title of at least 4 characters.'),
		title_es: text(140, 'The Spanish title').optional(),
		description_md: text(8000, 'The description').min(20, 'Describe the opportunity in at least 20 characters.'),
		description_md_es: text(8000, 'The Spanish description').optional(),
		occupation_code: z.string().regex(/^\d{2}-\d{4}\.\d{2}$/, 'Choose a STEM career from the list.').optional(),
		min_age: optionalInt(5, 99, 'Enter the youngest age as a whole number from 5 to 99.'),
		max_age: optionalInt(5, 99, 'Enter the oldest age as a whole number from 5 to 99.'),
		min_grade: optionalInt(GRADE_MIN, GRADE_MAX, 'Choose the lowest grade from the list.'),
		max_grade: optionalInt(GRADE_MIN, GRADE_MAX, 'Choose the highest grade from the list.'),
		zip_codes: z
			.string()
			.optional()
			.transform((v) => [...new Set((v ?? '').split(/[\s,;]+/).filter(Boolean))])
			.pipe(z.array(z.string().regex(/^\d{5}$/, 'List 5-digit ZIP codes separated by commas.')).max(200, 'List at most 200 ZIP codes.')),
		focus: list(focusPopulations, 'Choose focus populations from the list.'),
		location: text(160, 'The location').optional().transform((v) => v ?? ''),
		pay_kind: z.enum(payKinds, { message: 'Say whether it is paid, has a stipend, or is unpaid.' }),
		pay_amount: optionalInt(0, 1_000_000, 'Enter the pay as a whole number of dollars.'),
		pay_period: z.enum(payPeriods, { message: 'Choose what the pay amount is for.' }).optional(),
		starts_on: date('Enter the start date as YYYY-MM-DD.').optional(),
		ends_on: date('Enter the end date as YYYY-MM-DD.').optional(),
		deadline: date('Enter the application deadline as YYYY-MM-DD.'),
		places: z.coerce.number({ message: 'Enter how many places there are.' }).int('Enter how many places there are, as a whole number.').min(1, 'There must be at least 1 place.').max(10_000, 'Enter at most 10,000 places.')
	})
	.superRefine(
		(v, ctx) => {
			const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
			const both = <T>(a: T | undefined, b: T | undefined) => typeof a === typeof b && a !== undefined && b !== undefined;
			if (both(v.min_age, v.max_age) && v.min_age! > v.max_age!) issue('max_age', 'The oldest age must not be below the youngest age.');
			if (both(v.min_grade, v.max_grade) && v.min_grade! > v.max_grade!) issue('max_grade', 'The highest grade must not be below the lowest grade.');
			if (both(v.starts_on, v.ends_on) && v.starts_on! > v.ends_on!) issue('ends_on', 'The end date must be on or after the start date.');
			if (payKinds.includes(v.pay_kind) && v.pay_kind !== 'unpaid') {
				if (v.pay_amount === undefined) issue('pay_amount', 'Enter the pay or stipend in dollars.');
				else if (!v.pay_period) issue('pay_period', 'Choose what the pay amount is for.');
			}
		},
		// Cross-field rules run even when other fields failed, so the form lists every problem at once.
		{ when: () => true }
	);
export type OpportunityInput = z.infer<typeof opportunitySchema>;

/** The short application form: contact details, the facts eligibility needs, a few words. */
export const applicationSchema = z.object({
	name: text(120, 'Your name').min(2, 'Enter your name.'),
	email: z.email({ message: 'Enter an email address such as name@example.org so the poster can reply.' }).transform((v) => v.toLowerCase()),
	phone: z.string().regex(/^[0-9+().\-\s]{7,25}$/, 'Enter a phone number using digits, spaces, dashes or brackets.').optional(),
	age: optionalInt(5, 99, 'Enter your age as a whole number.'),
	grade: optionalInt(GRADE_MIN, GRADE_MAX, 'Choose your grade from the list.'),
	zip: z.string().regex(/^\d{5}$/, 'Enter your 5-digit ZIP code.').optional(),
	statement: text(2000, 'Your note').optional().transform((v) => v ?? ''),
	locale: z.enum(['en', 'es']).default('en')
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

export const reviewSchema = z.object({
	status: z.enum(applicationStatuses, { message: 'Choose a status from the list.' }),
	notes: text(4000, 'The notes').optional().transform((v) => v ?? '')
});

export const messageSchema = z.object({
	subject: text(160, 'The subject').min(2, 'Enter a subject.'),
	body: text(5000, 'The message').min(2, 'Write the message.')
});

/** The search form on the public list; anything unrecognised is ignored rather than refused. */
export interface OpportunitySearch {
	q: string;
	kind: OpportunityKind | null;
	area: string | null;
	audience: (typeof audiences)[number] | null;
	age: number | null;
	paidOnly: boolean;
}

export function parseSearch(params: URLSearchParams): OpportunitySearch {
	const kind = params.get('kind') ?? '';
	const audience = params.get('audience') ?? '';
	const age = Number(params.get('age') ?? '');
	return {
		q: (params.get('q') ?? '').trim().slice(0, 100),
		kind: (opportunityKinds as readonly string[]).includes(kind) ? (kind as OpportunityKind) : null,
		area: /^\d{2}$/.test(params.get('area') ?? '') ? params.get('area') : null,
		audience: (audiences as readonly string[]).includes(audience) ? (audience as 'youth' | 'educators') : null,
		age: Number.isInteger(age) && age >= 5 && age <= 99 ? age : null,
		paidOnly: params.get('paid') === '1'
	};
}

export interface EligibilityRules {
	min_age: number | null;
	max_age: number | null;
	min_grade: number | null;
	max_grade: number | null;
	zipCodes: string[];
}

export interface Applicant {
	age?: number;
	grade?: number;
	zip?: string;
}

/** Why someone cannot apply, as codes the page turns into sentences in the reader's language. */
export type IneligibleReason =
	| { code: 'age_missing' }
	| { code: 'too_young'; min: number }
	| { code: 'too_old'; max: number }
	| { code: 'grade_missing' }
	| { code: 'grade_below'; min: number }
	| { code: 'grade_above'; max: number }
	| { code: 'zip_missing' }
	| { code: 'outside_area' };

/**
 * Every eligibility rule the applicant does not meet (empty when eligible). An opportunity with an
 * age, grade or ZIP rule needs that fact from the applicant; one without asks for nothing.
 * Focus populations are welcomes, never rules, so they are not checked.
 */
export function eligibility(rules: EligibilityRules, applicant: Applicant): IneligibleReason[] {
	const reasons: IneligibleReason[] = [];
	if (rules.min_age !== null || rules.max_age !== null) {
		if (applicant.age === undefined) reasons.push({ code: 'age_missing' });
		else if (rules.min_age !== null && applicant.age < rules.min_age) reasons.push({ code: 'too_young', min: rules.min_age });
		else if (rules.max_age !== null && applicant.age > rules.max_age) reasons.push({ code: 'too_old', max: rules.max_age });
	}
	if (rules.min_grade !== null || rules.max_grade !== null) {
		if (applicant.grade === undefined) reasons.push({ code: 'grade_missing' });
		else if (rules.min_grade !== null && applicant.grade < rules.min_grade) reasons.push({ code: 'grade_below', min: rules.min_grade });
		else if (rules.max_grade !== null && applicant.grade > rules.max_grade) reasons.push({ code: 'grade_above', max: rules.max_grade });
	}
	if (rules.zipCodes.length > 0) {
		if (!applicant.zip) reasons.push({ code: 'zip_missing' });
		else if (!rules.zipCodes.includes(applicant.zip)) reasons.push({ code: 'outside_area' });
	}
	return reasons;
}

/** Today's date in UTC as YYYY-MM-DD: deadlines are dates, open through their whole day. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Open means not closed by the poster or the sweep, and the deadline day not yet over. */
export function isOpen(opportunity: { closed_at: string | null; deadline: string }, today: string): boolean {
	return opportunity.closed_at === null && opportunity.deadline >= today;
}

/** Statuses that count as reported placements. */
export const isPlacement = (status: string): boolean => status === 'placed';
