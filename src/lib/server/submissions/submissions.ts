/**
 * Partner data submissions: the cells a partner reports to a collection cycle (metric × group ×
 * count), checked against the cycle's metrics and each metric's breakdowns. Pure: no I/O.
 *
 * Every way in (web grid, CSV, JSON API, participant rows aggregated by Parity) ends as a list of
 * raw cells checked here, so the rules and their plain-language messages are the same for all.
 */
import { z } from 'zod';
import {
	ageBands,
	gradeBands,
	groupKeyDimensions,
	groupKeyProblem,
	parseDisaggregations,
	raceEthnicityGroups,
	sexGroups,
	yesNoDisaggregations,
	type Disaggregation,
	type MetricUnit
} from '../metrics/metrics.js';
import { suppressYear } from '../dashboard/dashboard.js';
import { isSmallCount, isSuppressed, suppressGroupCounts } from '../measurement/suppression.js';

export const submissionMethods = ['grid', 'csv', 'api', 'participants'] as const;
export type SubmissionMethod = (typeof submissionMethods)[number];

/** Units that add up across partners, so a cycle can ask for them and dashboards can sum them. */
export const summableUnits: readonly MetricUnit[] = ['people', 'hours'];

/** What a cycle asks for: one metric with its breakdowns. */
export interface CycleMetric {
	id: string;
	slug: string;
	name: string;
	unit: MetricUnit;
	disaggregations: Disaggregation[];
}

export function cycleMetricOf(row: { id: string; slug: string; name: string; unit: MetricUnit; disaggregations_json: string }): CycleMetric {
	return { id: row.id, slug: row.slug, name: row.name, unit: row.unit, disaggregations: parseDisaggregations(row.disaggregations_json) };
}

/**
 * One cell as it arrived. `metric` is the metric's web address (slug) or id; `value` is the text
 * typed or read (blank: not reported, left out) or a number from JSON. `row` is the CSV line or
 * the position in an API list, for messages.
 */
export interface RawCell {
	row?: number;
	metric: string;
	group: string;
	value: string | number | null | undefined;
}

export interface Cell {
	metricId: string;
	groupKey: string;
	value: number;
}

/** One problem, located: row (CSV line or list position), column, the value as given, and why. */
export interface CellProblem {
	row?: number;
	column: 'metric' | 'group' | 'value' | 'file';
	value?: string;
	message: string;
	/** The web grid's input the problem belongs to, so the form can point at it. */
	field?: string;
}

export type CellsOutcome = { ok: true; cells: Cell[] } | { ok: false; problems: CellProblem[] };

/** The largest count accepted in one cell: more people than live on Earth is a typing mistake. */
export const MAX_CELL_VALUE = 1e10;

/** Whether a metric with these breakdowns can hold a cell for this group key, or why not. */
export function groupAllowedProblem(groupKey: string, metric: Pick<CycleMetric, 'name' | 'disaggregations'>): string | null {
	const found = groupKeyDimensions(groupKey);
	if (!found.ok) return found.problem;
	const missing = found.dimensions.filter((d) => !metric.disaggregations.includes(d));
	if (missing.length === 0) return null;
	const allowed = metric.disaggregations.length > 0 ? `it is broken down by ${metric.disaggregations.join(', ')}` : 'it is only counted for all (no breakdowns)';
	return `“${metric.name}” is not broken down by ${missing.join(' and ')}: ${allowed}.`;
}

function parseValue(raw: RawCell['value'], unit: MetricUnit): { value: number } | { blank: true } | { problem: string } {
	if (raw === null || raw === undefined) return { blank: true };
	const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(/(?<=\d),(?=\d{3}\b)/g, '');
	if (text === '') return { blank: true };
	if (!/^-?\d+(\.\d+)?$/.test(text)) return { problem: 'Write a number, like 42 (digits only; leave it blank if you did not count it).' };
	const value = Number(text);
	if (value < 0) return { problem: 'A count cannot be negative.' };
	if (unit === 'people' && !Number.isInteger(value)) return { problem: 'Count whole people: write a whole number, like 42.' };
	if (value > MAX_CELL_VALUE) return { problem: 'This number is too large to be a count; check for extra digits.' };
	return { value };
}

