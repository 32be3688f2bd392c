import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { censusGroupKey, groupKeyDimensions, groupKeyProblem, metricSchema, parseDisaggregations, sortMetrics } from './metrics.js';

describe('group keys', () => {
	it.each([
		['all', true],
		['female', true],
		['male', true],
		['black', true],
		['middle_eastern_north_african', true],
		['black:female', true],
		['hispanic:male', true],
		['white_non_hispanic', false],
		['female:black', false],
		['black:asian', false],
		['black:female:x', false],
		['', false],
		['Black', false],
		['all:female', false],
		['zip=19104', true],
		['zip=1910', false],
		['zip=abcde', false],
		['disability=yes', true],
		['disability=maybe', false],
		['english_learner=no', true],
		['low_income=yes', true],
		['grade_band=6-8', true],
		['grade_band=13', false],
		['age_band=14-17', true],
		['black:female:zip=19104', true],
		['female:low_income=yes', true],
		['low_income=yes:female', false],
		['zip=19104:zip=19103', false],
		['shoe=9', false],
		['black::female', false]
	] as const)('%s is %s', (key, valid) => {
		expect(groupKeyProblem(key) === null).toBe(valid);
	});

	it.each([
		['all', []],
		['black:female', ['race_ethnicity', 'sex']],
		['hispanic:disability=yes', ['race_ethnicity', 'disability']],
		['zip=19104', ['zip']]
	] as const)('%s uses the breakdowns %j', (key, dimensions) => {
		expect(groupKeyDimensions(key)).toEqual({ ok: true, dimensions });
	});

	it('says why a key is wrong, in plain words', () => {
		expect(groupKeyProblem('disability=maybe')).toBe('“maybe” is not a value of disability: write disability=yes or disability=no.');
		expect(groupKeyProblem('female:black')).toMatch(/^Write the parts of “female:black” in this order/);
	});

	it.each([
		['all', null, 'all'],
		['all', 'female', 'female'],
		['all', 'male', 'male'],
		['black', null, 'black'],
		['black', 'female', 'black:female'],
		['white_non_hispanic', null, 'white'],
		['white_non_hispanic', 'male', 'white:male'],
		['hispanic', 'female', 'hispanic:female'],
		['asian', null, 'asian'],
		['american_indian', null, null]
	] as const)('the 1997 Census group %s (sex %s) → %s', (group, sex, key) => {
		expect(censusGroupKey(group, sex)).toBe(key);
	});
});

describe('metricSchema', () => {
	const good = {
		name: 'Black women in STEM jobs',
		definition: 'Civilian employed women 16+ in computer, engineering and science occupations.',
		unit: 'people',
		stage: 'workforce',
		frequency: 'annual',
		disaggregations: ['sex', 'race_ethnicity']
	};

	it('accepts a complete entry, orders the breakdowns canonically and defaults the source', () => {
		const outcome = validate(metricSchema, good);
		expect(outcome).toMatchObject({ ok: true, value: { disaggregations: ['race_ethnicity', 'sex'], source: '' } });
	});

	it('lists every problem at once, by field', () => {
		const outcome = validate(metricSchema, { name: 'x', definition: 'short', unit: 'kg', stage: 'college', frequency: 'daily', stage_position: '1.5', disaggregations: ['shoe_size'] });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'definition', 'unit', 'stage', 'stage_position', 'frequency', 'disaggregations.0']);
	});
});

describe('parseDisaggregations', () => {
	it.each([
		['["sex","zip"]', ['sex', 'zip']],
		['["zip","bogus","sex"]', ['sex', 'zip']],
		['not json', []],
		['{"sex":true}', []],
		[null, []]
	] as const)('%s → %j', (json, expected) => {
		expect(parseDisaggregations(json)).toEqual(expected);
	});
});

describe('sortMetrics', () => {
	it('orders by stage position then name, archived last', () => {
		const rows = [
			{ name: 'B', stage_position: 4, archived_at: null },
			{ name: 'A', stage_position: 4, archived_at: null },
			{ name: 'Z', stage_position: 1, archived_at: '2026-01-01' },
			{ name: 'C', stage_position: 1, archived_at: null }
		];
		expect(sortMetrics(rows).map((r) => r.name)).toEqual(['C', 'A', 'B', 'Z']);
	});
});
