/**
 * The Access Index engine: a pure core (no I/O), table-tested in access-index.test.ts.
 *
 * The method is the Philadelphia STEM Equity Collective's "Population Goals", generalised to every
 * stage of the pipeline: if access and inclusion are present, a group's share of a stage (STEM
 * workers, STEM graduates, STEM course-takers…) equals its share of a benchmark population (e.g.
 * county residents 16 and over). So
 *
 *     Access Index = (group's share of the stage) ÷ (group's share of the benchmark population)
 *
 * and 1.0 or more means parity. Everything here returns explicit "not available" results with a
 * plain-language reason instead of NaN, Infinity or an exception, because these numbers go
 * straight onto public dashboards.
 *
 * Margins of error follow the American Community Survey approximations for derived estimates:
 * U.S. Census Bureau, "Understanding and Using American Community Survey Data: What All Data Users
 * Need to Know" (2020), chapter 8 "Calculating Measures of Error for Derived Estimates", and the
 * yearly "American Community Survey Accuracy of the Data" document, section "Calculation of
 * Standard Errors / Margins of Error for Derived Estimates". ACS publishes 90% margins of error.
 */

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** A figure with its sampling error: ACS publishes estimates with a 90% margin of error. */
export interface Estimate {
	value: number;
	/**
	 * 90% margin of error, as the ACS publishes it. Leave it out for a full count (a partner's
	 * administrative records) — it is then treated as exact. Census API special codes (negative
	 * MOEs such as -555555555) must be translated at import; a negative MOE here is rejected.
	 */
	marginOfError?: number | null;
}

/**
 * One count going into the index. The shapes match the public cells of suppression.ts, so
 * suppressed network figures can be fed straight back in.
 * - a number or `{ value, marginOfError? }`: a reported figure;
 * - `null` / `undefined`: nothing was reported for this cell (a partner did not submit, a year is missing);
 * - `{ suppressed: true }`: the source withheld it to protect privacy;
 * - `{ absent: true }`: the source does not report this group at all (e.g. no MENA category in ACS tables).
 */
export type CountInput = number | Estimate | { suppressed: true } | { absent: true } | null | undefined;

/** A group's count and the total it is part of. */
export interface ShareInput {
	/** People of the group, e.g. Black women in STEM occupations. */
	group: CountInput;
	/** Everyone, e.g. all workers in STEM occupations. */
	total: CountInput;
}

export interface AccessIndexInput {
	/** The pipeline stage: the group's count in it and the stage total. */
	stage: ShareInput;
	/** The benchmark population, e.g. Black women 16+ of all residents 16+. */
	benchmark: ShareInput;
}

/** Names the four inputs in results, so a "not available" result can say which one failed. */
export type InputName = 'stage.group' | 'stage.total' | 'benchmark.group' | 'benchmark.total';

const inputLabels: Record<InputName, string> = {
	'stage.group': "the group's count at this stage",
	'stage.total': 'the total at this stage',
	'benchmark.group': "the group's count in the benchmark population",
	'benchmark.total': 'the benchmark population total'
};

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/**
 * Why a result is not available. Listed in the order they are reported when several apply: a
 * broken input first (a data bug to fix), then what the source did not give us, then arithmetic.
 */
export const unavailableReasons = [
	'invalid_input',
	'group_absent',
	'suppressed',
	'missing',
	'group_exceeds_total',
	'zero_denominator',
	'zero_benchmark',
	'out_of_range',
	'no_baseline',
	'latest_before_baseline'
] as const;
export type UnavailableReason = (typeof unavailableReasons)[number];

export interface Unavailable {
	available: false;
	reason: UnavailableReason;
	/** One or two sentences a dashboard reader can understand. */
	explanation: string;
	/** The inputs that caused it, when the reason is about inputs. */
	inputs: InputName[];
}

/** The interval for the index, at the requested confidence level. */
export type IndexInterval =
	| {
			available: true;
			/** Confidence level, e.g. 0.9. */
			level: number;
			lower: number;
			upper: number;
			/** Half-width of the interval at `level` (before the lower bound is clamped at 0). */
			marginOfError: number;
			standardError: number;
			/**
			 * Standard error ÷ index. The Census Bureau treats estimates with a CV above about 0.3
			 * as unreliable; dashboards may flag them. Null when the index is 0.
			 */
			coefficientOfVariation: number | null;
			/** True when the lower bound fell below 0 and was set to 0 (an index cannot be negative). */
			lowerClamped: boolean;
			/** Inputs without a margin of error, treated as exact counts in the calculation. */
			assumedExact: InputName[];
	  }
	| { available: false; reason: 'no_margins_of_error' | 'out_of_range'; explanation: string };

