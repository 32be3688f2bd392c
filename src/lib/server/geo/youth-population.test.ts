import { describe, expect, it } from 'vitest';
import { isGroupKey, problemText, readYouthCsv } from './youth-population.js';

describe('isGroupKey', () => {
	it.each([
		['all', true],
		['black', true],
		['female', true],
		['black:female', true],
		['female:black', false],
		['black:hispanic', false],
		['girls', false],
		['', false]
	])('%s → %s', (key, expected) => expect(isGroupKey(key)).toBe(expected));
});

describe('readYouthCsv', () => {
	const header = 'zip,group,count,year,source\n';
	it('reads every row, with a byte-order mark and any column order', () => {
		const out = readYouthCsv('\ufeffsource,year,count,group,zip\nACS,2013,1200,all,19104\nACS,2013,600,Black,19104\n', { thisYear: 2026 });
		expect(out).toEqual({
			ok: true,
			rows: [
				{ zip: '19104', group: 'all', youth: 1200, year: 2013, source: 'ACS' },
				{ zip: '19104', group: 'black', youth: 600, year: 2013, source: 'ACS' }
			]
		});
	});

	it.each([
		{ name: 'a ZIP without its leading zero', line: '2134,all,10,2020,x', column: 'zip', value: '2134' },
		{ name: 'an unknown group', line: '19104,girls,10,2020,x', column: 'group', value: 'girls' },
		{ name: 'a decimal count', line: '19104,all,10.5,2020,x', column: 'count', value: '10.5' },
		{ name: 'a count with a thousands comma (quoted)', line: '19104,all,"1,200",2020,x', column: 'count', value: '1,200' },
		{ name: 'a negative count', line: '19104,all,-3,2020,x', column: 'count', value: '-3' },
		{ name: 'a missing count', line: '19104,all,,2020,x', column: 'count', value: '' },
		{ name: 'a year in the future', line: '19104,all,10,2031,x', column: 'year', value: '2031' },
		{ name: 'a year that is not one', line: '19104,all,10,13,x', column: 'year', value: '13' },
		{ name: 'too many values', line: '19104,all,1,200,2020,x', column: 'file', value: '19104,all,1,200,2020,x' }
	])('refuses $name, naming row, column and value', ({ line, column, value }) => {
		const out = readYouthCsv(header + line + '\n', { thisYear: 2026 });
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.problems).toHaveLength(1);
		expect(out.problems[0]).toMatchObject({ row: 2, column, value });
	});

	it('lists every problem of every row at once, in row order', () => {
		const out = readYouthCsv(header + '19104,all,100,2020,x\n1910,girls,x,1800,x\n19104,all,50,2020,x\n19104,black,150,2020,x\n', { thisYear: 2026 });
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.problems.map((p) => [p.row, p.column])).toEqual([
			[3, 'zip'],
			[3, 'group'],
			[3, 'count'],
			[3, 'year'],
			[4, 'group'],
			[5, 'count']
		]);
		expect(problemText(out.problems[4]!)).toBe('Row 4, group “all”: ZIP 19104 already has a all count on row 2; give each ZIP and group once.');
		expect(out.problems[5]!.message).toContain('More black young people than all young people of ZIP 19104 (100)');
	});

	it.each([
		['an empty file', '', 'The file is empty'],
		['a header only', header, 'no figures'],
		['a missing column', 'zip,group,count\n19104,all,1\n', 'year is missing'],
		['a broken quote', header + '19104,"all,1,2020,x\n', 'not valid CSV']
	])('refuses %s', (_name, text, words) => {
		const out = readYouthCsv(text, { thisYear: 2026 });
		expect(out.ok).toBe(false);
		if (!out.ok) expect(out.problems[0]!.message).toContain(words);
	});
});
