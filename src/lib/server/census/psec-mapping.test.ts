import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	benchmarkMeasures,
	checkLabels,
	checkMappings,
	findCount,
	mapGeographyBenchmarks,
	mappedVariables,
	mergeCensusTables,
	type BenchmarkCount,
	type BenchmarkSex,
	type CensusTable
} from './census.js';
import { readCensusCsvFile, readCensusLegendCsv } from './census-csv.js';
import { censusYears, dataFile, itWithSharedData, legendFile, rawValue } from './census-test-data.js';
import { psecGroups, psecMapping, psecTables, psecVariableLabels, type PsecGroup } from './psec-mapping.js';

describe('the PSEC mapping', () => {
	it('is valid and has one entry per group × sex × measure', () => {
		expect(checkMappings(psecMapping)).toEqual([]);
		expect(psecMapping).toHaveLength(psecGroups.length * 3 * benchmarkMeasures.length);
		for (const group of psecGroups) {
			for (const sex of [null, 'female', 'male'] as const) {
				for (const measure of benchmarkMeasures) {
					expect(psecMapping.filter((m) => m.group === group && (m.sex ?? null) === sex && m.measure === measure), `${group} ${sex} ${measure}`).toHaveLength(1);
				}
			}
		}
	});

	it('reads the ten PSEC tables and documents the label of every variable it uses', () => {
		const { estimates, tables } = mappedVariables(psecMapping);
		expect([...tables].sort()).toEqual([...psecTables].sort());
		expect(estimates.sort()).toEqual(Object.keys(psecVariableLabels).sort());
	});

	it('counts STEM as "Computer, engineering, and science occupations" and both sexes as male + female', () => {
		for (const m of psecMapping.filter((x) => x.measure === 'stem_employed')) {
			for (const v of m.variables.estimate) expect(psecVariableLabels[v]).toMatch(/!!Computer, engineering, and science occupations$/);
			const sexes = m.variables.estimate.map((v) => psecVariableLabels[v]?.split('!!')[2]);
			expect(sexes).toEqual(m.sex === undefined ? ['Male', 'Female'] : [m.sex === 'male' ? 'Male' : 'Female']);
		}
	});
});

/** Reads one year's ten tables for Oregon and Pennsylvania from the shared files. */
async function readYear(year: number): Promise<CensusTable> {
	return mergeCensusTables(await Promise.all(psecTables.map((table) => readCensusCsvFile(dataFile(year, table)))));
}

function count(counts: readonly BenchmarkCount<PsecGroup>[], group: PsecGroup, measure: BenchmarkCount['measure'], sex: BenchmarkSex | null = null) {
	const found = findCount(counts, { group, sex, measure });
	if (!found || found.estimate === null) throw new Error(`no ${group} ${sex} ${measure}`);
	return found;
}

