import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOnetStemCsv } from './occupations.js';

describe('parseOnetStemCsv', () => {
	it('reads codes, SOC codes, career areas and STEM types', () => {
		const csv = 'Code,Occupation,Occupation Types\n15-2099.01,Bioinformatics Technicians,"Research, Development, Design, and Practitioners; Technologists and Technicians"\n17-2051.00,Civil Engineers,"Research, Development, Design, and Practitioners"\n';
		expect(parseOnetStemCsv(csv)).toEqual({
			ok: true,
			occupations: [
				{ code: '15-2099.01', socCode: '15-2099', majorGroup: '15', title: 'Bioinformatics Technicians', stemTypes: ['Research, Development, Design, and Practitioners', 'Technologists and Technicians'] },
				{ code: '17-2051.00', socCode: '17-2051', majorGroup: '17', title: 'Civil Engineers', stemTypes: ['Research, Development, Design, and Practitioners'] }
			]
		});
	});

	it.each([
		['a missing column', 'Code,Occupation\n15-2011.00,Actuaries\n', ['The file lacks the column(s) Occupation Types.']],
		['no rows', 'Code,Occupation,Occupation Types\n', ['The file has no occupations.']],
		[
			'bad rows, all reported with line numbers',
			'Code,Occupation,Occupation Types\n15-2011,Actuaries,x\n53-2011.00,Pilots,x\n15-2011.00,,x\n15-1252.00,Software Developers,x\n15-1252.00,Software Developers,x\n',
			[
				'Line 2: “15-2011” is not an O*NET-SOC code such as 15-1252.00.',
				'Line 3: 53-2011.00 is in SOC major group 53, which is not a STEM career area.',
				'Line 4: 15-2011.00 has no occupation title.',
				'Line 6: 15-1252.00 appears more than once.'
			]
		]
	])('refuses %s and returns nothing', (_label, csv, problems) => {
		expect(parseOnetStemCsv(csv)).toEqual({ ok: false, problems });
	});
});

const shared = path.resolve(process.cwd(), '../shared/data/taxonomy/onet_all_stem_occupations.csv');
describe('the shared O*NET file', () => {
	if (!existsSync(shared)) {
		if (process.env.CI === 'true') it('finds the shared O*NET file (required in CI)', () => expect.fail(`missing ${shared}`));
		else it.skip(`SKIPPED: ${shared} is absent`, () => {});
		return;
	}
	it('parses all 287 occupations across the seven career areas', () => {
		const parsed = parseOnetStemCsv(readFileSync(shared, 'utf8'));
		if (!parsed.ok) expect.fail(parsed.problems.join('\n'));
		expect(parsed.occupations).toHaveLength(287);
		const byArea = Object.fromEntries(Object.entries(Object.groupBy(parsed.occupations, (o) => o.majorGroup)).map(([k, v]) => [k, v!.length]));
		expect(byArea).toEqual({ '11': 7, '15': 38, '17': 59, '19': 63, '25': 21, '29': 96, '41': 3 });
		expect(parsed.occupations.find((o) => o.code === '15-1252.00')?.title).toBe('Software Developers');
	});
});
