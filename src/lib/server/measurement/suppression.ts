/**
 * Small-cell suppression for everything public (charts, tables, CSV, embeds, API): a pure core
 * (no I/O), property-tested in suppression.test.ts.
 *
 * Rules:
 * 1. Primary: every count with 0 < n < threshold is hidden (threshold 11 by default, configurable
 *    per ecosystem, never below 5). Totals are public numbers too, so they follow the same rule.
 *    A zero is shown: a true zero reveals no one.
 * 2. Complementary: a table's totals are sums, so one hidden number in a row or column could be
 *    recovered by subtracting the visible ones from the total. So every line (each row with its
 *    total, each column with its total, the row of column totals and the column of row totals,
 *    both with the grand total) holds either no hidden number or at least two. Lines with exactly
 *    one are fixed by hiding one more number in them, repeated until nothing changes.
 * 3. Percentages are shown only when both the part and the whole are shown and the whole is at
 *    least the threshold.
 *
 * Known limits: the rule stops recovery by subtraction, including chains of subtractions, but
 * not every inference. Someone who also uses the fact that counts cannot be negative can sometimes
 * narrow a hidden cell to a range, rarely to one value (preferring non-zero complements makes this
 * rarer). And each call protects one table: separately suppressed views of the same people can be
 * combined. Publish every view of one dataset from one suppressed table (e.g. take the per-group
 * view from the suppressed cross-table's totals rather than suppressing the per-group counts on
 * their own).
 */

/** A number as it may be published: the count, or a marker that it is hidden. */
export type PublicCell = { value: number } | { suppressed: true };

export const defaultSuppressionThreshold = 11;
/** No ecosystem may publish counts below this, whatever it configures. */
export const minimumSuppressionThreshold = 5;

export function isSuppressed(cell: PublicCell): cell is { suppressed: true } {
	return 'suppressed' in cell;
}

/**
 * Checks a configured threshold. A threshold below 5 would publish counts of 1–4, which no
 * setting may allow, so it throws rather than quietly raising it.
 */
export function resolveThreshold(threshold: number = defaultSuppressionThreshold): number {
	if (!Number.isInteger(threshold)) {
		throw new RangeError(`The suppression threshold must be a whole number; got ${threshold}.`);
	}
	if (threshold < minimumSuppressionThreshold) {
		throw new RangeError(
			`The suppression threshold cannot be below ${minimumSuppressionThreshold}: counts under ${threshold} would otherwise be published. Got ${threshold}.`
		);
	}
	return threshold;
}

/** True for counts that primary suppression hides: more than zero, fewer than the threshold. */
export function isSmallCount(count: number, threshold: number): boolean {
	return count > 0 && count < threshold;
}

// ---------------------------------------------------------------------------------------------
// The engine: numbers linked by "total = sum of the others" lines
// ---------------------------------------------------------------------------------------------

interface LinkedNumber {
	value: number;
	/** Totals are hidden after cells where there is a choice: they are every percentage's denominator. */
	isTotal: boolean;
}

/** Why a number is hidden. For staff and audit only: publishing it would reveal which cells are small. */
export type SuppressionKind = 'small_count' | 'complementary';

/**
 * Decides which numbers to hide. `lines` lists, for each additive relation (a total and the
 * numbers that add up to it), the indexes of its numbers.
 */
function planLinkedSuppression(numbers: readonly LinkedNumber[], lines: readonly (readonly number[])[], threshold: number) {
	const kinds: (SuppressionKind | null)[] = numbers.map(({ value }) => (isSmallCount(value, threshold) ? 'small_count' : null));
	const linesOf: number[][] = numbers.map(() => []);
	lines.forEach((line, lineIndex) => line.forEach((numberIndex) => linesOf[numberIndex]!.push(lineIndex)));
	const hiddenIn = (line: readonly number[]) => line.reduce((count, index) => count + (kinds[index] ? 1 : 0), 0);

	// Each pass hides at least one more number, so this ends after at most numbers.length passes.
	let changed = true;
	while (changed) {
		changed = false;
		lines.forEach((line, lineIndex) => {
			if (hiddenIn(line) !== 1) return;
			const candidates = line.filter((index) => kinds[index] === null);
			// Only a line of one number (a total with no groups) has nothing else to hide.
			if (candidates.length === 0) return;
			const chosen = candidates.reduce((best, index) =>
				compareCandidates(index, best, numbers, lineIndex, linesOf, lines, hiddenIn) < 0 ? index : best
			);
			kinds[chosen] = 'complementary';
			changed = true;
		});
	}
	return kinds;
}

