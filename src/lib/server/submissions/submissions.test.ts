import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import {
	boardStatus,
	cycleSchema,
	describeCellProblem,
	groupAllowedProblem,
	isLate,
	isPublicGroupKey,
	latestAccepted,
	qualityFlags,
	reviewSchema,
	selectPartners,
	sumByMetricGroup,
	suppressByFamily,
	templateGroups,
	validateCells,
	type AcceptedCell,
	type CycleMetric
} from './submissions.js';

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

describe('cycleSchema and selectPartners', () => {
	const good = { name: '2025–26 school year', year: '2026', period_start: '2025-07-01', period_end: '2026-06-30', due_on: '2026-07-31', metric_ids: 'm1' };

	it('accepts one ticked metric as a list and defaults the partner choices', () => {
		expect(validate(cycleSchema, good)).toMatchObject({ ok: true, value: { year: 2026, metric_ids: ['m1'], partner_ids: [], sectors: [], instructions: '' } });
	});

	it.each([
		[{ period_end: '2025-06-30' }, 'period_end'],
		[{ due_on: '2026-02-30' }, 'due_on'],
		[{ due_on: '31/07/2026' }, 'due_on'],
		[{ year: '1999' }, 'year'],
		[{ metric_ids: undefined }, 'metric_ids']
	])('%j is refused on %s', (change, field) => {
		const outcome = validate(cycleSchema, { ...good, ...change });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual([field]);
	});

	const partners = [{ id: 'a', sector: 'ost' }, { id: 'b', sector: 'k12' }, { id: 'c', sector: 'ost' }, { id: 'd', sector: 'employer' }];
	it.each([
		[{ all_partners: '1', partner_ids: [], sectors: [] }, ['a', 'b', 'c', 'd']],
		[{ partner_ids: ['d'], sectors: ['ost'] }, ['a', 'c', 'd']],
		[{ partner_ids: ['zzz'], sectors: [] }, []]
	])('%j asks %j', (choice, expected) => {
		expect(selectPartners({ all_partners: undefined, ...choice }, partners)).toEqual(expected);
	});
});

describe('board status', () => {
	it.each([
		[undefined, '2026-07-31', '2026-08-01', 'not_submitted', true],
		[undefined, '2026-07-31', '2026-07-31', 'not_submitted', false],
		[{ status: 'submitted' }, '2026-07-31', '2026-09-01', 'submitted', false],
		[{ status: 'returned' }, '2026-07-31', '2026-09-01', 'returned', true],
		[{ status: 'accepted' }, '2026-07-31', '2026-09-01', 'accepted', false]
	] as const)('%j due %s, today %s → %s, late %s', (latest, due, today, status, late) => {
		expect(boardStatus(latest)).toBe(status);
		expect(isLate(boardStatus(latest), due, today)).toBe(late);
	});
});

describe('rollups', () => {
	const cell = (partnerId: string, submissionId: string, dueOn: string, version: number, groupKey: string, value: number, metricId = 'm1'): AcceptedCell => ({ partnerId, submissionId, dueOn, version, metricId, groupKey, value });

	it('takes each partner’s latest accepted numbers per metric and sums them over partners', () => {
		const cells = [
			cell('p1', 's1', '2026-01-31', 1, 'all', 100),
			cell('p1', 's2', '2026-01-31', 2, 'all', 110),
			cell('p1', 's2', '2026-01-31', 2, 'black', 30),
			cell('p1', 's0', '2025-06-30', 3, 'all', 999),
			cell('p2', 's3', '2026-01-31', 1, 'all', 50),
			cell('p2', 's4', '2026-06-30', 1, 'hours', 7, 'm2')
		];
		const latest = latestAccepted(cells);
		expect(latest.map((c) => c.submissionId)).toEqual(['s2', 's2', 's3', 's4']);
		const sums = sumByMetricGroup(latest);
		expect(Object.fromEntries(sums.get('m1')!)).toEqual({ all: { value: 160, partners: 2 }, black: { value: 30, partners: 1 } });
	});
});

describe('qualityFlags', () => {
	const c = (groupKey: string, value: number) => ({ metricId: 'm1', groupKey, value });

	it('flags tenfold jumps, groups above their totals, missing totals, blank groups and missing metrics', () => {
		const flags = qualityFlags({
			metrics: [{ id: 'm1' }, { id: 'm2' }],
			cells: [c('all', 100), c('black', 300), c('black:female', 20), c('female', 15), c('hispanic', 40)],
			previous: [c('hispanic', 4), c('black', 25), c('female', 2)]
		});
		expect(flags).toEqual([
			{ kind: 'exceeds_total', metricId: 'm1', groupKey: 'black', value: 300, total: 100, totalKey: 'all' },
			{ kind: 'exceeds_total', metricId: 'm1', groupKey: 'black:female', value: 20, total: 15, totalKey: 'female' },
			{ kind: 'jump', metricId: 'm1', groupKey: 'black', value: 300, previous: 25 },
			{ kind: 'jump', metricId: 'm1', groupKey: 'hispanic', value: 40, previous: 4 },
			{ kind: 'missing_metric', metricId: 'm2' }
		]);
	});

	it('flags groups reported last time and blank now', () => {
		expect(qualityFlags({ metrics: [{ id: 'm1' }], cells: [c('all', 40), c('female', 22)], previous: [c('all', 38), c('female', 20), c('male', 18)] })).toEqual([
			{ kind: 'missing_groups', metricId: 'm1', missing: 1, expected: 3 }
		]);
	});

	it('ignores small numbers moving a lot, and flags a metric without a total', () => {
		expect(qualityFlags({ metrics: [{ id: 'm1' }], cells: [c('female', 15), c('male', 12)], previous: [c('female', 2)] })).toEqual([{ kind: 'missing_total', metricId: 'm1' }]);
	});
});

describe('suppressByFamily', () => {
	it('suppresses race and sex as the public dashboard does, and every other family cautiously', () => {
		const figures = new Map([
			['all', 200],
			['female', 120],
			['male', 80],
			['zip=19104', 150],
			['zip=19139', 4],
			['zip=19143', 0],
			['disability=yes', 30],
			['disability=no', 170]
		]);
		expect(Object.fromEntries(suppressByFamily(figures, 11))).toEqual({
			all: 200,
			female: 120,
			male: 80,
			'zip=19104': 'suppressed',
			'zip=19139': 'suppressed',
			'zip=19143': 0,
			'disability=yes': 30,
			'disability=no': 170
		});
	});

	it('hides a small sex count and its complement', () => {
		const out = suppressByFamily(new Map([['all', 50], ['female', 45], ['male', 5]]), 11);
		expect([out.get('female'), out.get('male')]).toEqual(['suppressed', 'suppressed']);
	});

	it.each([
		['all', true],
		['black:female', true],
		['zip=19104', false],
		['female:low_income=yes', false]
	])('%s is tabulated publicly: %s', (key, expected) => {
		expect(isPublicGroupKey(key)).toBe(expected);
	});
});
