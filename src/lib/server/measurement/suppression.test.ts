import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	defaultSuppressionThreshold,
	isSuppressed,
	planGroupSuppression,
	planTableSuppression,
	publicShare,
	resolveThreshold,
	suppressGroupCounts,
	suppressTable,
	type CountTable,
	type PublicCell
} from './suppression.js';

const S = { suppressed: true } as const;
const v = (value: number): PublicCell => ({ value });
/** Writes a published row compactly: numbers for shown values, 'S' for hidden ones. */
const show = (cells: readonly PublicCell[]) => cells.map((cell) => (isSuppressed(cell) ? 'S' : cell.value));

/** A table whose totals are the sums of its cells. */
function tableOf(cells: number[][]): CountTable {
	return {
		cells,
		rowTotals: cells.map((row) => row.reduce((a, b) => a + b, 0)),
		columnTotals: cells[0]!.map((_, c) => cells.reduce((sum, row) => sum + row[c]!, 0))
	};
}

describe('resolveThreshold', () => {
	it('defaults to 11', () => {
		expect(resolveThreshold()).toBe(11);
		expect(defaultSuppressionThreshold).toBe(11);
	});

	it.each([5, 11, 20])('accepts %s', (threshold) => {
		expect(resolveThreshold(threshold)).toBe(threshold);
	});

	it.each([4, 1, 0, -11])('refuses %s: it would publish counts below 5', (threshold) => {
		expect(() => resolveThreshold(threshold)).toThrow(/cannot be below 5/);
		expect(() => suppressGroupCounts({ groups: [], total: 0, threshold })).toThrow(RangeError);
		expect(() => suppressTable({ table: tableOf([[1]]), threshold })).toThrow(RangeError);
	});

	it.each([10.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s: not a whole number', (threshold) => {
		expect(() => resolveThreshold(threshold)).toThrow(/whole number/);
	});
});

describe('suppressGroupCounts: counts per group with a total', () => {
	type Case = [string, number[], number, number | undefined, Array<number | 'S'>, number | 'S'];
	// [description, counts, total, threshold, published counts, published total]
	const cases: Case[] = [
		['nothing small: everything shown', [120, 30, 50], 200, undefined, [120, 30, 50], 200],
		['one small count takes the next smallest with it', [4, 30, 50], 84, undefined, ['S', 'S', 50], 84],
		['two small counts protect each other', [3, 7, 100], 110, undefined, ['S', 'S', 100], 110],
		['10 is small, 11 is not', [10, 11, 40], 61, undefined, ['S', 'S', 40], 61],
		['zeros are shown', [0, 0, 50], 50, undefined, [0, 0, 50], 50],
		['a non-zero count is hidden before a zero', [5, 0, 40], 45, undefined, ['S', 0, 'S'], 45],
		['a small total is hidden too', [5, 0, 0], 5, undefined, ['S', 0, 0], 'S'],
		['everything small', [3, 4], 7, undefined, ['S', 'S'], 'S'],
		[
			'with only zeros beside it, the total is hidden (people of unknown group make up the rest)',
			[5, 0],
			30,
			undefined,
			['S', 0],
			'S'
		],
		['only zero cells left, no non-zero total: the zero is hidden', [5, 0], 5, undefined, ['S', 0], 'S'],
		['a threshold of 5 shows 5 and more', [4, 5, 20], 29, 5, ['S', 'S', 20], 29],
		['a threshold of 20', [15, 25, 30], 70, 20, ['S', 'S', 30], 70],
		['a single group', [5], 5, undefined, ['S'], 'S'],
		['a single large group', [50], 50, undefined, [50], 50],
		['no groups, small total', [], 7, undefined, [], 'S'],
		['no one at all', [0, 0], 0, undefined, [0, 0], 0],
		['equal counts: the earliest is taken', [3, 20, 20], 43, undefined, ['S', 'S', 20], 43]
	];
	it.each(cases)('%s', (_, counts, total, threshold, expectedCounts, expectedTotal) => {
		const result = suppressGroupCounts({ groups: counts.map((count, i) => ({ key: `g${i}`, count })), total, threshold });
		expect(show(result.groups.map(({ cell }) => cell))).toEqual(expectedCounts);
		expect(show([result.total])).toEqual([expectedTotal]);
		expect(result.groups.map(({ key }) => key)).toEqual(counts.map((_, i) => `g${i}`));
	});

	it('matches the documented example', () => {
		const result = suppressGroupCounts({
			groups: [
				{ key: 'black', count: 4 },
				{ key: 'hispanic', count: 30 },
				{ key: 'white', count: 50 }
			],
			total: 84
		});
		expect(result).toEqual({
			groups: [
				{ key: 'black', cell: S },
				{ key: 'hispanic', cell: S },
				{ key: 'white', cell: v(50) }
			],
			total: v(84)
		});
	});

	it('tells staff why each count is hidden', () => {
		const plan = planGroupSuppression({
			groups: [
				{ key: 'a', count: 4 },
				{ key: 'b', count: 30 },
				{ key: 'c', count: 0 }
			],
			total: 34
		});
		expect(plan.groups.map(({ suppression }) => suppression)).toEqual(['small_count', 'complementary', null]);
		expect(plan.total).toEqual({ count: 34, suppression: null });
	});

	it.each([
		['a negative count', [{ key: 'a', count: -1 }], 10, /count for a/],
		['a NaN count', [{ key: 'a', count: Number.NaN }], 10, /count for a/],
		['a total below the sum', [{ key: 'a', count: 30 }], 20, /smaller than the sum/],
		['a negative total', [], -1, /total/]
	])('refuses %s', (_, groups, total, message) => {
		expect(() => suppressGroupCounts({ groups, total })).toThrow(message);
	});
});