/**
 * Checks every raw cell against the cycle's metrics and returns all problems at once, or the
 * cells to store. Blank values are "not reported" and left out; a duplicate metric × group is a
 * problem on the later row; a submission with no values at all is refused.
 */
export function validateCells(raw: readonly RawCell[], metrics: readonly CycleMetric[]): CellsOutcome {
	const problems: CellProblem[] = [];
	const cells: Cell[] = [];
	const seen = new Map<string, number | undefined>();
	const byKey = new Map<string, CycleMetric>();
	for (const metric of metrics) {
		byKey.set(metric.slug, metric);
		byKey.set(metric.id, metric);
	}
	raw.forEach((cell, index) => {
		const row = cell.row ?? index + 1;
		const metricText = cell.metric.trim();
		const groupText = cell.group.trim();
		const metric = byKey.get(metricText);
		if (!metric) {
			problems.push({
				row,
				column: 'metric',
				value: metricText,
				message: metricText === ''
					? 'Say which metric this count is for.'
					: `This cycle does not ask for “${metricText}”. Use one of: ${metrics.map((m) => m.slug).join(', ')}.`
			});
		}
		const groupProblem =
			groupText === '' ? 'Say which group this count is for, like all, female or black:female.' : metric ? groupAllowedProblem(groupText, metric) : groupKeyProblem(groupText);
		if (groupProblem) problems.push({ row, column: 'group', value: groupText, message: groupProblem });
		const parsed = parseValue(cell.value, metric?.unit ?? 'people');
		if ('problem' in parsed) problems.push({ row, column: 'value', value: String(cell.value ?? ''), message: parsed.problem });
		if (!metric || groupProblem || !('value' in parsed)) return;
		const key = `${metric.id}\u0000${groupText}`;
		if (seen.has(key)) {
			const first = seen.get(key);
			problems.push({ row, column: 'group', value: groupText, message: `“${metric.slug}” for ${groupText} is given twice${first !== undefined ? ` (first on row ${first})` : ''}; keep one.` });
			return;
		}
		seen.set(key, row);
		cells.push({ metricId: metric.id, groupKey: groupText, value: parsed.value });
	});
	if (problems.length === 0 && cells.length === 0) {
		problems.push({ column: 'file', message: 'There are no numbers to submit: fill in at least one count.' });
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}

/** “row 4, column value (“abc”): why” — one line per problem, for logs, emails and API errors. */
export function describeCellProblem(p: CellProblem): string {
	const where = [p.row !== undefined ? `row ${p.row}` : undefined, p.column !== 'file' ? `column ${p.column}` : undefined].filter(Boolean).join(', ');
	const value = p.value !== undefined ? ` (“${p.value}”)` : '';
	return where ? `${where}${value}: ${p.message}` : p.message;
}

// ---------------------------------------------------------------------------------------------
// The groups a grid or template offers

const namedGroups: Record<Exclude<Disaggregation, 'race_ethnicity' | 'sex' | 'zip'>, readonly string[]> = {
	disability: ['yes', 'no'],
	english_learner: ['yes', 'no'],
	low_income: ['yes', 'no'],
	grade_band: gradeBands,
	age_band: ageBands
};

/**
 * The group keys a metric's grid and CSV template list: all; each category of each breakdown;
 * race/ethnicity × sex when the metric has both. ZIP codes cannot be listed in advance: partners
 * add `zip=…` rows to the CSV (or send them through the API).
 */
export function templateGroups(disaggregationsOf: readonly Disaggregation[]): string[] {
	const keys = ['all'];
	const has = (d: Disaggregation) => disaggregationsOf.includes(d);
	if (has('race_ethnicity')) keys.push(...raceEthnicityGroups);
	if (has('sex')) keys.push(...sexGroups);
	if (has('race_ethnicity') && has('sex')) for (const race of raceEthnicityGroups) for (const sex of sexGroups) keys.push(`${race}:${sex}`);
	for (const name of yesNoDisaggregations) if (has(name)) keys.push(...namedGroups[name].map((v) => `${name}=${v}`));
	if (has('grade_band')) keys.push(...namedGroups.grade_band.map((v) => `grade_band=${v}`));
	if (has('age_band')) keys.push(...namedGroups.age_band.map((v) => `age_band=${v}`));
	return keys;
}

// ---------------------------------------------------------------------------------------------
// Reviews

export const reviewSchema = z.object({
	decision: z.enum(['accept', 'return'], { message: 'Choose to accept or to return the submission.' }),
	comment: z.string().max(2000, 'The comment can have at most 2000 characters.').optional().transform((v) => v ?? '')
}).refine((r) => r.decision === 'accept' || r.comment.trim().length >= 5, {
	message: 'Say what the partner should fix (at least 5 characters) when you return a submission.',
	path: ['comment']
});
export type ReviewInput = z.infer<typeof reviewSchema>;

// ---------------------------------------------------------------------------------------------
// Collection cycles

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (label: string) =>
	z
		.string({ message: `Enter the ${label} as a date.` })
		.refine((v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `Enter the ${label} as a date, like 2026-06-30.`);

const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)));

