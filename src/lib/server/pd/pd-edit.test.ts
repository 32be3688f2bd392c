import { describe, expect, it } from 'vitest';
import { capacityProblem, planSessionEdit, sessionTimeText, type SessionInput } from './pd.js';

describe('capacityProblem', () => {
	it.each([
		[20, 3, []],
		[3, 3, []],
		[2, 3, ['3 people are already registered, so the capacity cannot be lower than 3.']],
		[0, 1, ['1 person is already registered, so the capacity cannot be lower than 1.']],
		[1, 0, []]
	])('capacity %i with %i registered', (capacity, registered, messages) => {
		expect(capacityProblem(capacity, registered).map((p) => p.message)).toEqual(messages);
	});
});

describe('planSessionEdit', () => {
	const stored = [
		{ id: 's1', starts_at: '2031-03-04T16:00:00.000Z', ends_at: '2031-03-04T19:00:00.000Z', location: 'Room 4' },
		{ id: 's2', starts_at: '2031-03-11T16:00:00.000Z', ends_at: '2031-03-11T19:00:00.000Z', location: '' }
	];
	const row = (id: string | undefined, date: string, start = '16:00', end = '19:00', location = ''): SessionInput => ({ id, date, start, end, location });

	it('marks only sessions whose start or end changed as moved; a new place alone is not a move', () => {
		const plan = planSessionEdit(stored, [row('s1', '2031-03-04', '16:00', '19:00', 'Room 5'), row('s2', '2031-03-11', '16:00', '19:30')]);
		expect(plan.ok && plan.updates.map((u) => [u.id, u.moved, u.location])).toEqual([['s1', false, 'Room 5'], ['s2', true, '']]);
	});

	it('adds rows without an id as new sessions', () => {
		const plan = planSessionEdit(stored, [row('s1', '2031-03-04'), row('s2', '2031-03-11'), row(undefined, '2031-03-18', '09:00', '10:00')]);
		expect(plan.ok && plan.inserts).toEqual([{ starts_at: '2031-03-18T09:00:00.000Z', ends_at: '2031-03-18T10:00:00.000Z', location: '' }]);
	});

	it.each([
		['a session left out', [row('s1', '2031-03-04')], 'sessions.0.date', /cannot be removed/],
		['an unknown id', [row('s1', '2031-03-04'), row('elsewhere', '2031-03-11')], 'sessions.1.date', /not part of the offering/],
		['the same id twice', [row('s1', '2031-03-04'), row('s1', '2031-03-11')], 'sessions.1.date', /not part of the offering/]
	])('refuses %s', (_, sessions, field, message) => {
		const plan = planSessionEdit(stored, sessions);
		expect(plan.ok).toBe(false);
		if (!plan.ok) {
			expect(plan.issues[0]!.field).toBe(field);
			expect(plan.issues[0]!.message).toMatch(message);
		}
	});

	it('writes a session time for email in UTC', () => {
		expect(sessionTimeText(stored[0]!)).toBe('2031-03-04, 16:00–19:00 UTC');
	});
});