describe('suppressTable: rows × columns with totals', () => {
	it('protects a small cell with a rectangle of four', () => {
		// 3 is small; 20 (row), 15 (column) and 25 (closing the rectangle) are hidden with it.
		const result = suppressTable({ table: tableOf([[3, 20, 30], [15, 25, 40]]) });
		expect(result.cells.map(show)).toEqual([
			['S', 'S', 30],
			['S', 'S', 40]
		]);
		expect(show(result.rowTotals)).toEqual([53, 80]);
		expect(show(result.columnTotals)).toEqual([18, 45, 70]);
		expect(result.grandTotal).toEqual(v(133));
	});

	it('hides a row total that could be worked out from the grand total', () => {
		// Row 0 totals 5 (small); 95 − 90 would give it away, so row 1's total is hidden too.
		const result = suppressTable({ table: tableOf([[2, 3], [40, 50]]) });
		expect(result.cells.map(show)).toEqual([
			['S', 'S'],
			['S', 'S']
		]);
		expect(show(result.rowTotals)).toEqual(['S', 'S']);
		expect(show(result.columnTotals)).toEqual([42, 53]);
		expect(result.grandTotal).toEqual(v(95));
	});

	it('a single column: the cells and row totals go, the column total stays', () => {
		const result = suppressTable({ table: tableOf([[3], [20]]) });
		expect(result.cells.map(show)).toEqual([['S'], ['S']]);
		expect(show(result.rowTotals)).toEqual(['S', 'S']);
		expect(show(result.columnTotals)).toEqual([23]);
	});

	it('shows a table with nothing small unchanged', () => {
		const result = suppressTable({ table: tableOf([[0, 20], [15, 0]]) });
		expect(result).toEqual({
			cells: [
				[v(0), v(20)],
				[v(15), v(0)]
			],
			rowTotals: [v(20), v(15)],
			columnTotals: [v(15), v(20)],
			grandTotal: v(35)
		});
	});

	it('a 1 × 1 table of a small count hides everything', () => {
		const result = suppressTable({ table: tableOf([[4]]) });
		expect(result).toEqual({ cells: [[S]], rowTotals: [S], columnTotals: [S], grandTotal: S });
	});

	it('uses a given grand total that exceeds the sums (people in no row or column)', () => {
		const result = suppressTable({ table: { ...tableOf([[30, 40]]), grandTotal: 90 } });
		expect(result.grandTotal).toEqual(v(90));
	});

	it('tells staff why each number is hidden', () => {
		const plan = planTableSuppression({ table: tableOf([[3, 20, 30], [15, 25, 40]]) });
		expect(plan.cells).toEqual([
			['small_count', 'complementary', null],
			['complementary', 'complementary', null]
		]);
		expect(plan.grandTotalValue).toBe(133);
	});

	it.each([
		['an empty table', { cells: [], rowTotals: [], columnTotals: [] }, /at least one row/],
		['a table without columns', { cells: [[]], rowTotals: [0], columnTotals: [] }, /at least one row/],
		['ragged rows', { cells: [[1, 2], [3]], rowTotals: [3, 3], columnTotals: [4, 2] }, /Row 2 has 1 cells/],
		['too few row totals', { cells: [[1]], rowTotals: [], columnTotals: [1] }, /1 rows but 0 row totals/],
		['too few column totals', { cells: [[1]], rowTotals: [1], columnTotals: [] }, /1 columns but 0 column totals/],
		['a row total below its cells', { cells: [[5, 5]], rowTotals: [9], columnTotals: [5, 5] }, /row 1 \(9\) is smaller/],
		['a column total below its cells', { cells: [[5], [5]], rowTotals: [5, 5], columnTotals: [9] }, /column 1 \(9\) is smaller/],
		['a negative cell', { cells: [[-1]], rowTotals: [0], columnTotals: [0] }, /row 1, column 1/],
		['totals that disagree without a grand total', { cells: [[5]], rowTotals: [7], columnTotals: [5] }, /give the grand total/],
		['a grand total below the row totals', { cells: [[5]], rowTotals: [5], columnTotals: [5], grandTotal: 4 }, /grand total/]
	] satisfies Array<[string, CountTable, RegExp]>)('refuses %s', (_, table, message) => {
		expect(() => suppressTable({ table })).toThrow(message);
	});
});