/**
 * Which visible number to hide to protect a lone hidden one, best first:
 * 1. a non-zero count before a zero: a zero is often known anyway (no boys in a girls'
 *    programme), and hiding a known zero protects nothing;
 * 2. a cell before a total (totals are every percentage's denominator);
 * 3. the smallest count (least information lost);
 * 4. the one whose other lines most need a second hidden number (fixes two lines at once), and
 *    least often leaves another line with a single hidden number;
 * 5. the earliest, so the result is deterministic.
 */
function compareCandidates(
	a: number,
	b: number,
	numbers: readonly LinkedNumber[],
	currentLine: number,
	linesOf: readonly number[][],
	lines: readonly (readonly number[])[],
	hiddenIn: (line: readonly number[]) => number
): number {
	const na = numbers[a]!;
	const nb = numbers[b]!;
	if ((na.value === 0) !== (nb.value === 0)) return na.value === 0 ? 1 : -1;
	if (na.isTotal !== nb.isTotal) return na.isTotal ? 1 : -1;
	if (na.value !== nb.value) return na.value - nb.value;
	const benefit = (index: number) =>
		linesOf[index]!.filter((line) => line !== currentLine).reduce((score, line) => {
			const hidden = hiddenIn(lines[line]!);
			return score + (hidden === 1 ? 1 : hidden === 0 ? -1 : 0);
		}, 0);
	const difference = benefit(b) - benefit(a);
	return difference !== 0 ? difference : a - b;
}

function assertCount(value: number, where: string): void {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new RangeError(`${where} must be a count of zero or more; got ${value}.`);
	}
}

/**
 * A total may exceed the sum of its cells (people whose group is unknown are in the total but in
 * no column); it may not fall short of it. The remainder is treated as public knowledge, the
 * cautious assumption, since it may be published elsewhere.
 */
function assertTotalCovers(total: number, parts: readonly number[], where: string): void {
	const sum = parts.reduce((a, b) => a + b, 0);
	if (total < sum - 1e-9 * Math.max(1, sum)) {
		throw new RangeError(`${where} (${total}) is smaller than the sum of its cells (${sum}).`);
	}
}

const publish = (value: number, kind: SuppressionKind | null): PublicCell => (kind ? { suppressed: true } : { value });

// ---------------------------------------------------------------------------------------------
// One dimension: counts per group and their total (the common case)
// ---------------------------------------------------------------------------------------------

export interface GroupCount<Key extends string = string> {
	key: Key;
	count: number;
}

export interface SuppressedGroups<Key extends string = string> {
	/** In the order given. */
	groups: Array<{ key: Key; cell: PublicCell }>;
	total: PublicCell;
}

export interface GroupSuppressionPlan<Key extends string = string> {
	groups: Array<{ key: Key; count: number; suppression: SuppressionKind | null }>;
	total: { count: number; suppression: SuppressionKind | null };
}

/**
 * Why each number is hidden, for staff screens and audits. Never publish this: telling the
 * public which cells are small defeats the purpose.
 */
