/**
 * The common agenda's pure core: form schemas with plain-language messages and small rules
 * (no I/O). The forecast and on-track logic is in turn-the-curve.ts.
 */
import { z } from 'zod';
import { groupKeyProblem } from '../metrics/metrics.js';
import { cleanSeries, polarities, type Point } from './turn-the-curve.js';

export const indicatorSources = ['access_index', 'manual'] as const;
export const indicatorUnits = ['index', 'people', 'percent', 'number'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];
export const actionStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const measureKinds = ['how_much', 'how_well', 'better_off'] as const;
export const defaultTargetYear = 2030;

const text = (label: string, min: number, max: number) =>
	z
		.string({ message: `Enter ${label}.` })
		.min(min, min === 1 ? `Enter ${label}.` : `${capitalise(label)} needs at least ${min} characters.`)
		.max(max, `${capitalise(label)} can have at most ${max} characters.`);
const optionalText = (label: string, max: number) => z.string().max(max, `${capitalise(label)} can have at most ${max} characters.`).optional();
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const year = (label: string) =>
	z.coerce.number({ message: `Enter ${label} as a year such as 2026.` }).int(`Enter ${label} as a whole year such as 2026.`).min(2000, `${capitalise(label)} must be 2000 or later.`).max(2100, `${capitalise(label)} must be 2100 or earlier.`);
const optionalYear = (label: string) =>
	z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (v === undefined) return undefined;
			const parsed = year(label).safeParse(v);
			if (!parsed.success) {
				ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
				return z.NEVER;
			}
			return parsed.data;
		});
const optionalNumber = (label: string) =>
	z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (v === undefined) return null;
			const n = Number(v.replace(',', '.'));
			if (!Number.isFinite(n)) {
				ctx.addIssue({ code: 'custom', message: `Enter ${label} as a number such as 0.85.` });
				return z.NEVER;
			}
			return n;
		});

/**
 * "Year: value" lines (also "year value" or "year,value"; lines or semicolons), e.g. "2027: 0.7".
 * Every bad line is reported with its number and what to write instead.
 */
export function parseYearValues(input: string | undefined, label: string): { points: Point[]; problems: string[] } {
	const points: Point[] = [];
	const problems: string[] = [];
	const seen = new Set<number>();
	const lines = (input ?? '').split(/[\n;]+/).map((l) => l.trim());
	lines.forEach((line, i) => {
		if (line === '') return;
		const match = /^(\d{4})\s*[:=,\s]\s*(-?\d+(?:[.,]\d+)?)$/.exec(line);
		if (!match) {
			problems.push(`${label}, line ${i + 1} (“${line}”): write a year and a value, such as “2027: 0.7”.`);
			return;
		}
		const y = Number(match[1]);
		if (seen.has(y)) problems.push(`${label}, line ${i + 1}: ${y} appears more than once.`);
		seen.add(y);
		points.push({ year: y, value: Number(match[2]!.replace(',', '.')) });
	});
	return { points: cleanSeries(points), problems };
}

const yearValues = (label: string) =>
	z
		.string()
		.optional()
		.transform((v, ctx) => {
			const { points, problems } = parseYearValues(v, label);
			for (const message of problems) ctx.addIssue({ code: 'custom', message });
			return points;
		});

const published = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'yes' || v === 'true');

export const resultSchema = z.object({
	title: text('a title', 3, 200),
	title_es: optionalText('the Spanish title', 200),
	statement: text('the result in plain language', 10, 1000),
	statement_es: optionalText('the Spanish statement', 1000),
	published
});
export type ResultInput = z.infer<typeof resultSchema>;

