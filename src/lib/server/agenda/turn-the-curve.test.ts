import { describe, expect, it } from 'vitest';
import { assessProgress, cleanSeries, forecastLinear, meets, straightLineTargets, targetFor, type Point, type Polarity, type ProgressStatus } from './turn-the-curve.js';

const series = (...pairs: [number, number][]): Point[] => pairs.map(([year, value]) => ({ year, value }));

describe('cleanSeries', () => {
	it('sorts by year, keeps the later of two entries for one year and drops non-finite values', () => {
		expect(cleanSeries(series([2020, 3], [2018, 1], [2020, 4], [2019, Number.NaN]))).toEqual(series([2018, 1], [2020, 4]));
	});
});

describe('forecastLinear', () => {
	it.each([
		{ name: 'no points', history: [] as Point[] },
		{ name: 'one point', history: series([2020, 0.5]) }
	])('has no forecast with $name', ({ history }) => {
		expect(forecastLinear({ history, throughYear: 2030 })).toEqual({ available: false, reason: 'not_enough_data' });
	});

	it('draws the line through two points, without a band', () => {
		const f = forecastLinear({ history: series([2020, 0.5], [2022, 0.6]), throughYear: 2024 });
		if (!f.available) throw new Error('expected a forecast');
		expect(f.slope).toBeCloseTo(0.05);
		expect(f.residualError).toBeNull();
		expect(f.points.map((p) => [p.year, +p.value.toFixed(4), p.lower, p.upper])).toEqual([
			[2023, 0.65, null, null],
			[2024, 0.7, null, null]
		]);
	});

	it('uses the real years when some are missing', () => {
		const f = forecastLinear({ history: series([2016, 1], [2017, 2], [2020, 5]), throughYear: 2021 });
		if (!f.available) throw new Error('expected a forecast');
		expect(f.slope).toBeCloseTo(1);
		expect(f.residualError).toBeCloseTo(0);
		expect(f.points[0]!.value).toBeCloseTo(6);
	});

	it('fits only the last `window` points', () => {
		const f = forecastLinear({ history: series([2015, 100], [2016, 0], [2017, 1], [2018, 2]), throughYear: 2019, window: 3 });
		if (!f.available) throw new Error('expected a forecast');
		expect(f.fittedFrom.map((p) => p.year)).toEqual([2016, 2017, 2018]);
		expect(f.points[0]!.value).toBeCloseTo(3);
	});

	it('gives a 90% prediction band that widens with distance (t with n−2 degrees of freedom)', () => {
		// Slope 0.96, residuals 0.04, −0.12, 0.12, −0.04: s = √(0.032 / 2); t(0.95, 2) = 2.92.
		const f = forecastLinear({ history: series([2020, 1.1], [2021, 1.9], [2022, 3.1], [2023, 3.9]), throughYear: 2026 });
		if (!f.available) throw new Error('expected a forecast');
		const s = f.residualError!;
		expect(f.slope).toBeCloseTo(0.96, 9);
		expect(s).toBeCloseTo(Math.sqrt(0.016), 9);
		const first = f.points[0]!;
		const half = 2.92 * s * Math.sqrt(1 + 1 / 4 + (2024 - 2021.5) ** 2 / 5);
		expect(first.upper! - first.value).toBeCloseTo(half, 6);
		expect(first.value - first.lower!).toBeCloseTo(half, 6);
		const widths = f.points.map((p) => p.upper! - p.lower!);
		expect(widths[2]!).toBeGreaterThan(widths[0]!);
	});

	it('forecasts nothing when the last point is already in the target year', () => {
		const f = forecastLinear({ history: series([2029, 1], [2030, 2]), throughYear: 2030 });
		expect(f.available && f.points).toEqual([]);
	});
});

describe('targetFor', () => {
	const targets = series([2026, 0.7], [2028, 0.9], [2030, 1]);
	it.each([
		{ year: 2026, baseline: null, expected: 0.7, why: 'its own target' },
		{ year: 2027, baseline: null, expected: 0.8, why: 'between two targets' },
		{ year: 2031, baseline: null, expected: 1, why: 'the last target holds afterwards' },
		{ year: 2025, baseline: null, expected: null, why: 'before any target, without a baseline' },
		{ year: 2024, baseline: { year: 2022, value: 0.5 }, expected: 0.6, why: 'between the baseline and the first target' },
		{ year: 2021, baseline: { year: 2022, value: 0.5 }, expected: null, why: 'before the baseline' }
	])('$why → $expected', ({ year, baseline, expected }) => {
		const got = targetFor({ year, targets, baseline });
		if (expected === null) expect(got).toBeNull();
		else expect(got).toBeCloseTo(expected);
	});

	it('is null without targets', () => {
		expect(targetFor({ year: 2025, targets: [], baseline: { year: 2020, value: 1 } })).toBeNull();
	});
});