export interface AccessIndexValue {
	available: true;
	/** Group ÷ total at the stage, 0–1. */
	groupShare: number;
	/** Group ÷ total in the benchmark population, 0–1. */
	benchmarkShare: number;
	/** groupShare ÷ benchmarkShare; 1.0 or more is parity. */
	index: number;
	atParity: boolean;
	/**
	 * How many more people of the group the stage would need to reach an index of 1.0 at its
	 * current total: benchmarkShare × stageTotal − groupCount, never negative; 0 at or above parity.
	 * Unrounded (estimates need not be whole numbers); see `gapToParityPeople`.
	 *
	 * This is the "same-sized stage, fairer mix" reading the PSEC method uses. If the stage grew by
	 * exactly those people instead, it would need (benchmarkShare × total − group) ÷ (1 −
	 * benchmarkShare) of them; the dashboards should label the figure accordingly.
	 */
	gapToParity: number;
	/** `gapToParity` rounded up to whole people. */
	gapToParityPeople: number;
	interval: IndexInterval;
}

export type AccessIndexResult = AccessIndexValue | Unavailable;

export interface AccessIndexOptions {
	/** Confidence level of the interval, between 0 and 1 exclusive. Default 0.9 (the ACS level). */
	confidenceLevel?: number;
}

// ---------------------------------------------------------------------------------------------
// Margins of error (ACS approximations)
// ---------------------------------------------------------------------------------------------

/** The ACS publishes 90% margins of error; this z turns one into a standard error. */
export const ACS_Z_90 = 1.645;

/**
 * The z the Census Bureau's handbook uses for the common levels (rounded to three decimals, so
 * results match hand calculations that follow the handbook); other levels use the exact normal
 * quantile.
 */
const publishedZ = new Map<number, number>([
	[0.9, 1.645],
	[0.95, 1.96],
	[0.99, 2.576]
]);

/**
 * The two-sided z for a confidence level: 0.9 → 1.645, 0.95 → 1.960, 0.99 → 2.576, anything
 * else from the inverse normal distribution. A level outside (0, 1) is a configuration mistake
 * and throws, so it cannot silently produce a meaningless interval.
 */
export function zForConfidenceLevel(level: number): number {
	if (!Number.isFinite(level) || level <= 0 || level >= 1) {
		throw new RangeError(`The confidence level must be between 0 and 1 (for example 0.9); got ${level}.`);
	}
	return publishedZ.get(level) ?? inverseStandardNormal(0.5 + level / 2);
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error below
 * 1.2e-9): accurate far beyond what survey margins of error need.
 */
function inverseStandardNormal(p: number): number {
	const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
	const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
	const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
	const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
	const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
	const [d0, d1, d2, d3] = d as [number, number, number, number];
	const pLow = 0.02425;
	if (p < pLow) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
	}
	if (p > 1 - pLow) {
		const q = Math.sqrt(-2 * Math.log(1 - p));
		return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
	}
	const q = p - 0.5;
	const r = q * q;
	return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * MOE of a proportion p = x / y where x is a subset of y (handbook: "derived proportions"):
 * sqrt(MOE_x² − p²·MOE_y²) / y. When the value under the root is negative the handbook says to
 * use the ratio formula instead: sqrt(MOE_x² + p²·MOE_y²) / y.
 */
export function marginOfErrorOfProportion(args: { part: number; partMoe: number; whole: number; wholeMoe: number }): number {
	const { part, partMoe, whole, wholeMoe } = args;
	const p = part / whole;
	const underRoot = partMoe ** 2 - p ** 2 * wholeMoe ** 2;
	if (underRoot < 0) return marginOfErrorOfRatio({ numerator: part, numeratorMoe: partMoe, denominator: whole, denominatorMoe: wholeMoe });
	return Math.sqrt(underRoot) / whole;
}

/** MOE of a ratio R = a / b where a is not a subset of b (handbook: "derived ratios"): sqrt(MOE_a² + R²·MOE_b²) / b. */
export function marginOfErrorOfRatio(args: { numerator: number; numeratorMoe: number; denominator: number; denominatorMoe: number }): number {
	const { numerator, numeratorMoe, denominator, denominatorMoe } = args;
	const ratio = numerator / denominator;
	return Math.sqrt(numeratorMoe ** 2 + ratio ** 2 * denominatorMoe ** 2) / denominator;
}