export function planGroupSuppression<Key extends string>(args: {
	groups: readonly GroupCount<Key>[];
	total: number;
	threshold?: number;
}): GroupSuppressionPlan<Key> {
	const threshold = resolveThreshold(args.threshold);
	args.groups.forEach(({ key, count }) => assertCount(count, `The count for ${key}`));
	assertCount(args.total, 'The total');
	assertTotalCovers(
		args.total,
		args.groups.map(({ count }) => count),
		'The total'
	);
	const numbers: LinkedNumber[] = [...args.groups.map(({ count }) => ({ value: count, isTotal: false })), { value: args.total, isTotal: true }];
	const kinds = planLinkedSuppression(numbers, [numbers.map((_, index) => index)], threshold);
	return {
		groups: args.groups.map(({ key, count }, index) => ({ key, count, suppression: kinds[index] ?? null })),
		total: { count: args.total, suppression: kinds[args.groups.length] ?? null }
	};
}

/**
 * Counts per group with their total, ready to publish: small counts hidden, and a second count
 * hidden wherever one alone could be worked out from the total.
 *
 * Example (threshold 11): Black 4, Hispanic 30, White 50, total 84 → Black and Hispanic hidden
 * (Hispanic because 84 − 50 would otherwise give Black's 4 away), White 50, total 84.
 */
export function suppressGroupCounts<Key extends string>(args: {
	groups: readonly GroupCount<Key>[];
	total: number;
	threshold?: number;
}): SuppressedGroups<Key> {
	const plan = planGroupSuppression(args);
	return {
		groups: plan.groups.map(({ key, count, suppression }) => ({ key, cell: publish(count, suppression) })),
		total: publish(plan.total.count, plan.total.suppression)
	};
}

// ---------------------------------------------------------------------------------------------
// Two dimensions: rows × columns with row, column and grand totals
// ---------------------------------------------------------------------------------------------

export interface CountTable {
	/** cells[row][column]; every row the same length, at least one row and one column. */
	cells: readonly (readonly number[])[];
	rowTotals: readonly number[];
	columnTotals: readonly number[];
	/**
	 * Leave it out to have it computed from the row totals (they must then add up to the same
	 * as the column totals). It is returned either way, because whether it may be shown depends
	 * on what else is hidden.
	 */
	grandTotal?: number;
}

export interface SuppressedTable {
	cells: PublicCell[][];
	rowTotals: PublicCell[];
	columnTotals: PublicCell[];
	grandTotal: PublicCell;
}

export interface TableSuppressionPlan {
	cells: (SuppressionKind | null)[][];
	rowTotals: (SuppressionKind | null)[];
	columnTotals: (SuppressionKind | null)[];
	grandTotal: SuppressionKind | null;
	/** The grand total used, given or computed. */
	grandTotalValue: number;
}

/**
 * Why each number of a table is hidden, for staff screens and audits. Never publish this: telling
 * the public which cells are small defeats the purpose.
 */