export const indicatorSchema = z
	.object({
		result_id: z.string({ message: 'Choose the result this indicator measures.' }).min(1, 'Choose the result this indicator measures.'),
		name: text('a name', 3, 200),
		name_es: optionalText('the Spanish name', 200),
		source: z.enum(indicatorSources, { message: 'Choose where the numbers come from.' }),
		metric_id: z.string().optional(),
		group_key: z.string().optional(),
		unit: z.enum(indicatorUnits, { message: 'Choose a unit.' }),
		polarity: z.enum(polarities, { message: 'Choose whether up or down is good.' }),
		baseline_year: optionalYear('the baseline year'),
		baseline_value: optionalNumber('the baseline value'),
		target_year: year('the target year'),
		final_target: optionalNumber('the final target'),
		targets: yearValues('Yearly targets'),
		values: yearValues('Values'),
		forecast_window: z.coerce
			.number({ message: 'Enter how many recent points the forecast uses (2 to 20).' })
			.int('Enter a whole number of points.')
			.min(2, 'The forecast needs at least 2 points.')
			.max(20, 'The forecast can use at most 20 points.')
			.default(5),
		story_md: optionalText('the story behind the curve', 8000).transform((v) => v ?? ''),
		story_md_es: optionalText('the Spanish story', 8000)
	})
	// Runs even when some fields failed, so the form lists every problem at once; fields that
	// failed are skipped by the checks below (they are not the type the schema promises then).
	.superRefine(
		(v, ctx) => {
			const targetYear = typeof v.target_year === 'number' && Number.isInteger(v.target_year) ? v.target_year : null;
			const baselineYear = typeof v.baseline_year === 'number' ? v.baseline_year : undefined;
			const targets = Array.isArray(v.targets) ? v.targets : [];
			if (v.source === 'access_index') {
				if (!v.metric_id) ctx.addIssue({ code: 'custom', path: ['metric_id'], message: 'Choose the metric whose Access Index this indicator follows.' });
				const problem = v.group_key ? groupKeyProblem(v.group_key) : 'Choose the group, such as black or hispanic:female.';
				if (problem) ctx.addIssue({ code: 'custom', path: ['group_key'], message: problem });
				if (Array.isArray(v.values) && v.values.length) {
					ctx.addIssue({ code: 'custom', path: ['values'], message: 'An Access Index indicator reads its values from shared measurement; leave the values empty.' });
				}
			}
			if (v.source === 'manual' && (baselineYear === undefined) !== (v.baseline_value === null)) {
				ctx.addIssue({ code: 'custom', path: ['baseline_value'], message: 'Give both the baseline year and its value, or neither.' });
			}
			if (targetYear !== null && baselineYear !== undefined && baselineYear >= targetYear) {
				ctx.addIssue({ code: 'custom', path: ['target_year'], message: 'The target year must come after the baseline year.' });
			}
			for (const t of targets) {
				if (targetYear !== null && t.year > targetYear) ctx.addIssue({ code: 'custom', path: ['targets'], message: `The target for ${t.year} is after the target year ${targetYear}.` });
				if (baselineYear !== undefined && t.year <= baselineYear) {
					ctx.addIssue({ code: 'custom', path: ['targets'], message: `The target for ${t.year} is not after the baseline year ${baselineYear}.` });
				}
			}
			if (typeof v.final_target === 'number' && targets.length) {
				ctx.addIssue({ code: 'custom', path: ['final_target'], message: 'Either list the yearly targets or give a final target to fill them in, not both.' });
			}
			if (typeof v.final_target === 'number' && baselineYear === undefined) {
				ctx.addIssue({ code: 'custom', path: ['final_target'], message: 'Filling in targets needs a baseline year to start from.' });
			}
		},
		{ when: () => true }
	);
export type IndicatorInput = z.infer<typeof indicatorSchema>;

export const strategySchema = z.object({
	result_id: z.string({ message: 'Choose the result this strategy serves.' }).min(1, 'Choose the result this strategy serves.'),
	title: text('a title', 3, 200),
	title_es: optionalText('the Spanish title', 200),
	description: optionalText('the description', 4000).transform((v) => v ?? ''),
	description_es: optionalText('the Spanish description', 4000)
});
export type StrategyInput = z.infer<typeof strategySchema>;

export const actionSchema = z.object({
	result_id: z.string({ message: 'Choose the result this action serves.' }).min(1, 'Choose the result this action serves.'),
	indicator_id: z.string().optional(),
	title: text('what will be done', 3, 300),
	owner_user_id: z.string({ message: 'Choose who owns this action.' }).min(1, 'Choose who owns this action.'),
	due_on: z.iso.date({ message: 'Enter the due date as YYYY-MM-DD, such as 2027-03-31.' }),
	status: z.enum(actionStatuses, { message: 'Choose a status.' }).default('planned'),
	notes: optionalText('the notes', 2000).transform((v) => v ?? '')
});
export type ActionInput = z.infer<typeof actionSchema>;

export const actionStatusSchema = z.object({
	status: z.enum(actionStatuses, { message: 'Choose a status.' })
});

export const activitySchema = z.object({
	strategy_id: z.string({ message: 'Choose the strategy this activity contributes to.' }).min(1, 'Choose the strategy this activity contributes to.'),
	name: text('a name', 3, 200),
	name_es: optionalText('the Spanish name', 200),
	description: optionalText('the description', 2000).transform((v) => v ?? ''),
	description_es: optionalText('the Spanish description', 2000)
});
export type ActivityInput = z.infer<typeof activitySchema>;

export const measureSchema = z.object({
	activity_id: z.string({ message: 'Choose the activity this measure belongs to.' }).min(1, 'Choose the activity this measure belongs to.'),
	name: text('a name', 3, 200),
	name_es: optionalText('the Spanish name', 200),
	kind: z.enum(measureKinds, { message: 'Choose which question the measure answers.' }),
	polarity: z.enum(polarities, { message: 'Choose whether up or down is good.' }),
	values: yearValues('Values')
});
export type MeasureInput = z.infer<typeof measureSchema>;

/** Open actions past their due date (`today` is YYYY-MM-DD in UTC). */
export function isOverdue(action: { status: string; due_on: string }, today: string): boolean {
	return (action.status === 'planned' || action.status === 'in_progress') && action.due_on < today;
}

export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

/** Rows a year-value series is stored as, and back. */
export const formatYearValues = (points: readonly Point[]): string => points.map((p) => `${p.year}: ${p.value}`).join('\n');

const week = 7 * 24 * 3600 * 1000;

/**
 * An open action's owner is reminded when it is overdue or due within a week, at most once a
 * week (so pressing "send reminders" twice does not send twice).
 */
export function needsReminder(action: { status: string; due_on: string; reminded_at: string | null }, now: Date): boolean {
	if (action.status !== 'planned' && action.status !== 'in_progress') return false;
	if (action.due_on > todayUtc(new Date(now.getTime() + week))) return false;
	return action.reminded_at === null || new Date(action.reminded_at).getTime() <= now.getTime() - week;
}
