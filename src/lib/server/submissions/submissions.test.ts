import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { describeCellProblem, groupAllowedProblem, reviewSchema, templateGroups, validateCells, type CycleMetric } from './submissions.js';

const participants: CycleMetric = { id: 'm1', slug: 'ost-participants', name: 'Out-of-school participants', unit: 'people', disaggregations: ['race_ethnicity', 'sex', 'zip', 'low_income'] };
const hours: CycleMetric = { id: 'm2', slug: 'program-hours', name: 'Program hours', unit: 'hours', disaggregations: [] };
const metrics = [participants, hours];

describe('groupAllowedProblem', () => {
	it.each([
		['all', null],
		['black', null],
		['black:female', null],
		['zip=19104', null],
		['female:low_income=yes', null],
		['disability=yes', '“Out-of-school participants” is not broken down by disability: it is broken down by race_ethnicity, sex, zip, low_income.'],
		['black:female:grade_band=6-8', '“Out-of-school participants” is not broken down by grade_band: it is broken down by race_ethnicity, sex, zip, low_income.'],
		['zip=191', '“191” is not a value of zip: write a five-digit ZIP code, like zip=19104.']
	] as const)('%s → %s', (key, problem) => {
		expect(groupAllowedProblem(key, participants)).toBe(problem);
	});

	it('explains that a metric without breakdowns only takes all', () => {
		expect(groupAllowedProblem('female', hours)).toBe('“Program hours” is not broken down by sex: it is only counted for all (no breakdowns).');
	});
});

describe('validateCells', () => {
	it('accepts slugs or ids, skips blanks, strips thousands separators and keeps order', () => {
		const outcome = validateCells(
			[
				{ metric: 'ost-participants', group: 'all', value: '1,204' },
				{ metric: 'm1', group: 'black:female', value: ' 310 ' },
				{ metric: 'ost-participants', group: 'hispanic', value: '' },
				{ metric: 'program-hours', group: 'all', value: 12.5 }
			],
			metrics
		);
		expect(outcome).toEqual({
			ok: true,
			cells: [
				{ metricId: 'm1', groupKey: 'all', value: 1204 },
				{ metricId: 'm1', groupKey: 'black:female', value: 310 },
				{ metricId: 'm2', groupKey: 'all', value: 12.5 }
			]
		});
	});

	it('lists every problem with its row, column, value and why', () => {
		const outcome = validateCells(
			[
				{ row: 2, metric: 'ost-participants', group: 'all', value: 'twelve' },
				{ row: 3, metric: 'volunteers', group: 'all', value: '4' },
				{ row: 4, metric: 'ost-participants', group: 'disability=yes', value: '-3' },
				{ row: 5, metric: 'ost-participants', group: 'black', value: '2.5' },
				{ row: 6, metric: 'ost-participants', group: 'black', value: '20' },
				{ row: 7, metric: 'ost-participants', group: 'black', value: '21' },
				{ row: 8, metric: '', group: '', value: '1' }
			],
			metrics
		);
		expect(outcome.ok).toBe(false);
		const problems = outcome.ok ? [] : outcome.problems;
		expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
			[2, 'value', 'twelve'],
			[3, 'metric', 'volunteers'],
			[4, 'group', 'disability=yes'],
			[4, 'value', '-3'],
			[5, 'value', '2.5'],
			[7, 'group', 'black'],
			[8, 'metric', ''],
			[8, 'group', '']
		]);
		expect(problems.map(describeCellProblem)).toEqual([
			'row 2, column value (“twelve”): Write a number, like 42 (digits only; leave it blank if you did not count it).',
			'row 3, column metric (“volunteers”): This cycle does not ask for “volunteers”. Use one of: ost-participants, program-hours.',
			'row 4, column group (“disability=yes”): “Out-of-school participants” is not broken down by disability: it is broken down by race_ethnicity, sex, zip, low_income.',
			'row 4, column value (“-3”): A count cannot be negative.',
			'row 5, column value (“2.5”): Count whole people: write a whole number, like 42.',
			'row 7, column group (“black”): “ost-participants” for black is given twice (first on row 6); keep one.',
			'row 8, column metric (“”): Say which metric this count is for.',
			'row 8, column group (“”): Say which group this count is for, like all, female or black:female.'
		]);
	});

	it('refuses a submission with no numbers at all', () => {
		expect(validateCells([{ metric: 'ost-participants', group: 'all', value: ' ' }], metrics)).toEqual({
			ok: false,
			problems: [{ column: 'file', message: 'There are no numbers to submit: fill in at least one count.' }]
		});
	});

	it('refuses absurdly large counts', () => {
		expect(validateCells([{ metric: 'ost-participants', group: 'all', value: '99999999999' }], metrics).ok).toBe(false);
	});
});

describe('templateGroups', () => {
	it('offers all, each category and race × sex, never ZIP codes', () => {
		const keys = templateGroups(['race_ethnicity', 'sex', 'zip', 'low_income']);
		expect(keys.slice(0, 2)).toEqual(['all', 'american_indian_alaska_native']);
		expect(keys).toContain('black:female');
		expect(keys).toContain('low_income=yes');
		expect(keys.some((k) => k.startsWith('zip='))).toBe(false);
		expect(keys).toHaveLength(1 + 8 + 2 + 16 + 2);
		expect(templateGroups([])).toEqual(['all']);
		expect(templateGroups(['grade_band'])).toEqual(['all', 'grade_band=prek', 'grade_band=k-2', 'grade_band=3-5', 'grade_band=6-8', 'grade_band=9-12', 'grade_band=postsecondary', 'grade_band=adult']);
	});

	it('offers only keys every metric with those breakdowns accepts', () => {
		const metric = { name: 'x', disaggregations: ['race_ethnicity', 'sex', 'disability', 'english_learner', 'low_income', 'grade_band', 'age_band'] as const };
		for (const key of templateGroups(metric.disaggregations)) expect(groupAllowedProblem(key, { ...metric, disaggregations: [...metric.disaggregations] })).toBeNull();
	});
});

describe('reviewSchema', () => {
	it.each([
		[{ decision: 'accept' }, true],
		[{ decision: 'return', comment: 'Row 4 looks doubled.' }, true],
		[{ decision: 'return', comment: 'no' }, false],
		[{ decision: 'return' }, false],
		[{ decision: 'maybe' }, false]
	])('%j valid: %s', (input, valid) => {
		expect(validate(reviewSchema, input).ok).toBe(valid);
	});
});