describe('publicShare', () => {
	it.each([
		['both shown, whole large enough', v(20), v(80), undefined, v(0.25)],
		['a zero part', v(0), v(80), undefined, v(0)],
		['a hidden part', S, v(80), undefined, S],
		['a hidden whole', v(20), S, undefined, S],
		['a whole under the threshold', v(0), v(10), undefined, S],
		['a whole of zero', v(0), v(0), undefined, S],
		['a whole exactly at the threshold', v(11), v(11), undefined, v(1)],
		['a small part that skipped suppression', v(3), v(80), undefined, S],
		['a lower threshold', v(5), v(5), 5, v(1)]
	] satisfies Array<[string, PublicCell, PublicCell, number | undefined, PublicCell]>)('%s', (_, part, whole, threshold, expected) => {
		expect(publicShare({ part, whole, threshold })).toEqual(expected);
	});
});

// ---------------------------------------------------------------------------------------------
// Property-based tests
// ---------------------------------------------------------------------------------------------

/** Counts 0–200 with many small ones: a third zeros, a third 1–10, a third 11–200. */
const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 200 }));
/** People counted in a total but in none of its cells (group unknown): usually none. */
const remainder = fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 1 });
const threshold = fc.oneof(fc.constant(undefined), fc.integer({ min: 5, max: 20 }));

