import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CensusFormatError, parseCensusJson } from './census.js';
import { readCensusCsv, readCensusCsvFile, readCensusLegendCsv } from './census-csv.js';
import { censusYears, dataFile, itWithSharedData, legendFile, rawValue, sharedCensusDir } from './census-test-data.js';

async function captureError(promise: Promise<unknown>): Promise<CensusFormatError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof CensusFormatError) return error;
		throw error;
	}
	throw new Error('expected a CensusFormatError');
}

describe('readCensusCsv', () => {
	it('reads the same records as the JSON parser from the same table', async () => {
		const csv = 'GEO_ID,C23002B_001E,C23002B_001M,NAME,C23002B_001EA,C23002B_001MA,state\n0400000US42,1112219,9170,Pennsylvania,null,null,42\n';
		const json = [
			['GEO_ID', 'C23002B_001E', 'C23002B_001M', 'NAME', 'C23002B_001EA', 'C23002B_001MA', 'state'],
			['0400000US42', '1112219', '9170', 'Pennsylvania', null, null, '42']
		];
		expect(await readCensusCsv(csv)).toEqual(parseCensusJson(json));
	});

	it('takes a stream, a byte array with a BOM, CRLF line ends and quoted names with commas', async () => {
		const text = '\ufeffNAME,C23001_001E,C23001_001M,state,county\r\n"Philadelphia County, Pennsylvania",1,2,42,101\r\n';
		for (const source of [Readable.from([text.slice(0, 9), text.slice(9)]), new TextEncoder().encode(text)]) {
			const table = await readCensusCsv(source);
			expect(table.rows[0]?.geography).toMatchObject({ key: 'state:42/county:101', name: 'Philadelphia County, Pennsylvania' });
			expect(table.rows[0]?.cells['C23001_001E']).toMatchObject({ estimate: 1, moe: 2 });
		}
	});

	it('reports every mistake with its row and column in plain language', async () => {
		const csv = [
			'GEO_ID,C23001_001E,C23001_001M,NAME,state',
			'0400000US41,3384530,twelve,Oregon,41',
			'0400000US42,10459220,4797,Pennsylvania',
			'',
			'0400000US42,1O459220,4797,Pennsylvania,42'
		].join('\n');
		const error = await captureError(readCensusCsv(csv));
		expect(error.problems.map((p) => p.message)).toEqual([
			'Row 2, column C23001_001M (column 3): “twelve” is not a number. Margins of error must be numbers, null, or a Census code such as -666666666.',
			'Row 3 has 4 values but the header has 5 columns.',
			'Row 5, column C23001_001E (column 2): “1O459220” is not a number. Estimates must be numbers, null, or a Census code such as -666666666.'
		]);
		expect(error.problems[2]).toMatchObject({ row: 5, column: 'C23001_001E', columnNumber: 2, value: '1O459220' });
	});

	it('counts rows from where a record starts when a quoted value spans lines', async () => {
		const csv = 'NAME,C23001_001E,state\n"Two\nlines",1,42\n"Bad",x,41\n';
		const error = await captureError(readCensusCsv(csv));
		expect(error.problems).toEqual([expect.objectContaining({ row: 4, column: 'C23001_001E' })]);
	});

	it('explains a CSV syntax error, after the row problems found before it', async () => {
		const error = await captureError(readCensusCsv('C23001_001E,state\nx,42\n"1,41\n'));
		expect(error.problems.map((p) => p.code)).toEqual(['bad_value', 'csv_syntax']);
		expect(error.problems[1]?.message).toMatch(/^A quoted value is never closed/);
	});

	it('refuses an empty file and a 2016-style repeated column whose copies differ', async () => {
		expect((await captureError(readCensusCsv(''))).problems[0]).toMatchObject({ code: 'no_header', row: 1 });
		const error = await captureError(readCensusCsv('C23002B_001E,C23002B_001M,C23002B_001M,state\n1,2,3,42\n'));
		expect(error.message).toBe('Row 2, column C23002B_001M (column 3): “3” differs from “2” in column 2, which has the same name.');
	});
});

describe('the shared ACS 1-year files, exactly as they are', () => {
	const realIt = itWithSharedData();

	realIt('reads all 40 data files for Oregon and Pennsylvania, 2015–2018', async () => {
		const files = readdirSync(sharedCensusDir).filter((f) => f.endsWith('_pa_or.csv'));
		expect(files).toHaveLength(40);
		for (const file of files) {
			const table = await readCensusCsvFile(path.join(sharedCensusDir, file));
			expect(table.rows.map((r) => r.geography.key), file).toEqual(['state:41', 'state:42']);
			for (const row of table.rows) {
				for (const cell of Object.values(row.cells)) {
					expect(cell.estimateStatus, `${file} ${cell.variable}`).toBe('available');
					expect(cell.moeStatus, `${file} ${cell.variable}`).toBe('available');
				}
			}
		}
	});

	realIt('reads the 2016 layout: no GEO_ID or NAME, every M column twice', async () => {
		const header = readFileSync(dataFile(2016, 'C23002B'), 'utf8').split('\n')[0]?.split(',') ?? [];
		expect(header).not.toContain('GEO_ID');
		expect(header.filter((c) => c === 'C23002B_015M')).toHaveLength(2);

		const table = await readCensusCsvFile(dataFile(2016, 'C23002B'));
		expect(table.variables).toHaveLength(27);
		const pa = table.rows.find((r) => r.geography.key === 'state:42');
		expect(pa?.geography).toEqual({ key: 'state:42', codes: { state: '42' }, name: null, geoId: null });
		expect(pa?.cells['C23002B_001E']).toMatchObject({ estimate: 1093644, moeVariable: 'C23002B_001M' });
	});

	realIt('reads every column by name, whatever its position (GEO_ID is column 29 of 2018 C23002B)', async () => {
		const text = readFileSync(dataFile(2018, 'C23002B'), 'utf8');
		expect(text.split('\n')[0]?.split(',').indexOf('GEO_ID')).toBe(28);
		const table = await readCensusCsvFile(dataFile(2018, 'C23002B'));
		const pa = table.rows.find((r) => r.geography.key === 'state:42');
		expect(pa?.geography).toMatchObject({ name: 'Pennsylvania', geoId: '0400000US42' });
		for (const variable of table.variables) {
			expect(pa?.cells[variable]?.estimate).toBe(Number(rawValue(text, '42', variable)));
			expect(pa?.cells[variable]?.moe).toBe(Number(rawValue(text, '42', variable.replace(/E$/, 'M'))));
		}
	});

	realIt('reads the legends, whose ids keep their labels from 2015 to 2018 except the 2018 SOC rewording', async () => {
		for (const table of ['B24010', 'B24010B', 'C23001', 'C23002I']) {
			const byYear = await Promise.all(censusYears.map((year) => readCensusLegendCsv(readFileSync(legendFile(year, table)))));
			const [y2015, y2016, y2017, y2018] = byYear;
			expect(y2016).toEqual(y2015);
			expect(y2017).toEqual(y2015);
			expect(Object.keys(y2018 ?? {})).toEqual(Object.keys(y2015 ?? {}));
		}
		const b2017 = await readCensusLegendCsv(readFileSync(legendFile(2017, 'B24010B')));
		const b2018 = await readCensusLegendCsv(readFileSync(legendFile(2018, 'B24010B')));
		expect(b2017['B24010B_014E']).toMatch(/Education, training, and library occupations$/);
		expect(b2018['B24010B_014E']).toMatch(/Educational instruction, and library occupations$/);
	});
});
