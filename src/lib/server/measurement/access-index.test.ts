import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	assessSeriesTrajectory,
	assessTrajectory,
	computeAccessIndex,
	computeIndexSeries,
	computePipeline,
	describeTrajectoryStatus,
	expectedIndexAt,
	marginOfErrorOfProportion,
	marginOfErrorOfRatio,
	zForConfidenceLevel,
	type AccessIndexInput,
	type AccessIndexResult,
	type AccessIndexValue,
	type CountInput,
	type InputName,
	type UnavailableReason
} from './access-index.js';

const PRECISION = 1e-9;

function cell(stageGroup: CountInput, stageTotal: CountInput, benchmarkGroup: CountInput, benchmarkTotal: CountInput): AccessIndexInput {
	return { stage: { group: stageGroup, total: stageTotal }, benchmark: { group: benchmarkGroup, total: benchmarkTotal } };
}

function expectAvailable(result: AccessIndexResult): AccessIndexValue {
	if (!result.available) throw new Error(`expected an index, got ${result.reason}: ${result.explanation}`);
	return result;
}

describe('computeAccessIndex: hand-computed cells', () => {
	// [description, stage group, stage total, benchmark group, benchmark total, share, benchmark share, index, gap, gap in people]
	const cases: Array<[string, number, number, number, number, number, number, number, number, number]> = [
		['PSEC example: a third of parity', 1_000, 10_000, 30_000, 100_000, 0.1, 0.3, 1 / 3, 2_000, 2_000],
		['exactly at parity', 1_000, 10_000, 10_000, 100_000, 0.1, 0.1, 1, 0, 0],
		['above parity has no gap', 3_000, 10_000, 20_000, 100_000, 0.3, 0.2, 1.5, 0, 0],
		['group absent from the stage (count 0) is index 0', 0, 500, 250, 1_000, 0, 0.25, 0, 125, 125],
		['a fractional gap rounds up to whole people', 7, 100, 1_000, 3_000, 0.07, 1 / 3, 0.21, 100 / 3 - 7, 27],
		['the whole stage is the group', 10, 10, 1, 2, 1, 0.5, 2, 0, 0],
		['weighted (non-whole) estimates', 12.5, 50, 25, 100, 0.25, 0.25, 1, 0, 0],
		['group is the whole benchmark population', 40, 100, 500, 500, 0.4, 1, 0.4, 60, 60]
	];
	it.each(cases)('%s', (_, stageGroup, stageTotal, benchmarkGroup, benchmarkTotal, share, benchmarkShare, index, gap, people) => {
		const result = expectAvailable(computeAccessIndex(cell(stageGroup, stageTotal, benchmarkGroup, benchmarkTotal)));
		expect(result.groupShare).toBeCloseTo(share, 12);
		expect(result.benchmarkShare).toBeCloseTo(benchmarkShare, 12);
		expect(result.index).toBeCloseTo(index, 12);
		expect(result.atParity).toBe(index >= 1);
		expect(result.gapToParity).toBeCloseTo(gap, 9);
		expect(result.gapToParityPeople).toBe(people);
		expect(result.interval.available).toBe(false);
	});

	it('gives exactly 1 at parity, not 0.999…', () => {
		const result = expectAvailable(computeAccessIndex(cell(7, 70, 30_000, 300_000)));
		expect(result.index).toBe(1);
		expect(result.atParity).toBe(true);
	});

	it('accepts { value } objects and the public cells of suppression.ts', () => {
		const result = expectAvailable(computeAccessIndex(cell({ value: 1_000 }, { value: 10_000 }, { value: 30_000 }, 100_000)));
		expect(result.index).toBeCloseTo(1 / 3, 12);
	});
});