// ---------------------------------------------------------------------------------------------
// The index for one cell (stage × group × year)
// ---------------------------------------------------------------------------------------------

type ReadInput =
	| { kind: 'value'; value: number; marginOfError: number | null }
	| { kind: 'missing' | 'suppressed' | 'group_absent' | 'invalid_input' };
type ValueInput = Extract<ReadInput, { kind: 'value' }>;

function readInput(input: CountInput): ReadInput {
	if (input === null || input === undefined) return { kind: 'missing' };
	if (typeof input === 'number') return isCount(input) ? { kind: 'value', value: input, marginOfError: null } : { kind: 'invalid_input' };
	if (typeof input !== 'object') return { kind: 'invalid_input' };
	if ('suppressed' in input && input.suppressed === true) return { kind: 'suppressed' };
	if ('absent' in input && input.absent === true) return { kind: 'group_absent' };
	if ('value' in input) {
		if (!isCount(input.value)) return { kind: 'invalid_input' };
		const moe = input.marginOfError;
		if (moe === null || moe === undefined) return { kind: 'value', value: input.value, marginOfError: null };
		if (!isCount(moe)) return { kind: 'invalid_input' };
		return { kind: 'value', value: input.value, marginOfError: moe };
	}
	return { kind: 'invalid_input' };
}

/** A usable count or margin: finite and not negative (estimates need not be whole numbers). */
function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function explain(reason: UnavailableReason, inputs: InputName[]): string {
	const which = joinLabels(inputs);
	switch (reason) {
		case 'invalid_input':
			return `The index cannot be computed because ${which} is not a usable number (it is negative, not a number, or has a negative margin of error).`;
		case 'group_absent':
			return 'The source does not report this group separately, so there is no figure to compare.';
		case 'suppressed':
			return `The index cannot be computed because ${which} was withheld to protect people's privacy (the count was too small to publish).`;
		case 'missing':
			return `The index cannot be computed because no figure was reported for ${which}.`;
		case 'group_exceeds_total':
			return `The figures do not add up: ${which} is larger than the total it belongs to.`;
		case 'zero_denominator':
			return `No one was counted in ${which}, so there is no share to compute.`;
		case 'zero_benchmark':
			return 'The benchmark population has no one from this group, so there is no share to compare against.';
		case 'out_of_range':
			return 'The figures are too large or too small to compute an index from; check them for a data-entry error.';
		case 'no_baseline':
			return 'No index is available for the baseline year (or for any year), so the trajectory has no starting point.';
		case 'latest_before_baseline':
			return 'The latest figure is older than the baseline year, so progress cannot be measured from it.';
	}
}

