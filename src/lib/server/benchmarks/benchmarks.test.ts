import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import {
	compareGroupKeys,
	describeProblem,
	geographySelector,
	parseCensusJsonSource,
	parseLongCsv,
	populationSchema,
	sourceKind,
	valuesByYear,
	yearInName
} from './benchmarks.js';

describe('parseLongCsv', () => {
	it('reads year,group_key,estimate,moe with an optional margin of error', () => {
		const { values, problems } = parseLongCsv('year,group_key,estimate,moe\n2022,all,1000,12\n2022,black:female,250,\n2023,female,510.5,3\n');
		expect(problems).toEqual([]);
		expect(values).toEqual([
			{ year: 2022, groupKey: 'all', estimate: 1000, moe: 12 },
			{ year: 2022, groupKey: 'black:female', estimate: 250, moe: null },
			{ year: 2023, groupKey: 'female', estimate: 510.5, moe: 3 }
		]);
	});

	it('accepts the columns in any order and without moe', () => {
		const { values, problems } = parseLongCsv('estimate,GROUP_KEY,year\n7,asian,2021\n');
		expect(problems).toEqual([]);
		expect(values).toEqual([{ year: 2021, groupKey: 'asian', estimate: 7, moe: null }]);
	});

	it('lists every broken row with its row, column, value and why', () => {
		const csv = [
			'year,group_key,estimate,moe',
			'2022,all,1000,12',
			'22,all,5,1', // row 3: year
			'2022,latinx,5,1', // row 4: group
			'2022,black,-3,x', // row 5: estimate and moe
			'2022,all,9,1', // row 6: duplicate of row 2
			'2022,asian,"1,200",4' // row 7: thousands separator
		].join('\n');
		const { problems } = parseLongCsv(csv, 'upload.csv');
		expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
			[3, 'year', '22'],
			[4, 'group_key', 'latinx'],
			[5, 'estimate', '-3'],
			[5, 'moe', 'x'],
			[6, 'group_key', 'all'],
			[7, 'estimate', '1,200']
		]);
		expect(problems.every((p) => p.file === 'upload.csv' && p.message.length > 10)).toBe(true);
		expect(describeProblem(problems[0]!)).toMatch(/^upload\.csv, row 3, column year \(value “22”\): /);
	});

	it.each([
		['', /empty/],
		['year,estimate\n2022,5\n', /group_key is missing/],
		['year,group_key,estimate\n', /no values/],
		['year,group_key,estimate\n2022,"all,5\n', /not valid CSV/]
	])('explains a file it cannot read: %j', (csv, message) => {
		const { problems } = parseLongCsv(csv);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.message).toMatch(message);
	});
});

describe('sources', () => {
	it.each([
		[' [["NAME","C23001_001E","state"]]', 'census_json'],
		['VARIABLE,TYPE,LABEL,GROUP\n', 'census_legend'],
		['year,group_key,estimate\n', 'long_csv'],
		['\uFEFFGEO_ID,C23001_001E,state\n', 'census_csv'],
		['C23002B_001E,C23002B_001M,state\n', 'census_csv']
	] as const)('%j is %s', (text, kind) => {
		expect(sourceKind({ name: 'x', text })).toBe(kind);
	});

	it.each([
		['acs1_2017_C23001_pa_or.csv', 2017],
		['C23001.csv', null],
		['ACSDT1Y2023.B24010-Data.csv', 2023],
		['12017.csv', null]
	] as const)('the year in %s is %s', (name, year) => {
		expect(yearInName(name)).toBe(year);
	});

	it('reads one pasted Census response or an array of several', () => {
		const one = JSON.stringify([['NAME', 'C23001_001E', 'C23001_001M', 'state'], ['Pennsylvania', '10459220', '4797', '42']]);
		const two = JSON.stringify([JSON.parse(one), [['NAME', 'C23002B_001E', 'state'], ['Pennsylvania', '1112219', '42']]]);
		expect(parseCensusJsonSource({ name: 'pasted', text: one }).tables).toHaveLength(1);
		const both = parseCensusJsonSource({ name: 'pasted', text: two });
		expect(both.problems).toEqual([]);
		expect(both.tables.map((t) => t.variables)).toEqual([['C23001_001E'], ['C23002B_001E']]);
	});

	it('names the response and row of each problem in a pasted body', () => {
		const bad = JSON.stringify([[['NAME', 'C23001_001E', 'state'], ['PA', 'lots', '42']], 'nope']);
		const { problems } = parseCensusJsonSource({ name: 'pasted', text: bad });
		expect(problems.length).toBeGreaterThan(0);
		const notJson = parseCensusJsonSource({ name: 'pasted', text: '<html>' });
		expect(notJson.problems[0]!.message).toMatch(/not JSON/);
	});
});

describe('populations', () => {
	it.each([
		['state:42', { for: 'state:42' }],
		['state:42/county:101', { for: 'county:101', in: ['state:42'] }]
	] as const)('geography %s asks the Census for %j', (key, selector) => {
		expect(geographySelector(key)).toEqual(selector);
	});

	it('takes free-text geographies, but Census ones must be well formed', () => {
		expect(validate(populationSchema, { name: 'Portland residents 16+', geography: 'Multnomah County, Oregon' }).ok).toBe(true);
		expect(validate(populationSchema, { name: 'Philadelphia residents 16+', geography: 'state:42/county:101' }).ok).toBe(true);
		const bad = validate(populationSchema, { name: 'PA', geography: 'state: 42' });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['name', 'geography']);
	});
});

describe('valuesByYear', () => {
	it('lays values out newest year first, all first among groups', () => {
		const grid = valuesByYear([
			{ year: 2017, group_key: 'black:female', estimate: 3 },
			{ year: 2018, group_key: 'all', estimate: 2 },
			{ year: 2017, group_key: 'all', estimate: 1 },
			{ year: 2017, group_key: 'female', estimate: 4 }
		]);
		expect(grid.years).toEqual([2018, 2017]);
		expect(grid.groups).toEqual(['all', 'female', 'black:female']);
		expect(grid.cell(2018, 'female')).toBeUndefined();
		expect(grid.cell(2017, 'black:female')?.estimate).toBe(3);
		expect(['white', 'all', 'asian:male', 'asian'].sort(compareGroupKeys)).toEqual(['all', 'asian', 'white', 'asian:male']);
	});
});