describe('computeAccessIndex: not available, never NaN', () => {
	// [description, input, reason, inputs named]
	const cases: Array<[string, AccessIndexInput, UnavailableReason, InputName[]]> = [
		['nothing reported for the stage group', cell(null, 100, 10, 100), 'missing', ['stage.group']],
		['benchmark total undefined', cell(5, 100, 10, undefined), 'missing', ['benchmark.total']],
		['several missing inputs are all named', cell(null, null, 10, 100), 'missing', ['stage.group', 'stage.total']],
		['stage group suppressed by the source', cell({ suppressed: true }, 100, 10, 100), 'suppressed', ['stage.group']],
		['benchmark group suppressed', cell(5, 100, { suppressed: true }, 100), 'suppressed', ['benchmark.group']],
		['group not reported by the benchmark source', cell(5, 100, { absent: true }, 1_000), 'group_absent', ['benchmark.group']],
		['group not reported at the stage', cell({ absent: true }, 100, 10, 1_000), 'group_absent', ['stage.group']],
		['a negative count', cell(-1, 100, 10, 100), 'invalid_input', ['stage.group']],
		['NaN', cell(Number.NaN, 100, 10, 100), 'invalid_input', ['stage.group']],
		['Infinity', cell(5, Number.POSITIVE_INFINITY, 10, 100), 'invalid_input', ['stage.total']],
		['NaN inside an estimate', cell(5, 100, { value: Number.NaN }, 100), 'invalid_input', ['benchmark.group']],
		[
			'an untranslated Census MOE code',
			cell(5, 100, { value: 10, marginOfError: -555_555_555 }, 100),
			'invalid_input',
			['benchmark.group']
		],
		['a string where a count belongs', cell('5' as unknown as number, 100, 10, 100), 'invalid_input', ['stage.group']],
		['an object of the wrong shape', cell({} as unknown as number, 100, 10, 100), 'invalid_input', ['stage.group']],
		['no one at the stage', cell(0, 0, 10, 100), 'zero_denominator', ['stage.total']],
		['an empty benchmark population', cell(5, 100, 0, 0), 'zero_denominator', ['benchmark.total']],
		['both totals zero', cell(0, 0, 0, 0), 'zero_denominator', ['stage.total', 'benchmark.total']],
		['more of the group than the stage holds', cell(11, 10, 10, 100), 'group_exceeds_total', ['stage.group']],
		['more of the group than the benchmark holds', cell(5, 10, 101, 100), 'group_exceeds_total', ['benchmark.group']],
		['group has no one in the benchmark population', cell(5, 100, 0, 1_000), 'zero_benchmark', ['benchmark.group']],
		// Precedence: a broken input is reported before what the source withheld, and so on.
		['invalid before missing', cell(null, -3, 10, 100), 'invalid_input', ['stage.total']],
		['absent before suppressed', cell({ suppressed: true }, 100, { absent: true }, 100), 'group_absent', ['benchmark.group']],
		['suppressed before missing', cell({ suppressed: true }, null, 10, 100), 'suppressed', ['stage.group']],
		['missing before zero totals', cell(null, 0, 10, 100), 'missing', ['stage.group']],
		['zero totals before exceeding', cell(11, 10, 0, 0), 'zero_denominator', ['benchmark.total']],
		[
			'absurdly large figures',
			cell(1e300, 1e300, Number.MIN_VALUE, 1e300),
			'out_of_range',
			['stage.group', 'stage.total', 'benchmark.group', 'benchmark.total']
		]
	];
	it.each(cases)('%s', (_, input, reason, inputs) => {
		const result = computeAccessIndex(input);
		expect(result).toMatchObject({ available: false, reason, inputs });
		if (result.available) return;
		expect(result.explanation).toMatch(/^[A-Z].*\.$/);
		expect(result.explanation).not.toMatch(/undefined|NaN|null/);
	});

	it('names the input in plain words', () => {
		const result = computeAccessIndex(cell({ suppressed: true }, 100, 10, 100));
		expect(result.available ? '' : result.explanation).toContain("the group's count at this stage");
	});

	it('never returns NaN or Infinity, whatever the inputs', () => {
		const count = fc.oneof(
			fc.integer({ min: -5, max: 1_000_000 }),
			fc.double({ noNaN: false }),
			fc.constantFrom(null, undefined, { suppressed: true as const }, { absent: true as const }, 0),
			fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double()), marginOfError: fc.option(fc.double()) })
		) as fc.Arbitrary<CountInput>;
		fc.assert(
			fc.property(count, count, count, count, (a, b, c, d) => {
				const result = computeAccessIndex(cell(a, b, c, d));
				const numbers = result.available
					? [
							result.groupShare,
							result.benchmarkShare,
							result.index,
							result.gapToParity,
							result.gapToParityPeople,
							...(result.interval.available ? [result.interval.lower, result.interval.upper, result.interval.standardError] : [])
						]
					: [];
				return numbers.every(Number.isFinite) && numbers.every((n) => n >= 0);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('margins of error (ACS approximations)', () => {
	it('uses the proportion formula when the value under the root is positive', () => {
		// p = 1000/10000 = 0.1: sqrt(150² − 0.1²·400²)/10000 = sqrt(22500 − 1600)/10000
		const moe = marginOfErrorOfProportion({ part: 1_000, partMoe: 150, whole: 10_000, wholeMoe: 400 });
		expect(moe).toBeCloseTo(Math.sqrt(20_900) / 10_000, 12);
		expect(Math.abs(moe - 0.01445683229480096)).toBeLessThan(PRECISION);
	});

	it('falls back to the ratio formula when the value under the root is negative', () => {
		// p = 0.5: 100² − 0.25·400² = −30000 < 0, so sqrt(100² + 0.25·400²)/10000
		const moe = marginOfErrorOfProportion({ part: 5_000, partMoe: 100, whole: 10_000, wholeMoe: 400 });
		expect(Math.abs(moe - Math.sqrt(50_000) / 10_000)).toBeLessThan(PRECISION);
		expect(Math.abs(moe - 0.022360679774997897)).toBeLessThan(PRECISION);
	});

	it('a zero estimate keeps its published MOE', () => {
		// ACS publishes a MOE for zero estimates; p = 0 so the proportion MOE is MOE_x / y.
		expect(marginOfErrorOfProportion({ part: 0, partMoe: 13, whole: 1_000, wholeMoe: 50 })).toBeCloseTo(0.013, 12);
	});

	it('computes the ratio formula', () => {
		// R = 0.1/0.3: sqrt(0.02² + (1/3)²·0.01²)/0.3
		const moe = marginOfErrorOfRatio({ numerator: 0.1, numeratorMoe: 0.02, denominator: 0.3, denominatorMoe: 0.01 });
		expect(Math.abs(moe - Math.sqrt(0.0004 + 0.0001 / 9) / 0.3)).toBeLessThan(PRECISION);
	});

	it.each([
		[0.9, 1.645],
		[0.95, 1.96],
		[0.99, 2.576],
		[0.8, 1.2815515655446008],
		[0.5, 0.6744897501960817]
	])('z for a %s confidence level is %s', (level, z) => {
		expect(Math.abs(zForConfidenceLevel(level) - z)).toBeLessThan(1e-8);
	});

	it('the inverse normal agrees with the exact z behind the rounded 1.645', () => {
		// zForConfidenceLevel(0.9) uses the handbook's 1.645; check the general formula near it.
		expect(Math.abs(zForConfidenceLevel(0.9000001) - 1.6448536269514715)).toBeLessThan(1e-6);
	});

	it.each([0, 1, -0.5, 1.5, 90, Number.NaN])('refuses the confidence level %s', (level) => {
		expect(() => zForConfidenceLevel(level)).toThrow(/between 0 and 1/);
		expect(() => computeAccessIndex(cell(1, 2, 3, 4), { confidenceLevel: level })).toThrow(RangeError);
	});
});

describe('computeAccessIndex: confidence interval', () => {
	// Group 1,000 ±150 of 10,000 ±400 at the stage; 30,000 ±900 of 100,000 ±1,200 in the benchmark.
	const withMargins = cell(
		{ value: 1_000, marginOfError: 150 },
		{ value: 10_000, marginOfError: 400 },
		{ value: 30_000, marginOfError: 900 },
		{ value: 100_000, marginOfError: 1_200 }
	);
	// By hand: MOE(share) = sqrt(150² − 0.1²·400²)/10,000; MOE(benchmark share) = sqrt(900² − 0.3²·1,200²)/100,000;
	// MOE(index, 90%) = sqrt(MOE(share)² + (1/3)²·MOE(benchmark share)²)/0.3.
	const shareMoe = Math.sqrt(150 ** 2 - 0.1 ** 2 * 400 ** 2) / 10_000;
	const benchmarkShareMoe = Math.sqrt(900 ** 2 - 0.3 ** 2 * 1_200 ** 2) / 100_000;
	const indexMoe90 = Math.sqrt(shareMoe ** 2 + (1 / 3) ** 2 * benchmarkShareMoe ** 2) / 0.3;

	it('matches the hand calculation at 90%', () => {
		const { interval, index } = expectAvailable(computeAccessIndex(withMargins));
		if (!interval.available) throw new Error('expected an interval');
		expect(Math.abs(indexMoe90 - 0.04905325903772575)).toBeLessThan(PRECISION);
		expect(interval.level).toBe(0.9);
		expect(Math.abs(interval.marginOfError - indexMoe90)).toBeLessThan(PRECISION);
		expect(Math.abs(interval.standardError - indexMoe90 / 1.645)).toBeLessThan(PRECISION);
		expect(Math.abs(interval.lower - (1 / 3 - indexMoe90))).toBeLessThan(PRECISION);
		expect(Math.abs(interval.upper - (1 / 3 + indexMoe90))).toBeLessThan(PRECISION);
		expect(Math.abs(interval.lower - 0.28428007429560764)).toBeLessThan(PRECISION);
		expect(Math.abs(interval.upper - 0.3823865923710591)).toBeLessThan(PRECISION);
		expect(Math.abs((interval.coefficientOfVariation ?? 0) - indexMoe90 / 1.645 / index)).toBeLessThan(PRECISION);
		expect(interval.lowerClamped).toBe(false);
		expect(interval.assumedExact).toEqual([]);
	});

	it('rescales the 90% margin to 95% with z = 1.96', () => {
		const { interval } = expectAvailable(computeAccessIndex(withMargins, { confidenceLevel: 0.95 }));
		if (!interval.available) throw new Error('expected an interval');
		expect(interval.level).toBe(0.95);
		expect(Math.abs(interval.marginOfError - (indexMoe90 / 1.645) * 1.96)).toBeLessThan(PRECISION);
		expect(Math.abs(interval.marginOfError - 0.058446436300268974)).toBeLessThan(PRECISION);
	});

	it('uses the ratio fallback for a share when the proportion formula goes negative', () => {
		const input = cell({ value: 5_000, marginOfError: 100 }, { value: 10_000, marginOfError: 400 }, 50_000, 100_000);
		const { interval } = expectAvailable(computeAccessIndex(input));
		if (!interval.available) throw new Error('expected an interval');
		// Index 1; benchmark exact, so MOE(index) = MOE(share)/0.5 = (sqrt(100² + 0.25·400²)/10,000)/0.5.
		expect(Math.abs(interval.marginOfError - Math.sqrt(50_000) / 10_000 / 0.5)).toBeLessThan(PRECISION);
		expect(interval.assumedExact).toEqual(['benchmark.group', 'benchmark.total']);
	});

	it("treats a partner's full count as exact beside an ACS benchmark", () => {
		const input = cell(1_000, 10_000, { value: 30_000, marginOfError: 900 }, { value: 100_000, marginOfError: 1_200 });
		const { interval } = expectAvailable(computeAccessIndex(input));
		if (!interval.available) throw new Error('expected an interval');
		// MOE(index) = sqrt(0 + (1/3)²·MOE(benchmark share)²)/0.3
		expect(Math.abs(interval.marginOfError - ((1 / 3) * benchmarkShareMoe) / 0.3)).toBeLessThan(PRECISION);
		expect(Math.abs(interval.marginOfError - 0.009165151389911681)).toBeLessThan(PRECISION);
		expect(interval.assumedExact).toEqual(['stage.group', 'stage.total']);
	});

	it('clamps a negative lower bound at 0 and says so', () => {
		const input = cell({ value: 2, marginOfError: 30 }, 1_000, 100, 1_000);
		const { interval, index } = expectAvailable(computeAccessIndex(input));
		if (!interval.available) throw new Error('expected an interval');
		expect(index).toBeCloseTo(0.02, 12);
		expect(interval.lower).toBe(0);
		expect(interval.lowerClamped).toBe(true);
		// MOE = (30/1000)/0.1 = 0.3, so the upper bound is 0.32.
		expect(Math.abs(interval.upper - 0.32)).toBeLessThan(PRECISION);
	});

	it('has no coefficient of variation for an index of 0', () => {
		const { interval } = expectAvailable(computeAccessIndex(cell({ value: 0, marginOfError: 13 }, 1_000, 100, 1_000)));
		expect(interval).toMatchObject({ available: true, coefficientOfVariation: null, lower: 0, lowerClamped: true });
	});

	it('says plainly when no figure carries a margin of error', () => {
		const { interval } = expectAvailable(computeAccessIndex(cell(1, 10, 3, 10)));
		expect(interval).toMatchObject({ available: false, reason: 'no_margins_of_error' });
	});

	it('an overflowing margin of error gives no interval rather than Infinity', () => {
		const { interval } = expectAvailable(computeAccessIndex(cell({ value: 1, marginOfError: 1e300 }, 10, 3, 10)));
		expect(interval).toMatchObject({ available: false, reason: 'out_of_range' });
	});

	it('a margin of error of 0 is a real margin (an interval of zero width)', () => {
		const { interval } = expectAvailable(computeAccessIndex(cell({ value: 1, marginOfError: 0 }, 10, 3, 10)));
		expect(interval).toMatchObject({ available: true, marginOfError: 0 });
	});
});

describe('computeIndexSeries', () => {
	it('computes every year, oldest first, keeping unavailable years in place', () => {
		const series = computeIndexSeries([
			{ year: 2018, ...cell(300, 1_000, 300, 1_000) },
			{ year: 2016, ...cell(100, 1_000, 300, 1_000) },
			{ year: 2017, ...cell({ suppressed: true }, 1_000, 300, 1_000) }
		]);
		expect(series.map(({ year }) => year)).toEqual([2016, 2017, 2018]);
		expect(series[0]!.result).toMatchObject({ available: true, index: 1 / 3 });
		expect(series[1]!.result).toMatchObject({ available: false, reason: 'suppressed' });
		expect(series[2]!.result).toMatchObject({ available: true, index: 1 });
	});

	it('passes the confidence level through', () => {
		const [entry] = computeIndexSeries([{ year: 2020, ...cell({ value: 10, marginOfError: 5 }, 100, 10, 100) }], { confidenceLevel: 0.95 });
		expect(entry!.result).toMatchObject({ available: true, interval: { level: 0.95 } });
	});

	it('refuses the same year twice', () => {
		expect(() => computeIndexSeries([{ year: 2020, ...cell(1, 2, 3, 4) }, { year: 2020, ...cell(1, 2, 3, 4) }])).toThrow(/2020 appears twice/);
	});

	it('an empty series is empty', () => {
		expect(computeIndexSeries([])).toEqual([]);
	});
});

describe('computePipeline', () => {
	// Benchmark share 0.3 everywhere, so the index is the stage share ÷ 0.3.
	const stage = (stageKey: string, group: CountInput, total: CountInput = 1_000) => ({ stageKey, ...cell(group, total, 300, 1_000) });

	it('finds the stage where the group is lost', () => {
		const result = computePipeline([stage('k12', 300), stage('out_of_school', 270), stage('postsecondary', 150), stage('workforce', 120)]);
		expect(result.stages.map(({ result }) => (result.available ? Number(result.index.toFixed(3)) : null))).toEqual([1, 0.9, 0.5, 0.4]);
		expect(result.biggestDrop).toMatchObject({ fromStage: 'out_of_school', toStage: 'postsecondary', skippedStages: [] });
		expect(result.biggestDrop!.drop).toBeCloseTo(0.4, 12);
		expect(result.lowestStage).toMatchObject({ stageKey: 'workforce' });
	});

	it('steps over stages without an index and names them', () => {
		const result = computePipeline([stage('k12', 300), stage('out_of_school', null), stage('postsecondary', { suppressed: true }), stage('workforce', 60)]);
		expect(result.biggestDrop).toMatchObject({ fromStage: 'k12', toStage: 'workforce', skippedStages: ['out_of_school', 'postsecondary'] });
		expect(result.biggestDrop!.drop).toBeCloseTo(0.8, 12);
	});

	it('reports no drop when the index never falls', () => {
		const result = computePipeline([stage('k12', 100), stage('postsecondary', 200), stage('workforce', 200)]);
		expect(result.biggestDrop).toBeNull();
		expect(result.lowestStage).toMatchObject({ stageKey: 'k12' });
	});

	it('on equal drops, names the earlier stage', () => {
		const result = computePipeline([stage('a', 300), stage('b', 240), stage('c', 180)]);
		expect(result.biggestDrop).toMatchObject({ fromStage: 'a', toStage: 'b' });
	});

	it('has no drop and no lowest stage when no stage has an index', () => {
		const result = computePipeline([stage('k12', null), stage('postsecondary', 0, 0), stage('workforce', 5, 4)]);
		expect(result).toMatchObject({ biggestDrop: null, lowestStage: null });
		expect(result.stages.map(({ result }) => (result.available ? null : result.reason))).toEqual([
			'missing',
			'zero_denominator',
			'group_exceeds_total'
		]);
	});

	it('leading unavailable stages are not listed as skipped', () => {
		const result = computePipeline([stage('k12', null), stage('postsecondary', 300), stage('workforce', 150)]);
		expect(result.biggestDrop).toMatchObject({ fromStage: 'postsecondary', toStage: 'workforce', skippedStages: [] });
	});

	it('refuses the same stage twice', () => {
		expect(() => computePipeline([stage('k12', 1), stage('k12', 2)])).toThrow(/k12 appears twice/);
	});
});

describe('trajectory', () => {
	const baseline = { year: 2020, index: 0.5 };

	it.each([
		[2015, 0.5],
		[2020, 0.5],
		[2021, 0.55],
		[2025, 0.75],
		[2029, 0.95],
		[2030, 1],
		[2035, 1]
	])('expects the index on a straight line to 1.0 in 2030: %s → %s', (year, expected) => {
		expect(expectedIndexAt({ baseline, year })).toBeCloseTo(expected, 12);
	});

	it('follows a custom target', () => {
		expect(expectedIndexAt({ baseline: { year: 2020, index: 0.4 }, target: { year: 2024, index: 0.8 }, year: 2022 })).toBeCloseTo(0.6, 12);
	});

	it('a baseline after the target year expects the target', () => {
		expect(expectedIndexAt({ baseline: { year: 2031, index: 0.5 }, year: 2032 })).toBe(1);
	});

	// [description, latest, status, expected]
	const statuses: Array<[string, { year: number; index: number }, 'reached' | 'on_track' | 'behind', number]> = [
		['above the line is on track', { year: 2025, index: 0.8 }, 'on_track', 0.75],
		['exactly on the line is on track', { year: 2025, index: 0.75 }, 'on_track', 0.75],
		['within the tolerance is on track', { year: 2025, index: 0.746 }, 'on_track', 0.75],
		['below the tolerance is behind', { year: 2025, index: 0.74 }, 'behind', 0.75],
		['falling back is behind', { year: 2025, index: 0.45 }, 'behind', 0.75],
		['parity is reached', { year: 2025, index: 1 }, 'reached', 0.75],
		['past the target year, short of parity, is behind', { year: 2031, index: 0.99 }, 'behind', 1],
		['the baseline year itself is on track', { year: 2020, index: 0.5 }, 'on_track', 0.5]
	];
	it.each(statuses)('%s', (_, latest, status, expected) => {
		const assessment = assessTrajectory({ baseline, latest });
		expect(assessment).toMatchObject({ available: true, status, target: { year: 2030, index: 1 } });
		if (!assessment.available) return;
		expect(assessment.expected).toBeCloseTo(expected, 12);
		expect(assessment.shortfall).toBeCloseTo(expected - latest.index, 12);
	});

	it('takes a custom tolerance', () => {
		expect(assessTrajectory({ baseline, latest: { year: 2025, index: 0.7 }, tolerance: 0.05 })).toMatchObject({ status: 'on_track' });
		expect(assessTrajectory({ baseline, latest: { year: 2025, index: 0.746 }, tolerance: 0 })).toMatchObject({ status: 'behind' });
	});

	it('a baseline already at parity must stay there', () => {
		const atParity = { year: 2020, index: 1.2 };
		expect(assessTrajectory({ baseline: atParity, latest: { year: 2024, index: 1.05 } })).toMatchObject({ status: 'reached' });
		expect(assessTrajectory({ baseline: atParity, latest: { year: 2024, index: 0.9 } })).toMatchObject({ status: 'behind' });
	});

	it.each([
		['a latest figure older than the baseline', { baseline, latest: { year: 2019, index: 0.6 } }, 'latest_before_baseline'],
		['a NaN index', { baseline, latest: { year: 2025, index: Number.NaN } }, 'invalid_input'],
		['an infinite baseline', { baseline: { year: 2020, index: Number.POSITIVE_INFINITY }, latest: { year: 2025, index: 1 } }, 'invalid_input'],
		['a negative tolerance', { baseline, latest: { year: 2025, index: 1 }, tolerance: -1 }, 'invalid_input']
	])('is not available for %s', (_, args, reason) => {
		expect(assessTrajectory(args)).toMatchObject({ available: false, reason });
	});

	it('labels statuses in plain words', () => {
		expect(['reached', 'on_track', 'behind'].map((status) => describeTrajectoryStatus(status as 'reached'))).toEqual([
			'Target reached',
			'On track',
			'Behind'
		]);
	});
});

describe('assessSeriesTrajectory', () => {
	const series = computeIndexSeries([
		{ year: 2016, ...cell(null, 1_000, 300, 1_000) },
		{ year: 2017, ...cell(150, 1_000, 300, 1_000) },
		{ year: 2018, ...cell(165, 1_000, 300, 1_000) },
		{ year: 2019, ...cell({ suppressed: true }, 1_000, 300, 1_000) }
	]);

	it('starts at the first year with an index and ends at the last', () => {
		const assessment = assessSeriesTrajectory({ series });
		expect(assessment).toMatchObject({ available: true, baseline: { year: 2017 }, latest: { year: 2018 }, status: 'on_track' });
		if (!assessment.available) return;
		// Expected in 2018: 0.5 + (1 − 0.5)·(1/13); actual 0.55.
		expect(assessment.expected).toBeCloseTo(0.5 + 0.5 / 13, 12);
	});

	it('uses a chosen baseline year', () => {
		expect(assessSeriesTrajectory({ series, baselineYear: 2018 })).toMatchObject({ baseline: { year: 2018 }, latest: { year: 2018 } });
	});

	it('is not available when the chosen baseline year has no index', () => {
		expect(assessSeriesTrajectory({ series, baselineYear: 2019 })).toMatchObject({ available: false, reason: 'no_baseline' });
	});

	it('is not available when no year has an index', () => {
		expect(assessSeriesTrajectory({ series: series.filter(({ year }) => year === 2016) })).toMatchObject({
			available: false,
			reason: 'no_baseline'
		});
	});
});
