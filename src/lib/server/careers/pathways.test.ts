import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSlbr1Education, pathwayMetric, typicalEducation } from './pathways.js';

const header = 'acs_occ_code,occupation,ncses_stem_group,employed_total,employed_no_bachelors,employed_bachelors_or_higher\n';
// One STEM row per area, plus rows the rules must skip.
const complete = [
	'0010 - 0440,Management occupations,na,17563644,7496095,10067549',
	'0110,Computer and information systems managers,S&E-related occupations,100,20,80',
	'0120,Financial managers,Non-STEM occupations,900,450,450',
	'1021,Software developers,S&E occupations,300,60,240',
	'1022,Software quality assurance analysts,S&E occupations,100,40,60',
	'1360,Architects,S&E-related occupations,50,10,40',
	'1910,Chemical technicians,STEM middle-skill occupations,40,30,10',
	'2205,Postsecondary teachers,Non-STEM occupations,70,7,63',
	'2310,Elementary school teachers,Non-STEM occupations,1000,10,990',
	'3255,Registered nurses,S&E-related occupations,200,80,120',
	'4930,Sales engineers,S&E occupations,10,2,8'
].join('\n');

describe('parseSlbr1Education', () => {
	it('sums the STEM occupations of each career area and skips subtotals and non-STEM rows', () => {
		const parsed = parseSlbr1Education(header + complete);
		expect(parsed).toEqual({
			ok: true,
			year: 2021,
			areas: [
				{ majorGroup: '11', employedTotal: 100, employedBachelorsOrHigher: 80 },
				{ majorGroup: '15', employedTotal: 400, employedBachelorsOrHigher: 300 },
				{ majorGroup: '17', employedTotal: 50, employedBachelorsOrHigher: 40 },
				{ majorGroup: '19', employedTotal: 40, employedBachelorsOrHigher: 10 },
				// Postsecondary teachers count whole (NCSES calls them non-STEM); school teachers do not.
				{ majorGroup: '25', employedTotal: 70, employedBachelorsOrHigher: 63 },
				{ majorGroup: '29', employedTotal: 200, employedBachelorsOrHigher: 120 },
				{ majorGroup: '41', employedTotal: 10, employedBachelorsOrHigher: 8 }
			]
		});
	});

	it.each([
		['a missing column', 'acs_occ_code,occupation\n0110,Managers\n', ['The file lacks the column(s) ncses_stem_group, employed_total, employed_bachelors_or_higher.']],
		['no rows', header, ['The file has no occupations.']],
		['a career area with no rows', header + complete.replace('4930,Sales engineers,S&E occupations,10,2,8', ''), ['No employed people found for career area 41.']],
		[
			'a degree count above the total',
			header + complete.replace('1360,Architects,S&E-related occupations,50,10,40', '1360,Architects,S&E-related occupations,50,10,60'),
			['Line 7: occupation 1360 has counts that are not whole numbers with the degree count within the total.', 'No employed people found for career area 17.']
		]
	])('refuses %s and returns nothing', (_label, csv, problems) => {
		expect(parseSlbr1Education(csv)).toEqual({ ok: false, problems });
	});
});

describe('typicalEducation', () => {
	it.each([
		[{ employed_total: 400, employed_bachelors_or_higher: 300 }, { bachelorsShare: 75, mostHaveBachelors: true }],
		[{ employed_total: 200, employed_bachelors_or_higher: 100 }, { bachelorsShare: 50, mostHaveBachelors: true }],
		[{ employed_total: 40, employed_bachelors_or_higher: 10 }, { bachelorsShare: 25, mostHaveBachelors: false }],
		[{ employed_total: 0, employed_bachelors_or_higher: 0 }, null],
		[undefined, null]
	])('%j → %j', (row, expected) => expect(typicalEducation(row)).toEqual(expected));
});

describe('pathwayMetric', () => {
	const metric = (slug: string, stage = 'workforce', years = [2021]) => ({ slug, stage, years });
	it.each([
		['computing uses the STEM workforce metric', '15', [metric('ost'), metric('stem-workforce')], 'stem-workforce'],
		['health uses the health workforce metric', '29', [metric('stem-workforce'), metric('health-workforce')], 'health-workforce'],
		['health has none without a health metric', '29', [metric('stem-workforce')], null],
		['a metric of another stage does not count', '17', [metric('stem-workforce', 'postsecondary')], null],
		['a metric with no published year does not count', '19', [metric('stem-workforce', 'workforce', [])], null],
		['management has no ACS occupation group', '11', [metric('stem-workforce')], null]
	] as const)('%s', (_label, area, metrics, expected) => {
		expect(pathwayMetric(area, metrics)?.slug ?? null).toBe(expected);
	});
});

const shared = path.resolve(process.cwd(), '../shared/data/stem-workforce/ncses_slbr1_occupations_stem_classification_2021.csv');
describe('the shared NCSES SLBR-1 file', () => {
	if (!existsSync(shared)) {
		if (process.env.CI === 'true') it('finds the shared SLBR-1 file (required in CI)', () => expect.fail(`missing ${shared}`));
		else it.skip(`SKIPPED: ${shared} is absent`, () => {});
		return;
	}
	it('gives every career area its share with a bachelor’s degree', () => {
		const parsed = parseSlbr1Education(readFileSync(shared, 'utf8'));
		if (!parsed.ok) expect.fail(parsed.problems.join('\n'));
		const shares = Object.fromEntries(parsed.areas.map((a) => [a.majorGroup, typicalEducation({ employed_total: a.employedTotal, employed_bachelors_or_higher: a.employedBachelorsOrHigher })!.bachelorsShare]));
		expect(shares).toEqual({ '11': 58, '15': 71, '17': 71, '19': 84, '25': 91, '29': 64, '41': 77 });
		expect(parsed.areas.find((a) => a.majorGroup === '15')).toEqual({ majorGroup: '15', employedTotal: 5764542, employedBachelorsOrHigher: 4114182 });
	});
});