describe('the PSEC mapping on the real ACS 1-year files for Pennsylvania', () => {
	const realIt = itWithSharedData();

	realIt('keeps the same labels in every legend from 2015 to 2018', async () => {
		for (const year of censusYears) {
			const actual: Record<string, string> = {};
			for (const table of psecTables) Object.assign(actual, await readCensusLegendCsv(readFileSync(legendFile(year, table))));
			expect(checkLabels({ expected: psecVariableLabels, actual, vintage: `ACS ${year} 1-year` })).toEqual([]);
		}
	});

	realIt('matches hand checks against the raw 2017 values', async () => {
		const pa = mapGeographyBenchmarks({ table: await readYear(2017), mappings: psecMapping, geography: 'state:42' });
		expect(pa.geography).toMatchObject({ name: 'Pennsylvania', geoId: '0400000US42' });

		// Population 16+ = C23001_001E = 10,459,220 ± 4,797.
		expect(count(pa.counts, 'all', 'population_16_plus')).toMatchObject({ estimate: 10_459_220, moe: 4_797 });
		// Black population 16+ = C23002B_001E = 1,112,219 ± 9,170.
		expect(count(pa.counts, 'black', 'population_16_plus')).toMatchObject({ estimate: 1_112_219, moe: 9_170 });
		// STEM employed = B24010_019E (men) + B24010_170E (women) = 249,809 + 92,920, MOE √(7,324² + 4,926²).
		const stem = count(pa.counts, 'all', 'stem_employed');
		expect(stem.estimate).toBe(342_729);
		expect(stem.moe).toBeCloseTo(Math.sqrt(7_324 ** 2 + 4_926 ** 2), 9);
		expect(Math.round(stem.moe ?? 0)).toBe(8_826);
		// Black women: B24010B_043E = 7,865 ± 1,915 in STEM, C23002B_015E = 581,705 ± 5,289 aged 16+.
		expect(count(pa.counts, 'black', 'stem_employed', 'female')).toMatchObject({ estimate: 7_865, moe: 1_915 });
		expect(count(pa.counts, 'black', 'population_16_plus', 'female')).toMatchObject({ estimate: 581_705, moe: 5_289 });
		// Civilian employed 16+ = B24010_001E.
		expect(count(pa.counts, 'all', 'employed_total')).toMatchObject({ estimate: 6_173_143, moe: 22_722 });
	});

	realIt.each(censusYears)('agrees with the raw %i values, and male + female = total in every table', async (year) => {
		const pa = mapGeographyBenchmarks({ table: await readYear(year), mappings: psecMapping, geography: 'state:42' });
		const raw = (table: string, variable: string) => Number(rawValue(readFileSync(dataFile(year, table), 'utf8'), '42', variable));

		expect(count(pa.counts, 'all', 'population_16_plus').estimate).toBe(raw('C23001', 'C23001_001E'));
		expect(count(pa.counts, 'black', 'population_16_plus').estimate).toBe(raw('C23002B', 'C23002B_001E'));
		expect(count(pa.counts, 'hispanic', 'population_16_plus', 'female').estimate).toBe(raw('C23002I', 'C23002I_015E'));
		expect(count(pa.counts, 'all', 'stem_employed').estimate).toBe(raw('B24010', 'B24010_019E') + raw('B24010', 'B24010_170E'));
		expect(count(pa.counts, 'asian', 'stem_employed', 'male').estimate).toBe(raw('B24010D', 'B24010D_007E'));

		for (const group of psecGroups) {
			for (const measure of ['population_16_plus', 'employed_total', 'stem_employed'] as const) {
				const total = count(pa.counts, group, measure);
				const male = count(pa.counts, group, measure, 'male');
				const female = count(pa.counts, group, measure, 'female');
				expect(total.estimate, `${year} ${group} ${measure}`).toBe((male.estimate ?? 0) + (female.estimate ?? 0));
				expect(total.status).toBe('available');
				expect(total.moe).not.toBeNull();
			}
			// STEM workers are a subset of employed people.
			expect(count(pa.counts, group, 'stem_employed').estimate ?? 0).toBeLessThan(count(pa.counts, group, 'employed_total').estimate ?? 0);
		}
	});

	realIt('gives each group’s share of the STEM workforce and of the population 16+ for 2017', async () => {
		const pa = mapGeographyBenchmarks({ table: await readYear(2017), mappings: psecMapping, geography: 'state:42' });
		const stemAll = count(pa.counts, 'all', 'stem_employed').estimate as number;
		const popAll = count(pa.counts, 'all', 'population_16_plus').estimate as number;
		const shares = (group: PsecGroup, sex: BenchmarkSex | null = null) => ({
			stem: (count(pa.counts, group, 'stem_employed', sex).estimate as number) / stemAll,
			population: (count(pa.counts, group, 'population_16_plus', sex).estimate as number) / popAll
		});

		// Hand calculations from the raw 2017 values (denominators 342,729 and 10,459,220).
		const expected: [PsecGroup, BenchmarkSex | null, number, number][] = [
			['all', null, 342_729, 10_459_220],
			['all', 'female', 92_920, 5_385_882],
			['all', 'male', 249_809, 5_073_338],
			['black', null, 8_863 + 7_865, 1_112_219],
			['black', 'female', 7_865, 581_705],
			['black', 'male', 8_863, 530_514],
			['asian', null, 26_571 + 12_731, 358_805],
			['asian', 'female', 12_731, 188_331],
			['white_non_hispanic', null, 202_335 + 68_082, 8_222_022],
			['white_non_hispanic', 'female', 68_082, 4_231_606],
			['hispanic', null, 9_704 + 2_775, 649_903],
			['hispanic', 'female', 2_775, 320_568]
		];
		for (const [group, sex, stem, population] of expected) {
			const s = shares(group, sex);
			expect(s.stem, `${group} ${sex} STEM share`).toBeCloseTo(stem / 342_729, 12);
			expect(s.population, `${group} ${sex} population share`).toBeCloseTo(population / 10_459_220, 12);
		}

		// Rounded, as a person would read them off the chart.
		const pct = (x: number) => Math.round(x * 1000) / 10;
		expect(pct(shares('all', 'female').stem)).toBe(27.1);
		expect(pct(shares('all', 'female').population)).toBe(51.5);
		expect(pct(shares('black').stem)).toBe(4.9);
		expect(pct(shares('black').population)).toBe(10.6);
		expect(pct(shares('black', 'female').stem)).toBe(2.3);
		expect(pct(shares('black', 'female').population)).toBe(5.6);
		expect(pct(shares('hispanic').stem)).toBe(3.6);
		expect(pct(shares('hispanic').population)).toBe(6.2);
		expect(pct(shares('asian').stem)).toBe(11.5);
		expect(pct(shares('asian').population)).toBe(3.4);
		expect(pct(shares('white_non_hispanic').stem)).toBe(78.9);
		expect(pct(shares('white_non_hispanic').population)).toBe(78.6);
	});
});
