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
