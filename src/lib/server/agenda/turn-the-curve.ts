/**
 * Turn the curve: the pure core behind every indicator and performance measure (no I/O),
 * table-tested in turn-the-curve.test.ts. Documented for readers in docs/agenda.md.
 *
 * - **Forecast if nothing changes**: an ordinary least-squares straight line through the last
 *   `window` observed points (5 by default), using the real years, so a missing year leaves a gap
 *   instead of squeezing the line. With three or more points it carries a 90 % prediction band,
 *   ± t(0.95, n−2) × s × √(1 + 1/n + (x − x̄)² / Sxx), where s is the residual standard error;
 *   with two points the line has no band (nothing to estimate the scatter from); with fewer there
 *   is no forecast.
 * - **Targets**: yearly targets to the target year. A year without its own target reads the
 *   straight line between the nearest earlier and later targets (the baseline counts as the first
 *   one); after the last target, the last target holds.
 * - **Status of the latest value**: `target_met` when it already meets the final target,
 *   `on_track` when it meets the target for its own year, otherwise `off_track`; `no_target`
 *   when there is nothing to compare with, `no_data` without any value. "Meets" follows the
 *   polarity: at or above for up-is-good, at or below for down-is-good, with a tolerance of half
 *   the last shown decimal so a value printed level with its target is not called off track.
 */

export const polarities = ['up', 'down'] as const;
export type Polarity = (typeof polarities)[number];

export interface Point {
	year: number;
	value: number;
}

export const defaultForecastWindow = 5;

export interface ForecastPoint {
	year: number;
	value: number;
	/** The 90 % prediction band; null with only two points. */
	lower: number | null;
	upper: number | null;
}

export type Forecast =
	| {
			available: true;
			/** The observed points the line was fitted to. */
			fittedFrom: Point[];
			slope: number;
			/** Value of the line at year 0 is meaningless; `valueAt` is what callers use. */
			intercept: number;
			/** Residual standard error; null with two points. */
			residualError: number | null;
			/** One point per year after the last observation, through `throughYear`. */
			points: ForecastPoint[];
	  }
	| { available: false; reason: 'not_enough_data' };

/** 0.95 quantiles of Student's t for 1..30 degrees of freedom (two-sided 90 %). */
const t95 = [6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697];
const tQuantile = (df: number) => t95[df - 1] ?? 1.645;