describe('straightLineTargets', () => {
	it('fills one target per year from the year after the baseline to the final year', () => {
		expect(straightLineTargets({ baseline: { year: 2026, value: 0.6 }, final: { year: 2030, value: 1 } })).toEqual(
			series([2027, 0.7], [2028, 0.8], [2029, 0.9], [2030, 1])
		);
	});
});

describe('meets', () => {
	it.each([
		[1, 1, 'up', true],
		[0.996, 1, 'up', true],
		[0.99, 1, 'up', false],
		[5, 4, 'down', false],
		[3, 4, 'down', true],
		[4.004, 4, 'down', true]
	] as const)('%s against %s (%s is good) → %s', (value, goal, polarity, expected) => {
		expect(meets(value, goal, polarity)).toBe(expected);
	});
});

describe('assessProgress', () => {
	const targets = series([2024, 0.6], [2026, 0.8], [2030, 1]);
	const cases: { name: string; history: Point[]; polarity: Polarity; targets?: Point[]; baseline?: Point; status: ProgressStatus }[] = [
		{ name: 'no data at all', history: [], polarity: 'up', status: 'no_data' },
		{ name: 'one point meeting its year’s target', history: series([2024, 0.61]), polarity: 'up', status: 'on_track' },
		{ name: 'one point below its year’s target', history: series([2024, 0.5]), polarity: 'up', status: 'off_track' },
		{ name: 'latest between targets, above the line', history: series([2023, 0.5], [2025, 0.72]), polarity: 'up', status: 'on_track' },
		{ name: 'latest between targets, below the line', history: series([2023, 0.5], [2025, 0.65]), polarity: 'up', status: 'off_track' },
		{ name: 'missing years in between', history: series([2019, 0.4], [2022, 0.5], [2026, 0.81]), polarity: 'up', status: 'on_track' },
		{ name: 'final target already met early', history: series([2023, 0.9], [2024, 1.02]), polarity: 'up', status: 'target_met' },
		{ name: 'before any target and no baseline', history: series([2021, 0.3]), polarity: 'up', status: 'no_target' },
		{ name: 'before the first target with a baseline', history: series([2022, 0.52]), polarity: 'up', baseline: { year: 2020, value: 0.4 }, status: 'on_track' },
		{ name: 'no targets set', history: series([2024, 0.6]), polarity: 'up', targets: [], status: 'no_target' },
		{
			name: 'down is good, falling faster than the targets',
			history: series([2023, 30], [2024, 24]),
			polarity: 'down',
			targets: series([2024, 25], [2030, 10]),
			status: 'on_track'
		},
		{
			name: 'down is good, above the target line',
			history: series([2023, 30], [2024, 28]),
			polarity: 'down',
			targets: series([2024, 25], [2030, 10]),
			status: 'off_track'
		},
		{ name: 'down is good, already at the final target', history: series([2024, 9]), polarity: 'down', targets: series([2024, 25], [2030, 10]), status: 'target_met' }
	];
	it.each(cases)('$name → $status', ({ history, polarity, baseline, status, ...rest }) => {
		expect(assessProgress({ history, targets: rest.targets ?? targets, baseline, polarity, targetYear: 2030 }).status).toBe(status);
	});

	it('projects the trend to the final target year and says whether it would meet it', () => {
		const rising = assessProgress({ history: series([2022, 0.5], [2023, 0.6], [2024, 0.7]), targets, polarity: 'up', targetYear: 2030 });
		expect(rising.projected?.year).toBe(2030);
		expect(rising.projected?.value).toBeCloseTo(1.3);
		expect(rising.projected?.meetsTarget).toBe(true);
		const flat = assessProgress({ history: series([2022, 0.6], [2023, 0.6], [2024, 0.6]), targets, polarity: 'up', targetYear: 2030 });
		expect(flat.status).toBe('on_track');
		expect(flat.projected?.meetsTarget).toBe(false);
	});

	it('has no projection with a single point, but still a status', () => {
		const one = assessProgress({ history: series([2024, 0.7]), targets, polarity: 'up', targetYear: 2030 });
		expect(one).toMatchObject({ status: 'on_track', projected: null, forecast: { available: false } });
	});

	it('runs the forecast to the goal year even without targets', () => {
		const p = assessProgress({ history: series([2022, 1], [2023, 2]), targets: [], polarity: 'up', targetYear: 2026 });
		expect(p.forecast.available && p.forecast.points.map((x) => x.year)).toEqual([2024, 2025, 2026]);
	});
});
