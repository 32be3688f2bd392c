import { describe, expect, it } from 'vitest';
import { isMonth, monthGrid, shiftMonth } from './events-month.js';

describe('the month grid', () => {
	it.each([
		// month, weeks, first cell, last cell
		['2031-03', 6, '2031-02-23', '2031-04-05'], // starts on a Saturday: six rows
		['2026-02', 4, '2026-02-01', '2026-02-28'], // 28 days starting on a Sunday: exactly four rows
		['2024-02', 5, '2024-01-28', '2024-03-02'], // leap year
		['2030-12', 5, '2030-12-01', '2031-01-04']
	])('%s has %i weeks from %s to %s', (month, weeks, first, last) => {
		const grid = monthGrid(month, [], () => '');
		expect(grid).toHaveLength(weeks);
		expect(grid.every((w) => w.length === 7)).toBe(true);
		expect(grid[0]![0]!.date).toBe(first);
		expect(grid.at(-1)!.at(-1)!.date).toBe(last);
		expect(grid.flat().filter((d) => d.inMonth).length).toBe(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate());
	});

	it('puts each event on its local day, several on one day in order, none outside', () => {
		const events = [
			{ title: 'a', day: '2031-03-18' },
			{ title: 'b', day: '2031-03-18' },
			{ title: 'c', day: '2031-03-01' },
			{ title: 'x', day: '2031-05-01' }
		];
		const cells = monthGrid('2031-03', events, (e) => e.day).flat();
		expect(cells.find((d) => d.date === '2031-03-18')!.events.map((e) => e.title)).toEqual(['a', 'b']);
		expect(cells.find((d) => d.date === '2031-03-01')!.events.map((e) => e.title)).toEqual(['c']);
		expect(cells.flatMap((d) => d.events).map((e) => e.title)).toEqual(['c', 'a', 'b']);
	});

	it.each([
		['2031-03', true],
		['2031-13', false],
		['2031-3', false],
		['1999-12', false],
		['2031-03-01', false],
		['', false]
	])('isMonth(%j) is %s', (value, expected) => expect(isMonth(value)).toBe(expected));

	it('moves across years', () => {
		expect(shiftMonth('2031-12', 1)).toBe('2032-01');
		expect(shiftMonth('2031-01', -1)).toBe('2030-12');
	});
});