export const cycleSchema = z
	.object({
		name: z.string({ message: 'Name the cycle, like “2025–26 school year”.' }).min(3, 'The name needs at least 3 characters.').max(160, 'The name can have at most 160 characters.'),
		year: z.coerce
			.number({ message: 'Enter the year the numbers count for, like 2026.' })
			.int('Enter the year as a whole number, like 2026.')
			.min(2000, 'Enter a year from 2000 to 2100.')
			.max(2100, 'Enter a year from 2000 to 2100.'),
		period_start: isoDate('start of the period'),
		period_end: isoDate('end of the period'),
		due_on: isoDate('due date'),
		instructions: z.string().max(4000, 'The instructions can have at most 4000 characters.').optional().transform((v) => v ?? ''),
		metric_ids: idList.refine((list) => list.length > 0, 'Choose at least one metric to collect.'),
		partner_ids: idList,
		sectors: idList,
		all_partners: z.string().optional()
	})
	.refine((c) => c.period_end >= c.period_start, { message: 'The period must end on or after the day it starts.', path: ['period_end'] });
export type CycleInput = z.infer<typeof cycleSchema>;

export const NO_PARTNERS_CHOSEN = 'Choose the partners to ask: all, whole sectors, or partners one by one.';

/** When the form itself is invalid, whether the partner choice is missing too (so every problem shows at once). */
export function partnerChoiceIssues(input: unknown): { field: string; message: string }[] {
	const raw = (input ?? {}) as Record<string, unknown>;
	const chosen = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v !== '');
	return chosen(raw.all_partners) || chosen(raw.partner_ids) || chosen(raw.sectors) ? [] : [{ field: 'partner_ids', message: NO_PARTNERS_CHOSEN }];
}

/** The partners a cycle asks: everyone, or the chosen ones plus every partner of the chosen sectors. */
export function selectPartners(input: Pick<CycleInput, 'partner_ids' | 'sectors' | 'all_partners'>, partners: readonly { id: string; sector: string }[]): string[] {
	if (input.all_partners) return partners.map((p) => p.id);
	return partners.filter((p) => input.partner_ids.includes(p.id) || input.sectors.includes(p.sector)).map((p) => p.id);
}