const randomTable: fc.Arbitrary<CountTable> = fc
	.record({ rows: fc.integer({ min: 1, max: 8 }), columns: fc.integer({ min: 1, max: 8 }) })
	.chain(({ rows, columns }) =>
		fc.record({
			cells: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
			rowRemainders: fc.array(remainder, { minLength: rows, maxLength: rows }),
			columnRemainders: fc.array(remainder, { minLength: columns, maxLength: columns }),
			giveGrandTotal: fc.boolean()
		})
	)
	.map(({ cells, rowRemainders, columnRemainders, giveGrandTotal }) => {
		const plain = tableOf(cells);
		const rowTotals = plain.rowTotals.map((total, r) => total + rowRemainders[r]!);
		const columnTotals = plain.columnTotals.map((total, c) => total + columnRemainders[c]!);
		const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
		const grandTotal = sum(cells.flat()) + sum(rowRemainders) + sum(columnRemainders);
		// Without remainders the grand total can be left out and computed.
		const needsGrandTotal = sum(rowTotals) !== sum(columnTotals);
		return { cells, rowTotals, columnTotals, ...(giveGrandTotal || needsGrandTotal ? { grandTotal } : {}) };
	});

/** A number of the table as the public sees it, with its true value (for the checks). */
interface Published {
	id: string;
	trueValue: number;
	cell: PublicCell;
}

/** The additive relations an attacker can use: a total and the numbers that add up to (at most) it. */
interface Relation {
	total: Published;
	parts: Published[];
}

function relationsOf(table: CountTable, published: ReturnType<typeof suppressTable>): Relation[] {
	const cell = (r: number, c: number): Published => ({ id: `cell ${r},${c}`, trueValue: table.cells[r]![c]!, cell: published.cells[r]![c]! });
	const rowTotal = (r: number): Published => ({ id: `row total ${r}`, trueValue: table.rowTotals[r]!, cell: published.rowTotals[r]! });
	const columnTotal = (c: number): Published => ({ id: `column total ${c}`, trueValue: table.columnTotals[c]!, cell: published.columnTotals[c]! });
	const grandTotalValue = table.grandTotal ?? table.rowTotals.reduce((a, b) => a + b, 0);
	const grand: Published = { id: 'grand total', trueValue: grandTotalValue, cell: published.grandTotal };
	const rows = table.cells.map((_, r) => r);
	const columns = table.cells[0]!.map((_, c) => c);
	return [
		...rows.map((r) => ({ total: rowTotal(r), parts: columns.map((c) => cell(r, c)) })),
		...columns.map((c) => ({ total: columnTotal(c), parts: rows.map((r) => cell(r, c)) })),
		{ total: grand, parts: columns.map(columnTotal) },
		{ total: grand, parts: rows.map(rowTotal) }
	];
}

/**
 * An attacker who subtracts: in any relation where exactly one number is hidden, it is the total
 * minus the others (plus or minus the people in no cell, which the attacker is assumed to know —
 * the cautious assumption). Recovered numbers count as known, and the attacker repeats until
 * nothing new comes out, so chains of subtractions are covered too. Returns what was recovered.
 */
function subtractionAttack(relations: readonly Relation[]): Map<string, number> {
	const known = new Map<string, number>();
	for (const relation of relations) {
		for (const number of [relation.total, ...relation.parts]) if (!isSuppressed(number.cell)) known.set(number.id, number.cell.value);
	}
	const recovered = new Map<string, number>();
	let progress = true;
	while (progress) {
		progress = false;
		for (const { total, parts } of relations) {
			const unknown = [total, ...parts].filter((number) => !known.has(number.id));
			if (unknown.length !== 1) continue;
			const [target] = unknown as [Published];
			const remainder = total.trueValue - parts.reduce((sum, part) => sum + part.trueValue, 0);
			const partsSum = parts.reduce((sum, part) => sum + (known.get(part.id) ?? 0), 0);
			const value = target === total ? partsSum + remainder : known.get(total.id)! - remainder - partsSum;
			known.set(target.id, value);
			recovered.set(target.id, value);
			progress = true;
		}
	}
	return recovered;
}

function allPublished(table: CountTable, published: ReturnType<typeof suppressTable>): Published[] {
	return [...new Map(relationsOf(table, published).flatMap(({ total, parts }) => [total, ...parts].map((p) => [p.id, p] as const))).values()];
}

