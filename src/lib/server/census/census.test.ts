import { describe, expect, it } from 'vitest';
import {
	CensusFormatError,
	CensusMappingError,
	aggregateMoe,
	checkLabels,
	checkMappings,
	findCount,
	geographyKey,
	mapBenchmarks,
	mapGeographyBenchmarks,
	mappedVariables,
	mergeCensusTables,
	normaliseLabel,
	parseCensusJson,
	parseCensusValue,
	type CensusTable,
	type VariableMapping
} from './census.js';

/** A Census API answer in its real form: header first, strings, null annotations, geography last. */
const countyResponse = [
	['NAME', 'C23002B_001E', 'C23002B_001M', 'C23002B_015E', 'C23002B_015M', 'C23002B_015EA', 'state', 'county'],
	['Synthetic County, Pennsylvania', '139027', '3242', '72713', '1870', null, '42', '101'],
	['Other County, Pennsylvania', '-666666666', '-222222222', null, null, null, '42', '003']
];

function captureError(fn: () => unknown): unknown {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

describe('parseCensusValue', () => {
	it.each([
		['1094168', 'estimate', 1094168, 'available'],
		[' 42 ', 'estimate', 42, 'available'],
		['0', 'estimate', 0, 'available'],
		['12.5', 'estimate', 12.5, 'available'],
		[1094168, 'estimate', 1094168, 'available'],
		[null, 'estimate', null, 'missing'],
		['null', 'estimate', null, 'missing'],
		['', 'estimate', null, 'missing'],
		['-666666666', 'estimate', null, 'too_few_cases'],
		['-999999999', 'estimate', null, 'cannot_display'],
		['-888888888', 'moe', null, 'not_applicable'],
		['-222222222', 'moe', null, 'moe_too_few_cases'],
		['-333333333', 'moe', null, 'moe_open_ended'],
		['-555555555', 'moe', 0, 'controlled'],
		['-555555555', 'estimate', null, 'unknown_code'],
		['-1', 'estimate', null, 'unknown_code'],
		['(X)', 'estimate', null, 'not_applicable'],
		['**', 'moe', null, 'moe_too_few_cases'],
		['*****', 'moe', 0, 'controlled']
	] as const)('reads %j as a %s: %j (%s)', (raw, kind, value, status) => {
		expect(parseCensusValue(raw, kind)).toEqual({ ok: true, value, status });
	});

	it.each([['abc'], ['1,234'], ['1e5'], [true], [{}], [Number.NaN]])('refuses %j', (raw) => {
		expect(parseCensusValue(raw, 'estimate')).toEqual({ ok: false });
	});
});

describe('parseCensusJson', () => {
	it('reads a real-form response into records keyed by estimate id, with their MOEs', () => {
		const table = parseCensusJson(JSON.stringify(countyResponse));
		expect(table.variables).toEqual(['C23002B_001E', 'C23002B_015E']);
		expect(table.rows).toHaveLength(2);
		const [county, other] = table.rows;
		expect(county?.geography).toEqual({
			key: 'state:42/county:101',
			codes: { state: '42', county: '101' },
			name: 'Synthetic County, Pennsylvania',
			geoId: null
		});
		expect(county?.sourceRow).toBe(2);
		expect(county?.cells['C23002B_015E']).toEqual({
			variable: 'C23002B_015E',
			estimate: 72713,
			estimateStatus: 'available',
			moeVariable: 'C23002B_015M',
			moe: 1870,
			moeStatus: 'available',
			estimateAnnotation: null,
			moeAnnotation: null
		});
		expect(other?.cells['C23002B_001E']).toMatchObject({ estimate: null, estimateStatus: 'too_few_cases', moe: null, moeStatus: 'moe_too_few_cases' });
		expect(other?.cells['C23002B_015E']).toMatchObject({ estimate: null, estimateStatus: 'missing', moe: null, moeStatus: 'missing' });
	});

	it('accepts already-parsed JSON and numbers in place of strings', () => {
		const table = parseCensusJson([
			['B01001_001E', 'state'],
			[13002700, '42']
		]);
		expect(table.rows[0]?.cells['B01001_001E']).toMatchObject({ estimate: 13002700, moeVariable: null, moe: null, moeStatus: 'absent' });
	});

	it('uses an annotation in place of the value, as the Census notes say', () => {
		const table = parseCensusJson([
			['B24010D_043E', 'B24010D_043EA', 'B24010D_043M', 'B24010D_043MA', 'state'],
			['12', '-', '9', '**', '41']
		]);
		expect(table.rows[0]?.cells['B24010D_043E']).toMatchObject({
			estimate: null,
			estimateStatus: 'too_few_cases',
			estimateAnnotation: '-',
			moe: null,
			moeStatus: 'moe_too_few_cases',
			moeAnnotation: '**'
		});
	});

	it('keys geographies the same whatever the column order', () => {
		expect(geographyKey({ county: '101', state: '42' })).toBe('state:42/county:101');
		expect(geographyKey({ tract: '000100', state: '42', county: '101' })).toBe('state:42/county:101/tract:000100');
	});

	it('accepts a repeated column whose copies agree (the 2016 layout), and names the row and column when they differ', () => {
		const ok = parseCensusJson([
			['C23002B_001E', 'C23002B_001M', 'C23002B_001M', 'state'],
			['1093644', '3404', '3404', '42']
		]);
		expect(ok.rows[0]?.cells['C23002B_001E']?.moe).toBe(3404);

		const error = captureError(() =>
			parseCensusJson([
				['C23002B_001E', 'C23002B_001M', 'C23002B_001M', 'state'],
				['1093644', '3404', '3405', '42']
			])
		);
		expect(error).toBeInstanceOf(CensusFormatError);
		expect((error as CensusFormatError).problems).toEqual([
			expect.objectContaining({ code: 'duplicate_conflict', row: 2, column: 'C23002B_001M', columnNumber: 3 })
		]);
		expect((error as Error).message).toBe('Row 2, column C23002B_001M (column 3): “3405” differs from “3404” in column 2, which has the same name.');
	});

	it('lists every problem at once, each with its row and column', () => {
		const error = captureError(() =>
			parseCensusJson([
				['NAME', 'C23001_001E', 'C23001_001M', 'state'],
				['Oregon', 'lots', '4797', '41'],
				['Pennsylvania', '10459220', '4797'],
				['Pennsylvania', '10459220', 'n/a', '42'],
				['Again', '1', '1', '41']
			])
		) as CensusFormatError;
		expect(error).toBeInstanceOf(CensusFormatError);
		expect(error.kind).toBe('format');
		expect(error.problems.map((p) => [p.code, p.row, p.column ?? null])).toEqual([
			['bad_value', 2, 'C23001_001E'],
			['row_length', 3, null],
			['bad_value', 4, 'C23001_001M']
		]);
		expect(error.problems[0]?.message).toBe(
			'Row 2, column C23001_001E (column 2): “lots” is not a number. Estimates must be numbers, null, or a Census code such as -666666666.'
		);
		expect(error.problems[1]?.message).toBe('Row 3 has 3 values but the header has 4 columns.');
		expect(error.message).toMatch(/\(and 2 more problems\)$/);
	});

	it('refuses a geography given twice', () => {
		const error = captureError(() =>
			parseCensusJson([
				['C23001_001E', 'state'],
				['1', '42'],
				['2', '42']
			])
		) as CensusFormatError;
		expect(error.problems).toEqual([expect.objectContaining({ code: 'duplicate_geography', row: 3, geography: 'state:42' })]);
		expect(error.message).toBe('Row 3 repeats the geography state:42, already given in row 2.');
	});

	it.each([
		['not JSON', 'error: unknown variable', 'not_json'],
		['an object', '{"error":"x"}', 'not_a_table'],
		['an empty array', '[]', 'not_a_table'],
		['rows that are not arrays', '[["state"], "42"]', 'not_a_table'],
		['a header without geography', '[["C23001_001E"],["1"]]', 'no_geography'],
		['a blank column name', '[["C23001_001E", "", "state"],["1","2","42"]]', 'bad_header']
	])('refuses %s with a typed error', (_, body, code) => {
		const error = captureError(() => parseCensusJson(body)) as CensusFormatError;
		expect(error).toBeInstanceOf(CensusFormatError);
		expect(error.problems[0]?.code).toBe(code);
	});

	it('stops collecting after maxProblems and says so', () => {
		const rows = Array.from({ length: 10 }, (_, i) => ['x', String(i)]);
		const error = captureError(() => parseCensusJson([['C23001_001E', 'state'], ...rows], { maxProblems: 3 })) as CensusFormatError;
		expect(error.problems).toHaveLength(3);
		expect(error.message).toMatch(/\(and at least 2 more problems\)$/);
	});
});

describe('mergeCensusTables', () => {
	const a = parseCensusJson([
		['GEO_ID', 'NAME', 'C23001_001E', 'C23001_001M', 'state'],
		['0400000US42', 'Pennsylvania', '10459220', '4797', '42']
	]);
	const b = parseCensusJson([
		['B24010_019E', 'B24010_019M', 'state'],
		['249809', '7324', '42'],
		['1', '1', '41']
	]);

	it('joins tables by geography and keeps the first name and GEO_ID found', () => {
		const merged = mergeCensusTables([b, a]);
		expect(merged.variables).toEqual(['B24010_019E', 'C23001_001E']);
		const pa = merged.rows.find((r) => r.geography.key === 'state:42');
		expect(pa?.geography).toMatchObject({ name: 'Pennsylvania', geoId: '0400000US42' });
		expect(Object.keys(pa?.cells ?? {})).toEqual(['B24010_019E', 'C23001_001E']);
		expect(merged.rows.find((r) => r.geography.key === 'state:41')?.cells['C23001_001E']).toBeUndefined();
	});

	it('refuses two tables that disagree on a variable', () => {
		const other = parseCensusJson([
			['C23001_001E', 'C23001_001M', 'state'],
			['10459221', '4797', '42']
		]);
		const error = captureError(() => mergeCensusTables([a, other])) as CensusFormatError;
		expect(error.problems).toEqual([expect.objectContaining({ code: 'merge_conflict', variable: 'C23001_001E', geography: 'state:42' })]);
	});
});

describe('aggregateMoe', () => {
	it.each([
		['one part', [{ estimate: 10, moe: 4 }], 4],
		['two parts: √(3² + 4²)', [{ estimate: 10, moe: 3 }, { estimate: 20, moe: 4 }], 5],
		['no parts', [], 0],
		['zero estimates: only the largest of their MOEs counts', [{ estimate: 0, moe: 12 }, { estimate: 0, moe: 5 }, { estimate: 7, moe: 9 }], 15],
		['a controlled part (MOE 0)', [{ estimate: 100, moe: 0 }, { estimate: 3, moe: 2 }], 2]
	])('%s', (_, parts, expected) => {
		expect(aggregateMoe(parts)).toBeCloseTo(expected, 10);
	});
});

describe('mapBenchmarks', () => {
	const table: CensusTable = parseCensusJson([
		['NAME', 'B24010B_007E', 'B24010B_007M', 'B24010B_043E', 'B24010B_043M', 'C23002B_015E', 'C23002B_015M', 'state'],
		['Pennsylvania', '8863', '1803', '7865', '1915', '581705', '5289', '42'],
		['Oregon', '-666666666', '-222222222', '212', '215', '31000', '-555555555', '41']
	]);
	const mappings: VariableMapping<'black'>[] = [
		{ group: 'black', measure: 'stem_employed', variables: { estimate: ['B24010B_007E', 'B24010B_043E'] } },
		{ group: 'black', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010B_043E'] } },
		{ group: 'black', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23002B_015E'] } }
	];

	it('sums estimates and combines MOEs as √(Σ MOE²), per geography', () => {
		const [pa] = mapBenchmarks({ table, mappings });
		expect(pa?.geography.key).toBe('state:42');
		const stem = findCount(pa?.counts ?? [], { group: 'black', measure: 'stem_employed' });
		expect(stem).toMatchObject({ sex: null, estimate: 8863 + 7865, status: 'available', moeStatus: 'available', unavailable: [] });
		expect(stem?.moe).toBeCloseTo(Math.sqrt(1803 ** 2 + 1915 ** 2), 10);
		expect(stem?.variables).toEqual(['B24010B_007E', 'B24010B_043E']);
		expect(stem?.moeVariables).toEqual(['B24010B_007M', 'B24010B_043M']);
		expect(findCount(pa?.counts ?? [], { group: 'black', sex: 'female', measure: 'population_16_plus' })).toMatchObject({ estimate: 581705, moe: 5289 });
	});

	it('gives "not available" with the Census reason instead of a number for coded values', () => {
		const oregon = mapGeographyBenchmarks({ table, mappings, geography: 'state:41' });
		const stem = findCount(oregon.counts, { group: 'black', measure: 'stem_employed' });
		expect(stem).toMatchObject({ estimate: null, moe: null, status: 'not_available', moeStatus: 'not_available' });
		expect(stem?.unavailable).toEqual([
			expect.objectContaining({ variable: 'B24010B_007E', status: 'too_few_cases' }),
			expect.objectContaining({ variable: 'B24010B_007M', status: 'moe_too_few_cases' })
		]);
		expect(stem?.unavailable[0]?.reason).toMatch(/too few sample observations/);
		// A controlled MOE counts as zero.
		expect(findCount(oregon.counts, { group: 'black', sex: 'female', measure: 'population_16_plus' })).toMatchObject({ estimate: 31000, moe: 0, status: 'available' });
	});

	it('uses explicit MOE variables when given, and none when asked for none', () => {
		const [pa] = mapBenchmarks({
			table,
			mappings: [
				{ group: 'black', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010B_007E'], moe: [] } },
				{ group: 'black', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010B_043E'], moe: ['B24010B_043M'] } }
			]
		});
		expect(pa?.counts[0]).toMatchObject({ estimate: 8863, moe: null, moeStatus: 'not_requested' });
		expect(pa?.counts[1]).toMatchObject({ estimate: 7865, moe: 1915, moeStatus: 'available' });
	});

	it('names every missing variable and its geography in a typed error', () => {
		const error = captureError(() =>
			mapBenchmarks({
				table,
				mappings: [{ group: 'black', measure: 'employed_total', variables: { estimate: ['B24010B_001E'] } }],
				geography: 'state:42'
			})
		) as CensusMappingError;
		expect(error).toBeInstanceOf(CensusMappingError);
		expect(error.kind).toBe('mapping');
		expect(error.problems.map((p) => [p.code, p.variable, p.geography])).toEqual([
			['missing_variable', 'B24010B_001E', 'state:42'],
			['missing_variable', 'B24010B_001M', 'state:42']
		]);
		expect(error.problems[0]?.message).toBe(
			'The data for Pennsylvania (state:42) has no B24010B_001E, which the mapping for black/all sexes/employed_total needs (table B24010B).'
		);
	});

	it('names a missing geography and lists the ones the data has', () => {
		const error = captureError(() => mapBenchmarks({ table, mappings, geography: 'state:42/county:101' })) as CensusMappingError;
		expect(error.problems).toEqual([expect.objectContaining({ code: 'missing_geography', geography: 'state:42/county:101' })]);
		expect(error.message).toBe('The data has no row for state:42/county:101. It has: state:42, state:41.');
	});

	it('refuses invalid mappings before reading any data', () => {
		const bad = [
			{ group: 'black', measure: 'stem_employed', variables: { estimate: ['B24010B_007M'] } },
			{ group: 'black', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010B_043E'] } },
			{ group: 'black', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010B_043E'] } },
			{ group: 'Black', measure: 'unknown', variables: { estimate: [] } }
		];
		const problems = checkMappings(bad);
		expect(problems.map((p) => p.message)).toEqual([
			'Mapping 1, variables.estimate.0: Use an estimate id ending in E, like C23002B_001E.',
			'Mapping 3 repeats black/female/stem_employed, already defined by mapping 2.',
			'Mapping 4, group: Use a group id in lower case, like black or white_non_hispanic.',
			expect.stringMatching(/^Mapping 4, measure: /),
			'Mapping 4, variables.estimate: List at least one estimate variable.'
		]);
		expect(() => mapBenchmarks({ table, mappings: bad as VariableMapping[] })).toThrow(CensusMappingError);
	});

	it('lists the variables and tables a mapping needs', () => {
		expect(
			mappedVariables([...mappings, { group: 'black', measure: 'employed_total', variables: { estimate: ['B24010B_001E'], moe: ['B24010B_002M'] } }])
		).toEqual({
			estimates: ['B24010B_007E', 'B24010B_043E', 'C23002B_015E', 'B24010B_001E', 'B24010B_002E'],
			moes: ['B24010B_007M', 'B24010B_043M', 'C23002B_015M', 'B24010B_002M'],
			tables: ['B24010B', 'C23002B']
		});
	});
});

describe('labels', () => {
	it('compares labels across the 2019 colon style', () => {
		expect(normaliseLabel('Estimate!!Total:!!Female:')).toBe('Estimate!!Total!!Female');
		const problems = checkLabels({
			vintage: 'ACS 2030 1-year',
			expected: { C23002B_015E: 'Estimate!!Total!!Female', C23002B_002E: 'Estimate!!Total!!Male', C23002B_099E: 'Estimate!!Total' },
			actual: { C23002B_015E: 'Estimate!!Total:!!Female:', C23002B_002E: 'Estimate!!Total:!!Female:' }
		});
		expect(problems.map((p) => [p.code, p.variable])).toEqual([
			['invalid_mapping', 'C23002B_002E'],
			['missing_variable', 'C23002B_099E']
		]);
		expect(problems[0]?.message).toBe(
			'In ACS 2030 1-year, C23002B_002E is labelled “Estimate!!Total:!!Female:”, not “Estimate!!Total!!Male”: check the mapping before using this vintage.'
		);
	});
});