/** A partner's place on the status board: its latest version's status, or nothing yet; late when nothing usable arrived by the due date. */
export type BoardStatus = 'not_submitted' | 'submitted' | 'accepted' | 'returned';

export function boardStatus(latest: { status: string } | undefined): BoardStatus {
	if (!latest) return 'not_submitted';
	return latest.status === 'accepted' || latest.status === 'returned' ? latest.status : 'submitted';
}

/** Late: the due date has passed and the partner has nothing in, or only a returned version. */
export function isLate(status: BoardStatus, dueOn: string, today: string): boolean {
	return (status === 'not_submitted' || status === 'returned') && dueOn < today;
}

// ---------------------------------------------------------------------------------------------
// Rollups: what the network's numbers are

export interface AcceptedCell {
	partnerId: string;
	submissionId: string;
	/** Cycle order: its due date, then the version within the cycle. */
	dueOn: string;
	version: number;
	metricId: string;
	groupKey: string;
	value: number;
}

/**
 * The cells that count for each partner and metric: those of the partner's latest accepted
 * submission that holds the metric (latest cycle first, then latest version). A newer version
 * that is not yet accepted does not replace an accepted one.
 */
export function latestAccepted(cells: readonly AcceptedCell[]): AcceptedCell[] {
	const best = new Map<string, { dueOn: string; version: number; submissionId: string }>();
	for (const c of cells) {
		const key = `${c.partnerId}\u0000${c.metricId}`;
		const current = best.get(key);
		if (!current || c.dueOn > current.dueOn || (c.dueOn === current.dueOn && c.version > current.version)) {
			best.set(key, { dueOn: c.dueOn, version: c.version, submissionId: c.submissionId });
		}
	}
	return cells.filter((c) => best.get(`${c.partnerId}\u0000${c.metricId}`)?.submissionId === c.submissionId);
}