function joinLabels(inputs: InputName[]): string {
	const labels = inputs.map((name) => inputLabels[name]);
	if (labels.length <= 1) return labels[0] ?? 'an input';
	return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

function unavailable(reason: UnavailableReason, inputs: InputName[] = []): Unavailable {
	return { available: false, reason, explanation: explain(reason, inputs), inputs };
}

/**
 * The Access Index for one stage, group and year.
 *
 * Example (PSEC): Black women are 1,000 of 10,000 STEM workers (share 0.10) and 30,000 of 100,000
 * residents 16+ (share 0.30): index 0.333…, and the stage would need 2,000 more Black women (3,000
 * instead of 1,000) to reach parity.
 */
export function computeAccessIndex(input: AccessIndexInput, options: AccessIndexOptions = {}): AccessIndexResult {
	const level = options.confidenceLevel ?? 0.9;
	// Checked before the inputs: a bad level is a configuration mistake and must fail loudly.
	const z = zForConfidenceLevel(level);

	const read: Record<InputName, ReadInput> = {
		'stage.group': readInput(input.stage.group),
		'stage.total': readInput(input.stage.total),
		'benchmark.group': readInput(input.benchmark.group),
		'benchmark.total': readInput(input.benchmark.total)
	};
	const names = Object.keys(read) as InputName[];
	for (const kind of ['invalid_input', 'group_absent', 'suppressed', 'missing'] as const) {
		const failing = names.filter((name) => read[name].kind === kind);
		if (failing.length > 0) return unavailable(kind, failing);
	}
	// Every input is a value from here on.
	const valueOf = (name: InputName) => read[name] as ValueInput;
	const stageGroup = valueOf('stage.group');
	const stageTotal = valueOf('stage.total');
	const benchmarkGroup = valueOf('benchmark.group');
	const benchmarkTotal = valueOf('benchmark.total');

	const emptyTotals = (['stage.total', 'benchmark.total'] as const).filter((name) => valueOf(name).value === 0);
	if (emptyTotals.length > 0) return unavailable('zero_denominator', emptyTotals);
	const exceeding = (['stage', 'benchmark'] as const)
		.filter((side) => valueOf(`${side}.group`).value > valueOf(`${side}.total`).value)
		.map((side): InputName => `${side}.group`);
	if (exceeding.length > 0) return unavailable('group_exceeds_total', exceeding);
	if (benchmarkGroup.value === 0) return unavailable('zero_benchmark', ['benchmark.group']);

	const groupShare = stageGroup.value / stageTotal.value;
	const benchmarkShare = benchmarkGroup.value / benchmarkTotal.value;
	// Cross-multiplied so 1,000/10,000 against 10,000/100,000 gives exactly 1, not 0.9999…; the
	// products overflow only for absurd inputs, where the plain quotient is tried instead.
	const crossMultiplied = (stageGroup.value * benchmarkTotal.value) / (stageTotal.value * benchmarkGroup.value);
	const index = Number.isFinite(crossMultiplied) ? crossMultiplied : groupShare / benchmarkShare;
	const crossMultipliedParityCount = (benchmarkGroup.value * stageTotal.value) / benchmarkTotal.value;
	const parityCount = Number.isFinite(crossMultipliedParityCount) ? crossMultipliedParityCount : benchmarkShare * stageTotal.value;
	const gapToParity = Math.max(0, parityCount - stageGroup.value);
	// Real counts never get here; it keeps the promise of no NaN or Infinity for any input.
	if (![groupShare, benchmarkShare, index, gapToParity].every(Number.isFinite)) {
		return unavailable('out_of_range', names);
	}

	return {
		available: true,
		groupShare,
		benchmarkShare,
		index,
		atParity: index >= 1,
		gapToParity,
		// The tolerance keeps float noise (2000.0000000000002) from adding a phantom person.
		gapToParityPeople: Math.max(0, Math.ceil(gapToParity - 1e-9)),
		interval: indexInterval({ stageGroup, stageTotal, benchmarkGroup, benchmarkTotal, index, level, z })
	};
}

/**
 * The confidence interval for the index. Each share is a derived proportion, the index a derived
 * ratio of the two shares, all with the handbook's approximations. Like the handbook, this ignores
 * any correlation between the stage and the benchmark (both may come from the same ACS sample);
 * the handbook notes these approximations can misstate the error for very small estimates.
 */
function indexInterval(args: {
	stageGroup: ValueInput;
	stageTotal: ValueInput;
	benchmarkGroup: ValueInput;
	benchmarkTotal: ValueInput;
	index: number;
	level: number;
	z: number;
}): IndexInterval {
	const { stageGroup, stageTotal, benchmarkGroup, benchmarkTotal, index, level, z } = args;
	const byName: Record<InputName, ValueInput> = {
		'stage.group': stageGroup,
		'stage.total': stageTotal,
		'benchmark.group': benchmarkGroup,
		'benchmark.total': benchmarkTotal
	};
	const assumedExact = (Object.keys(byName) as InputName[]).filter((name) => byName[name].marginOfError === null);
	if (assumedExact.length === 4) {
		return {
			available: false,
			reason: 'no_margins_of_error',
			explanation: 'None of the figures came with a margin of error, so no confidence interval can be given.'
		};
	}
	const moe = (input: ValueInput) => input.marginOfError ?? 0;

	const groupShareMoe = marginOfErrorOfProportion({
		part: stageGroup.value,
		partMoe: moe(stageGroup),
		whole: stageTotal.value,
		wholeMoe: moe(stageTotal)
	});
	const benchmarkShareMoe = marginOfErrorOfProportion({
		part: benchmarkGroup.value,
		partMoe: moe(benchmarkGroup),
		whole: benchmarkTotal.value,
		wholeMoe: moe(benchmarkTotal)
	});
	const indexMoe90 = marginOfErrorOfRatio({
		numerator: stageGroup.value / stageTotal.value,
		numeratorMoe: groupShareMoe,
		denominator: benchmarkGroup.value / benchmarkTotal.value,
		denominatorMoe: benchmarkShareMoe
	});
	const standardError = indexMoe90 / ACS_Z_90;
	const marginOfError = z * standardError;
	const rawLower = index - marginOfError;
	if (!Number.isFinite(marginOfError) || !Number.isFinite(rawLower + marginOfError * 2)) {
		return {
			available: false,
			reason: 'out_of_range',
			explanation: 'The margins of error are too large or too small to compute an interval from; check them for a data-entry error.'
		};
	}
	return {
		available: true,
		level,
		lower: Math.max(0, rawLower),
		upper: index + marginOfError,
		marginOfError,
		standardError,
		coefficientOfVariation: index > 0 ? standardError / index : null,
		lowerClamped: rawLower < 0,
		assumedExact
	};
}

// ---------------------------------------------------------------------------------------------
// Series across years and across pipeline stages
// ---------------------------------------------------------------------------------------------

export interface YearInput extends AccessIndexInput {
	year: number;
}

export interface YearResult {
	year: number;
	result: AccessIndexResult;
}

/**
 * The index for each year, oldest first (for the multi-year index chart). Two inputs for the
 * same year are a caller's mistake (the data was not grouped by year) and throw.
 */
export function computeIndexSeries(years: readonly YearInput[], options: AccessIndexOptions = {}): YearResult[] {
	assertUnique(
		years.map((entry) => entry.year),
		'year'
	);
	return [...years]
		.sort((a, b) => a.year - b.year)
		.map(({ year, stage, benchmark }) => ({ year, result: computeAccessIndex({ stage, benchmark }, options) }));
}

export interface StageInput<StageKey extends string = string> extends AccessIndexInput {
	/** The pipeline stage, e.g. 'k12', 'out_of_school', 'postsecondary', 'workforce'. */
	stageKey: StageKey;
}

export interface StageResult<StageKey extends string = string> {
	stageKey: StageKey;
	result: AccessIndexResult;
}

/** Where along the pipeline the index falls the most between two consecutive stages. */
export interface StageDrop<StageKey extends string = string> {
	fromStage: StageKey;
	toStage: StageKey;
	fromIndex: number;
	toIndex: number;
	/** fromIndex − toIndex, in index points (always > 0). */
	drop: number;
	/** Stages between the two that had no index and were stepped over. */
	skippedStages: StageKey[];
}

export interface PipelineResult<StageKey extends string = string> {
	/** In the order given, which should be the order of the pipeline. */
	stages: StageResult<StageKey>[];
	/** The biggest fall between consecutive stages with an index; null when the index never falls. */
	biggestDrop: StageDrop<StageKey> | null;
	/** The stage with the lowest index; null when no stage has one. */
	lowestStage: { stageKey: StageKey; index: number } | null;
}

/**
 * The index at every stage of the pipeline for one group and year, so the stage where the group
 * is lost stands out. Stages without an index are stepped over: the drop is measured between the
 * nearest stages on either side that have one, and the skipped stages are listed.
 */
export function computePipeline<StageKey extends string>(
	stages: readonly StageInput<StageKey>[],
	options: AccessIndexOptions = {}
): PipelineResult<StageKey> {
	assertUnique(
		stages.map((entry) => entry.stageKey),
		'stage'
	);
	const results = stages.map(({ stageKey, stage, benchmark }) => ({ stageKey, result: computeAccessIndex({ stage, benchmark }, options) }));

	let biggestDrop: StageDrop<StageKey> | null = null;
	let lowestStage: PipelineResult<StageKey>['lowestStage'] = null;
	let previous: { stageKey: StageKey; index: number } | null = null;
	let skipped: StageKey[] = [];
	for (const { stageKey, result } of results) {
		if (!result.available) {
			if (previous) skipped.push(stageKey);
			continue;
		}
		if (previous) {
			const drop = previous.index - result.index;
			// On a tie (within float noise) the earlier stage wins, as that is where the loss begins.
			if (drop > 0 && (biggestDrop === null || drop > biggestDrop.drop + 1e-12)) {
				biggestDrop = {
					fromStage: previous.stageKey,
					toStage: stageKey,
					fromIndex: previous.index,
					toIndex: result.index,
					drop,
					skippedStages: skipped
				};
			}
		}
		if (lowestStage === null || result.index < lowestStage.index) lowestStage = { stageKey, index: result.index };
		previous = { stageKey, index: result.index };
		skipped = [];
	}
	return { stages: results, biggestDrop, lowestStage };
}

function assertUnique(keys: readonly (string | number)[], what: string): void {
	const seen = new Set<string | number>();
	for (const key of keys) {
		if (seen.has(key)) throw new RangeError(`Each ${what} may appear only once; ${String(key)} appears twice.`);
		seen.add(key);
	}
}

// ---------------------------------------------------------------------------------------------
// Trajectory: from a baseline to the target (index 1.0 by 2030 by default)
// ---------------------------------------------------------------------------------------------

export interface IndexPoint {
	year: number;
	index: number;
}

export const defaultTarget: IndexPoint = { year: 2030, index: 1 };

/**
 * How far below the expected line the latest value may sit and still count as on track: half a
 * hundredth of an index point, the rounding of a dashboard that shows two decimals, so a value
 * displayed as level with the line is not called "behind".
 */
export const defaultOnTrackTolerance = 0.005;

/**
 * The index expected in `year` on the straight line from the baseline to the target. Before the
 * baseline year it is the baseline; from the target year on it is the target (the goal is to
 * stay at parity once there).
 */
export function expectedIndexAt(args: { baseline: IndexPoint; target?: IndexPoint; year: number }): number {
	const { baseline, year } = args;
	const target = args.target ?? defaultTarget;
	if (year >= target.year) return target.index;
	if (year <= baseline.year) return baseline.index;
	// Here baseline.year < year < target.year, so the division is safe.
	const progress = (year - baseline.year) / (target.year - baseline.year);
	return baseline.index + (target.index - baseline.index) * progress;
}

export type TrajectoryStatus = 'reached' | 'on_track' | 'behind';

export type TrajectoryAssessment =
	| {
			available: true;
			status: TrajectoryStatus;
			baseline: IndexPoint;
			latest: IndexPoint;
			target: IndexPoint;
			/** The index expected in the latest year. */
			expected: number;
			/** expected − latest: positive when behind the line, negative when ahead of it. */
			shortfall: number;
	  }
	| Unavailable;

const trajectoryStatusText: Record<TrajectoryStatus, string> = {
	reached: 'Target reached',
	on_track: 'On track',
	behind: 'Behind'
};

/** A short label for a status, for tables and CSV; pages translate the status themselves. */
export function describeTrajectoryStatus(status: TrajectoryStatus): string {
	return trajectoryStatusText[status];
}

/**
 * Whether the latest value is on track: "reached" at or above the target index, otherwise
 * "on_track" when at least the expected value minus the tolerance, otherwise "behind".
 */
export function assessTrajectory(args: {
	baseline: IndexPoint;
	latest: IndexPoint;
	target?: IndexPoint;
	tolerance?: number;
}): TrajectoryAssessment {
	const { baseline, latest } = args;
	const target = args.target ?? defaultTarget;
	const tolerance = args.tolerance ?? defaultOnTrackTolerance;
	const numbers = [baseline.year, baseline.index, latest.year, latest.index, target.year, target.index, tolerance];
	if (numbers.some((n) => !Number.isFinite(n)) || baseline.index < 0 || latest.index < 0 || tolerance < 0) {
		return unavailable('invalid_input');
	}
	if (latest.year < baseline.year) return unavailable('latest_before_baseline');

	const expected = expectedIndexAt({ baseline, target, year: latest.year });
	const status: TrajectoryStatus =
		latest.index >= target.index ? 'reached' : latest.index >= expected - tolerance ? 'on_track' : 'behind';
	return { available: true, status, baseline, latest, target, expected, shortfall: expected - latest.index };
}

/**
 * The trajectory of a computed series: the baseline is the given year (or the first year with an
 * index), the latest is the last year with an index.
 */
export function assessSeriesTrajectory(args: {
	series: readonly YearResult[];
	baselineYear?: number;
	target?: IndexPoint;
	tolerance?: number;
}): TrajectoryAssessment {
	const points = args.series
		.flatMap(({ year, result }) => (result.available ? [{ year, index: result.index }] : []))
		.sort((a, b) => a.year - b.year);
	const baseline = args.baselineYear === undefined ? points[0] : points.find((point) => point.year === args.baselineYear);
	const latest = points.at(-1);
	if (!baseline || !latest) return unavailable('no_baseline');
	return assessTrajectory({ baseline, latest, target: args.target, tolerance: args.tolerance });
}
