import { describe, expect, it } from 'vitest';
import { isOverdue, needsReminder, parseYearValues } from './agenda.js';

describe('parseYearValues', () => {
	it.each([
		['2027: 0.7\n2028: 0,8', [{ year: 2027, value: 0.7 }, { year: 2028, value: 0.8 }], []],
		['2028 12; 2027=3', [{ year: 2027, value: 3 }, { year: 2028, value: 12 }], []],
		['', [], []],
		['\n\n2030,-1.5\n', [{ year: 2030, value: -1.5 }], []]
	])('reads %j', (text, points, problems) => {
		expect(parseYearValues(text, 'Targets')).toEqual({ points, problems });
	});

	it('reports every bad line with its number, and repeated years', () => {
		expect(parseYearValues('2027: 0.7\nsoon: 1\n2027: 0.9\n27: 1', 'Targets').problems).toEqual([
			'Targets, line 2 (“soon: 1”): write a year and a value, such as “2027: 0.7”.',
			'Targets, line 3: 2027 appears more than once.',
			'Targets, line 4 (“27: 1”): write a year and a value, such as “2027: 0.7”.'
		]);
	});
});

describe('isOverdue', () => {
	it.each([
		['planned', '2026-11-30', true],
		['in_progress', '2026-11-30', true],
		['planned', '2026-12-01', false],
		['done', '2020-01-01', false],
		['dropped', '2020-01-01', false]
	])('%s due %s → %s on 2026-12-01', (status, due_on, expected) => {
		expect(isOverdue({ status, due_on }, '2026-12-01')).toBe(expected);
	});
});

describe('needsReminder', () => {
	const now = new Date('2026-12-01T12:00:00Z');
	it.each([
		{ why: 'overdue, never reminded', status: 'planned', due_on: '2026-11-01', reminded_at: null, expected: true },
		{ why: 'due within a week', status: 'in_progress', due_on: '2026-12-08', reminded_at: null, expected: true },
		{ why: 'due in more than a week', status: 'planned', due_on: '2026-12-09', reminded_at: null, expected: false },
		{ why: 'reminded yesterday', status: 'planned', due_on: '2026-11-01', reminded_at: '2026-11-30T12:00:00Z', expected: false },
		{ why: 'reminded a week ago', status: 'planned', due_on: '2026-11-01', reminded_at: '2026-11-24T12:00:00Z', expected: true },
		{ why: 'done', status: 'done', due_on: '2026-11-01', reminded_at: null, expected: false }
	])('$why → $expected', ({ expected, ...action }) => {
		expect(needsReminder(action, now)).toBe(expected);
	});
});