describe('suppressTable on random tables (property-based)', () => {
	const runs = { numRuns: 1000 };

	it('(a) shows no count from 1 to threshold − 1', () => {
		fc.assert(
			fc.property(randomTable, threshold, (table, t) => {
				const published = suppressTable({ table, threshold: t });
				const limit = t ?? 11;
				return allPublished(table, published).every(({ cell }) => isSuppressed(cell) || cell.value === 0 || cell.value >= limit);
			}),
			runs
		);
	});

	it('(b) no hidden number can be recovered by subtracting in a row or column, even in chains', () => {
		fc.assert(
			fc.property(randomTable, threshold, (table, t) => {
				const recovered = subtractionAttack(relationsOf(table, suppressTable({ table, threshold: t })));
				expect([...recovered.keys()]).toEqual([]);
			}),
			runs
		);
	});

	it('(c) every shown number is the true number', () => {
		fc.assert(
			fc.property(randomTable, threshold, (table, t) => {
				const published = suppressTable({ table, threshold: t });
				return allPublished(table, published).every(({ cell, trueValue }) => isSuppressed(cell) || cell.value === trueValue);
			}),
			runs
		);
	});

	it('hides a zero only to protect another number, and is the same every time', () => {
		fc.assert(
			fc.property(randomTable, threshold, (table, t) => {
				const plan = planTableSuppression({ table, threshold: t });
				table.cells.forEach((row, r) => row.forEach((value, c) => value === 0 && expect(plan.cells[r]![c]).not.toBe('small_count')));
				expect(suppressTable({ table, threshold: t })).toEqual(suppressTable({ table, threshold: t }));
			}),
			{ numRuns: 200 }
		);
	});

	it('the attacker is real: it recovers a cell from a table with only the small counts hidden', () => {
		const table = tableOf([[3, 20], [15, 25]]);
		const naive = {
			cells: [
				[S, v(20)],
				[v(15), v(25)]
			],
			rowTotals: [v(23), v(40)],
			columnTotals: [v(18), v(45)],
			grandTotal: v(63)
		};
		expect(subtractionAttack(relationsOf(table, naive))).toEqual(new Map([['cell 0,0', 3]]));
	});
});

describe('suppressGroupCounts on random groups (property-based)', () => {
	const randomGroups = fc.record({
		counts: fc.array(count, { minLength: 0, maxLength: 12 }),
		unknown: remainder,
		threshold
	});
	const publishedOf = ({ counts, unknown, threshold: t }: { counts: number[]; unknown: number; threshold: number | undefined }) => {
		const total = counts.reduce((a, b) => a + b, 0) + unknown;
		const result = suppressGroupCounts({ groups: counts.map((count, i) => ({ key: `g${i}`, count })), total, threshold: t });
		return { total, result };
	};

	it('(a) shows no count from 1 to threshold − 1', () => {
		fc.assert(
			fc.property(randomGroups, (input) => {
				const { result } = publishedOf(input);
				const limit = input.threshold ?? 11;
				return [...result.groups.map(({ cell }) => cell), result.total].every((cell) => isSuppressed(cell) || cell.value === 0 || cell.value >= limit);
			}),
			{ numRuns: 1000 }
		);
	});

	it('(b) no hidden number can be recovered from the total', () => {
		fc.assert(
			fc.property(randomGroups, (input) => {
				const { result } = publishedOf(input);
				const hidden = [...result.groups.map(({ cell }) => cell), result.total].filter(isSuppressed).length;
				// One relation (total = groups + unknown): a single hidden number would be recoverable.
				// With no groups there is nothing to subtract, and a lone small total is simply hidden.
				return input.counts.length === 0 || hidden !== 1;
			}),
			{ numRuns: 1000 }
		);
	});

	it('(c) every shown number is the true number', () => {
		fc.assert(
			fc.property(randomGroups, (input) => {
				const { result, total } = publishedOf(input);
				const groupsTrue = result.groups.every(({ cell }, i) => isSuppressed(cell) || cell.value === input.counts[i]);
				return groupsTrue && (isSuppressed(result.total) || result.total.value === total);
			}),
			{ numRuns: 1000 }
		);
	});
});