/** Sorted by year; when a year appears twice the later entry wins; non-finite values are left out. */
export function cleanSeries(points: readonly Point[]): Point[] {
	const byYear = new Map<number, number>();
	for (const p of points) if (Number.isFinite(p.value) && Number.isInteger(p.year)) byYear.set(p.year, p.value);
	return [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
}

export function forecastLinear(args: { history: readonly Point[]; throughYear: number; window?: number }): Forecast {
	const window = Math.max(2, Math.floor(args.window ?? defaultForecastWindow));
	const fitted = cleanSeries(args.history).slice(-window);
	const n = fitted.length;
	if (n < 2) return { available: false, reason: 'not_enough_data' };
	const meanX = fitted.reduce((s, p) => s + p.year, 0) / n;
	const meanY = fitted.reduce((s, p) => s + p.value, 0) / n;
	const sxx = fitted.reduce((s, p) => s + (p.year - meanX) ** 2, 0);
	const sxy = fitted.reduce((s, p) => s + (p.year - meanX) * (p.value - meanY), 0);
	const slope = sxy / sxx;
	const intercept = meanY - slope * meanX;
	const residualError =
		n > 2 ? Math.sqrt(fitted.reduce((s, p) => s + (p.value - (intercept + slope * p.year)) ** 2, 0) / (n - 2)) : null;
	const last = fitted.at(-1)!.year;
	const points: ForecastPoint[] = [];
	for (let year = last + 1; year <= args.throughYear; year++) {
		const value = intercept + slope * year;
		if (residualError === null) {
			points.push({ year, value, lower: null, upper: null });
			continue;
		}
		const half = tQuantile(n - 2) * residualError * Math.sqrt(1 + 1 / n + (year - meanX) ** 2 / sxx);
		points.push({ year, value, lower: value - half, upper: value + half });
	}
	return { available: true, fittedFrom: fitted, slope, intercept, residualError, points };
}

/**
 * The target for `year`: its own, else the straight line between the nearest targets around it
 * (the baseline is the first), else the last target once past it. Null before the first target
 * (or baseline) and when there are no targets.
 */
export function targetFor(args: { year: number; targets: readonly Point[]; baseline?: Point | null }): number | null {
	const targets = cleanSeries(args.targets);
	if (targets.length === 0) return null;
	const line = args.baseline && args.baseline.year < targets[0]!.year ? [args.baseline, ...targets] : targets;
	const exact = line.find((p) => p.year === args.year);
	if (exact) return exact.value;
	const after = line.findIndex((p) => p.year > args.year);
	if (after === -1) return line.at(-1)!.value;
	if (after === 0) return null;
	const a = line[after - 1]!;
	const b = line[after]!;
	return a.value + ((b.value - a.value) * (args.year - a.year)) / (b.year - a.year);
}

/** Yearly targets on the straight line from the baseline to the final target (for the "fill in" option). */
export function straightLineTargets(args: { baseline: Point; final: Point }): Point[] {
	const { baseline, final } = args;
	const out: Point[] = [];
	for (let year = baseline.year + 1; year <= final.year; year++) {
		const value = baseline.value + ((final.value - baseline.value) * (year - baseline.year)) / (final.year - baseline.year);
		out.push({ year, value: Math.round(value * 1e4) / 1e4 });
	}
	return out;
}

export const progressStatuses = ['target_met', 'on_track', 'off_track', 'no_target', 'no_data'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

/** Default tolerance: half of the last decimal shown for an index (two decimals). */
export const defaultTolerance = 0.005;

/** True when `value` is at least as good as `goal` under the polarity, within the tolerance. */
export function meets(value: number, goal: number, polarity: Polarity, tolerance = defaultTolerance): boolean {
	return polarity === 'up' ? value >= goal - tolerance : value <= goal + tolerance;
}

export interface Progress {
	status: ProgressStatus;
	latest: Point | null;
	/** The target for the latest value's year (null when there is none). */
	expected: number | null;
	/** The final target: the last yearly target. */
	final: Point | null;
	forecast: Forecast;
	/** The forecast's value in the final target's year, and whether it would meet that target. */
	projected: { year: number; value: number; meetsTarget: boolean } | null;
}

export function assessProgress(args: {
	history: readonly Point[];
	targets: readonly Point[];
	baseline?: Point | null;
	polarity: Polarity;
	/** The year the forecast runs to when there are no targets (the ecosystem's goal year). */
	targetYear: number;
	window?: number;
	tolerance?: number;
}): Progress {
	const history = cleanSeries(args.history);
	const targets = cleanSeries(args.targets);
	const final = targets.at(-1) ?? null;
	const throughYear = Math.max(final?.year ?? args.targetYear, args.targetYear);
	const forecast = forecastLinear({ history, throughYear, window: args.window });
	const latest = history.at(-1) ?? null;
	const tolerance = args.tolerance ?? defaultTolerance;
	let projected: Progress['projected'] = null;
	if (forecast.available && final) {
		const value = forecast.intercept + forecast.slope * final.year;
		projected = { year: final.year, value, meetsTarget: meets(value, final.value, args.polarity, tolerance) };
	}
	if (!latest) return { status: 'no_data', latest, expected: null, final, forecast, projected };
	const expected = targetFor({ year: latest.year, targets, baseline: args.baseline });
	let status: ProgressStatus;
	if (final && meets(latest.value, final.value, args.polarity, tolerance)) status = 'target_met';
	else if (expected === null) status = 'no_target';
	else status = meets(latest.value, expected, args.polarity, tolerance) ? 'on_track' : 'off_track';
	return { status, latest, expected, final, forecast, projected };
}