export function planTableSuppression(args: { table: CountTable; threshold?: number }): TableSuppressionPlan {
	const threshold = resolveThreshold(args.threshold);
	const { cells, rowTotals, columnTotals } = args.table;
	const rowCount = cells.length;
	const columnCount = cells[0]?.length ?? 0;
	if (rowCount === 0 || columnCount === 0) throw new RangeError('A table needs at least one row and one column.');
	cells.forEach((row, r) => {
		if (row.length !== columnCount) throw new RangeError(`Row ${r + 1} has ${row.length} cells; the first row has ${columnCount}.`);
		row.forEach((value, c) => assertCount(value, `The cell in row ${r + 1}, column ${c + 1}`));
	});
	if (rowTotals.length !== rowCount) throw new RangeError(`There are ${rowCount} rows but ${rowTotals.length} row totals.`);
	if (columnTotals.length !== columnCount) throw new RangeError(`There are ${columnCount} columns but ${columnTotals.length} column totals.`);
	rowTotals.forEach((total, r) => {
		assertCount(total, `The total of row ${r + 1}`);
		assertTotalCovers(total, cells[r]!, `The total of row ${r + 1}`);
	});
	columnTotals.forEach((total, c) => {
		assertCount(total, `The total of column ${c + 1}`);
		assertTotalCovers(
			total,
			cells.map((row) => row[c]!),
			`The total of column ${c + 1}`
		);
	});
	const grandTotal = args.table.grandTotal ?? computedGrandTotal(rowTotals, columnTotals);
	assertCount(grandTotal, 'The grand total');
	assertTotalCovers(grandTotal, rowTotals, 'The grand total');
	assertTotalCovers(grandTotal, columnTotals, 'The grand total');

	// Numbers laid out as: cells row by row, then row totals, then column totals, then the grand total.
	const cellAt = (r: number, c: number) => r * columnCount + c;
	const rowTotalAt = (r: number) => rowCount * columnCount + r;
	const columnTotalAt = (c: number) => rowCount * columnCount + rowCount + c;
	const grandTotalAt = rowCount * columnCount + rowCount + columnCount;
	const numbers: LinkedNumber[] = [
		...cells.flatMap((row) => row.map((value) => ({ value, isTotal: false }))),
		...rowTotals.map((value) => ({ value, isTotal: true })),
		...columnTotals.map((value) => ({ value, isTotal: true })),
		{ value: grandTotal, isTotal: true }
	];
	const rows = range(rowCount);
	const columns = range(columnCount);
	const lines = [
		...rows.map((r) => [...columns.map((c) => cellAt(r, c)), rowTotalAt(r)]),
		...columns.map((c) => [...rows.map((r) => cellAt(r, c)), columnTotalAt(c)]),
		[...columns.map(columnTotalAt), grandTotalAt],
		[...rows.map(rowTotalAt), grandTotalAt]
	];
	const kinds = planLinkedSuppression(numbers, lines, threshold);
	const kindAt = (index: number) => kinds[index] ?? null;
	return {
		cells: rows.map((r) => columns.map((c) => kindAt(cellAt(r, c)))),
		rowTotals: rows.map((r) => kindAt(rowTotalAt(r))),
		columnTotals: columns.map((c) => kindAt(columnTotalAt(c))),
		grandTotal: kindAt(grandTotalAt),
		grandTotalValue: grandTotal
	};
}

/**
 * A table ready to publish: small counts hidden, and further numbers hidden so that no hidden one
 * can be worked out by subtracting a row's or column's visible numbers from its total.
 */
export function suppressTable(args: { table: CountTable; threshold?: number }): SuppressedTable {
	const plan = planTableSuppression(args);
	const { cells, rowTotals, columnTotals } = args.table;
	return {
		cells: cells.map((row, r) => row.map((value, c) => publish(value, plan.cells[r]![c]!))),
		rowTotals: rowTotals.map((value, r) => publish(value, plan.rowTotals[r]!)),
		columnTotals: columnTotals.map((value, c) => publish(value, plan.columnTotals[c]!)),
		grandTotal: publish(plan.grandTotalValue, plan.grandTotal)
	};
}

function computedGrandTotal(rowTotals: readonly number[], columnTotals: readonly number[]): number {
	const fromRows = rowTotals.reduce((a, b) => a + b, 0);
	const fromColumns = columnTotals.reduce((a, b) => a + b, 0);
	if (Math.abs(fromRows - fromColumns) > 1e-9 * Math.max(1, fromRows)) {
		throw new RangeError(
			`The row totals add up to ${fromRows} and the column totals to ${fromColumns}; give the grand total explicitly.`
		);
	}
	return fromRows;
}

function range(length: number): number[] {
	return Array.from({ length }, (_, index) => index);
}

// ---------------------------------------------------------------------------------------------
// Percentages
// ---------------------------------------------------------------------------------------------

/**
 * A share (0–1) ready to publish: only when both numbers are shown and the whole is at least the
 * threshold. A share of a hidden part would reveal the part (share × whole), and a share of a
 * small whole reveals small counts (1 of 4 is 25%).
 */
export function publicShare(args: { part: PublicCell; whole: PublicCell; threshold?: number }): PublicCell {
	const threshold = resolveThreshold(args.threshold);
	const { part, whole } = args;
	if (isSuppressed(part) || isSuppressed(whole)) return { suppressed: true };
	// The part is checked too, in case a caller passes counts that never went through suppression.
	if (whole.value < threshold || isSmallCount(part.value, threshold)) return { suppressed: true };
	return { value: part.value / whole.value };
}
