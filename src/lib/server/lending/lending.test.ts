import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { availabilityByDay, daysBetween, freeUnits, isOverdue, MAX_LOAN_DAYS, reservationSchema } from './lending.js';

describe('daysBetween', () => {
	it.each([
		['one day', '2027-03-01', '2027-03-01', ['2027-03-01']],
		['across a month end', '2027-02-27', '2027-03-02', ['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']],
		['a leap day', '2028-02-28', '2028-03-01', ['2028-02-28', '2028-02-29', '2028-03-01']],
		['backwards is empty', '2027-03-02', '2027-03-01', []]
	])('%s', (_label, first, last, expected) => {
		expect(daysBetween(first, last)).toEqual(expected);
	});
});

describe('freeUnits', () => {
	const days = ['2027-03-01', '2027-03-02'];
	it.each([
		['nothing booked', 3, [], [1, 2, 3]],
		['a unit busy on one of the days is not free', 3, [{ unit_no: 2, day: '2027-03-02' }], [1, 3]],
		['bookings on other days do not count', 2, [{ unit_no: 1, day: '2027-03-05' }], [1, 2]],
		['everything busy', 2, [{ unit_no: 1, day: '2027-03-01' }, { unit_no: 2, day: '2027-03-02' }], []]
	] as const)('%s', (_label, quantity, booked, expected) => {
		expect(freeUnits(quantity, days, [...booked])).toEqual(expected);
	});
});

describe('availabilityByDay', () => {
	it('counts free units per day and never goes below zero', () => {
		expect(
			availabilityByDay(2, ['2027-03-01', '2027-03-02', '2027-03-03'], [
				{ unit_no: 1, day: '2027-03-02' },
				{ unit_no: 1, day: '2027-03-03' },
				{ unit_no: 2, day: '2027-03-03' }
			])
		).toEqual([
			{ day: '2027-03-01', free: 2 },
			{ day: '2027-03-02', free: 1 },
			{ day: '2027-03-03', free: 0 }
		]);
	});
});

describe('reservationSchema', () => {
	it.each([
		['a two-week loan', { starts_on: '2027-03-01', ends_on: '2027-03-14', quantity: '1' }, []],
		['ends before it starts', { starts_on: '2027-03-10', ends_on: '2027-03-01', quantity: '1' }, ['ends_on']],
		['too long', { starts_on: '2027-03-01', ends_on: '2027-06-01', quantity: '1' }, ['ends_on']],
		['bad date and no quantity, all reported', { starts_on: '2027-02-30', ends_on: '2027-03-01', quantity: '0' }, ['starts_on', 'quantity']]
	])('%s', (_label, input, fields) => {
		const outcome = validate(reservationSchema, input);
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(fields);
	});
	it(`allows exactly ${MAX_LOAN_DAYS} days`, () => {
		expect(validate(reservationSchema, { starts_on: '2027-03-01', ends_on: '2027-04-11', quantity: '1' }).ok).toBe(true);
	});
});

describe('isOverdue', () => {
	it.each([
		['out past its last day', { status: 'picked_up', ends_on: '2027-03-01' }, true],
		['out, last day today', { status: 'picked_up', ends_on: '2027-03-02' }, false],
		['never picked up', { status: 'reserved', ends_on: '2027-03-01' }, false],
		['returned', { status: 'returned', ends_on: '2027-03-01' }, false]
	])('%s → %s', (_label, r, expected) => {
		expect(isOverdue(r, '2027-03-02')).toBe(expected);
	});
});