/** The network's value of each metric and group: the sum over partners, and how many partners reported it. */
export function sumByMetricGroup(cells: readonly Pick<AcceptedCell, 'partnerId' | 'metricId' | 'groupKey' | 'value'>[]): Map<string, Map<string, { value: number; partners: number }>> {
	const out = new Map<string, Map<string, { value: number; partners: number }>>();
	for (const c of cells) {
		const groups = out.get(c.metricId) ?? new Map<string, { value: number; partners: number }>();
		const sum = groups.get(c.groupKey) ?? { value: 0, partners: 0 };
		groups.set(c.groupKey, { value: sum.value + c.value, partners: sum.partners + 1 });
		out.set(c.metricId, groups);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Data-quality flags

export type QualityFlag =
	| { kind: 'jump'; metricId: string; groupKey: string; value: number; previous: number }
	| { kind: 'exceeds_total'; metricId: string; groupKey: string; value: number; total: number; totalKey: string }
	| { kind: 'missing_total'; metricId: string }
	| { kind: 'missing_metric'; metricId: string }
	/** Groups the previous accepted numbers had and this version leaves blank. */
	| { kind: 'missing_groups'; metricId: string; missing: number; expected: number };

/** Changes smaller than this are noise, however many times bigger: 2 → 20 is not a warning sign. */
export const JUMP_MINIMUM = 20;

/**
 * Warning signs in one submission, for backbone staff (they do not block it): a group's count
 * tenfold up or down since the partner's previous accepted numbers; a group larger than the
 * total it is part of (black:female larger than black or than female; any group larger than
 * all); a metric with no total, no numbers at all, or groups the partner reported last time
 * left blank this time.
 */
export function qualityFlags(args: {
	metrics: readonly Pick<CycleMetric, 'id'>[];
	cells: readonly Cell[];
	previous: readonly Cell[];
}): QualityFlag[] {
	const flags: QualityFlag[] = [];
	for (const metric of args.metrics) {
		const mine = new Map(args.cells.filter((c) => c.metricId === metric.id).map((c) => [c.groupKey, c.value]));
		if (mine.size === 0) {
			flags.push({ kind: 'missing_metric', metricId: metric.id });
			continue;
		}
		if (!mine.has('all')) flags.push({ kind: 'missing_total', metricId: metric.id });
		const before = new Map(args.previous.filter((c) => c.metricId === metric.id).map((c) => [c.groupKey, c.value]));
		const dropped = [...before.keys()].filter((k) => !mine.has(k)).length;
		if (dropped > 0) flags.push({ kind: 'missing_groups', metricId: metric.id, missing: dropped, expected: before.size });
		for (const [groupKey, value] of mine) {
			if (groupKey === 'all') continue;
			const parts = groupKey.split(':');
			const totals = parts.length > 1 ? ['all', ...parts] : ['all'];
			for (const totalKey of totals) {
				const total = mine.get(totalKey);
				if (total !== undefined && value > total) {
					flags.push({ kind: 'exceeds_total', metricId: metric.id, groupKey, value, total, totalKey });
					break;
				}
			}
		}
		for (const [groupKey, value] of mine) {
			const previous = before.get(groupKey);
			if (previous === undefined || Math.max(value, previous) < JUMP_MINIMUM) continue;
			if (value >= previous * 10 || previous >= value * 10) flags.push({ kind: 'jump', metricId: metric.id, groupKey, value, previous });
		}
	}
	return flags;
}

// ---------------------------------------------------------------------------------------------
// Suppression of partner figures with every breakdown

/** Keys the public dashboard tabulates: all, race/ethnicity, sex and race × sex. */
export function isPublicGroupKey(key: string): boolean {
	const found = groupKeyDimensions(key);
	return found.ok && found.dimensions.every((d) => d === 'race_ethnicity' || d === 'sex');
}

/**
 * One year of one metric, every breakdown, ready to show beside other figures. All, race/ethnicity,
 * sex and race × sex are suppressed as the public dashboard does (one table, complementary
 * suppression; sex alone as groups of the total). Every other family of keys (the ZIP codes; disability yes/no; low-income women …)
 * is suppressed cautiously: one small count hides every non-zero count of that family.
 */
export function suppressByFamily(figures: ReadonlyMap<string, number>, threshold: number): Map<string, number | 'suppressed'> {
	const out = new Map<string, number | 'suppressed'>();
	const families = new Map<string, [string, number][]>();
	for (const [key, value] of figures) {
		const found = groupKeyDimensions(key);
		const family = !found.ok ? `?${key}` : isPublicGroupKey(key) ? '' : found.dimensions.join('+');
		families.set(family, [...(families.get(family) ?? []), [key, value]]);
	}
	for (const [family, members] of families) {
		const total = figures.get('all');
		const sexOnly = family === '' && total !== undefined && members.every(([key]) => key === 'all' || (sexGroups as readonly string[]).includes(key));
		if (sexOnly && members.length > 1) {
			try {
				const parts = members.filter(([key]) => key !== 'all');
				const published = suppressGroupCounts({ groups: parts.map(([key, count]) => ({ key, count })), total, threshold });
				published.groups.forEach(({ key, cell }) => out.set(key, isSuppressed(cell) ? 'suppressed' : cell.value));
				out.set('all', isSuppressed(published.total) ? 'suppressed' : published.total.value);
				continue;
			} catch (error) {
				if (!(error instanceof RangeError)) throw error;
				// Women and men counted more than everyone: fall through to the dashboard's cautious rule.
			}
		}
		if (family === '') {
			const published = suppressYear(new Map(members.map(([key, value]) => [key, { value, moe: null }])), threshold);
			for (const [key, cell] of published) out.set(key, cell && 'value' in cell ? cell.value : 'suppressed');
			continue;
		}
		const anySmall = members.some(([, value]) => isSmallCount(value, threshold));
		for (const [key, value] of members) out.set(key, anySmall && value !== 0 ? 'suppressed' : value);
	}
	return out;
}
