import { describe, expect, it } from 'vitest';
import { ageBand, coverageLevel, coverageMatrix, daysOf, findOverlaps, overlapOf, sharedAges, sharedTimes, type OverlapProgram, type OverlapSchedule } from './overlap.js';

const weekly = (days: OverlapSchedule['days'], opens: string, closes: string, from = '2026-09-01', until: string | null = '2027-06-15'): OverlapSchedule => ({ days, opens, closes, from, until });

function program(id: string, overrides: Partial<OverlapProgram> = {}): OverlapProgram {
	return {
		id,
		name: `Program ${id}`,
		partnerId: `partner-${id}`,
		partnerName: `Partner ${id}`,
		zips: ['19104'],
		minAge: 10,
		maxAge: 14,
		subjects: ['robotics'],
		schedules: [weekly(['TU', 'TH'], '15:30', '17:00')],
		...overrides
	};
}

describe('sharedTimes', () => {
	it.each([
		['same days, same hours', [weekly(['TU', 'TH'], '15:30', '17:00')], [weekly(['TU'], '15:30', '17:00')], [{ day: 'TU', from: '15:30', to: '17:00' }]],
		['hours that only touch do not overlap', [weekly(['TU'], '15:00', '16:00')], [weekly(['TU'], '16:00', '17:00')], []],
		['partly overlapping hours give the shared window', [weekly(['SA'], '09:00', '12:00')], [weekly(['SA'], '11:00', '13:00')], [{ day: 'SA', from: '11:00', to: '12:00' }]],
		['different days', [weekly(['MO'], '15:00', '17:00')], [weekly(['WE'], '15:00', '17:00')], []],
		['different school years', [weekly(['TU'], '15:00', '17:00', '2025-09-01', '2026-06-15')], [weekly(['TU'], '15:00', '17:00', '2026-09-01', null)], []],
		['an open-ended series meets a later one-off session', [weekly(['SA'], '10:00', '12:00', '2026-01-01', null)], [weekly(['SA'], '11:00', '15:00', '2027-03-13', '2027-03-13')], [{ day: 'SA', from: '11:00', to: '12:00' }]],
		['two windows on one day merge', [weekly(['FR'], '15:00', '16:00'), weekly(['FR'], '15:30', '17:00')], [weekly(['FR'], '14:00', '18:00')], [{ day: 'FR', from: '15:00', to: '17:00' }]],
		['no schedules, no shared time', [], [weekly(['TU'], '15:00', '17:00')], []]
	] as const)('%s', (_name, a, b, expected) => {
		expect(sharedTimes([...a], [...b])).toEqual(expected);
	});
});

describe('ages', () => {
	it.each([
		[{ minAge: 10, maxAge: 14 }, { minAge: 12, maxAge: 18 }, { from: 12, to: 14 }],
		[{ minAge: 10, maxAge: 11 }, { minAge: 12, maxAge: 18 }, null],
		[{ minAge: null, maxAge: null }, { minAge: 8, maxAge: 9 }, { from: 8, to: 9 }],
		[{ minAge: 14, maxAge: null }, { minAge: null, maxAge: 15 }, { from: 14, to: 15 }],
		[{ minAge: null, maxAge: null }, { minAge: null, maxAge: null }, { from: null, to: null }]
	])('%j and %j share %j', (a, b, expected) => {
		expect(sharedAges(a, b)).toEqual(expected);
	});
	it('reads a grade band as ages grade+5 to grade+6 when no ages are given', () => {
		expect(ageBand({ min_age: null, max_age: null, grade_min: 3, grade_max: 5 })).toEqual({ minAge: 8, maxAge: 11 });
		expect(ageBand({ min_age: 9, max_age: null, grade_min: 3, grade_max: 5 })).toEqual({ minAge: 9, maxAge: null });
	});
	it('reads weekdays out of RFC 5545 BYDAY lists', () => {
		expect(daysOf('TU,TH')).toEqual(['TU', 'TH']);
		expect(daysOf('1SA')).toEqual(['SA']);
		expect(daysOf('')).toEqual([]);
	});
});

describe('overlapOf', () => {
	it('pairs two partners’ programs with the same ZIP, ages, subject and hours, and says what they share', () => {
		const pair = overlapOf(program('b', { zips: ['19104', '19143'], subjects: ['robotics', 'coding'] }), program('a', { zips: ['19104'], minAge: 12, maxAge: 16, subjects: ['coding', 'robotics', 'math'] }));
		expect(pair).toMatchObject({ zips: ['19104'], subjects: ['coding', 'robotics'], ages: { from: 12, to: 14 }, times: [{ day: 'TU', from: '15:30', to: '17:00' }, { day: 'TH', from: '15:30', to: '17:00' }], sharedMinutes: 180 });
		// Named in order, whichever came first.
		expect([pair!.a.id, pair!.b.id]).toEqual(['a', 'b']);
		expect(pair!.score).toBeGreaterThan(0.5);
		expect(pair!.score).toBeLessThan(1);
	});

	it.each([
		['the same partner', { partnerId: 'partner-a' }],
		['no ZIP in common', { zips: ['19154'] }],
		['an online program with no place', { zips: [] }],
		['no subject in common', { subjects: ['math'] }],
		['ages that do not meet', { minAge: 15, maxAge: 18 }],
		['no hours in common', { schedules: [weekly(['MO', 'WE'], '15:30', '17:00')] }],
		['no schedule at all', { schedules: [] }]
	])('is not an overlap with %s', (_name, overrides) => {
		expect(overlapOf(program('a'), program('b', overrides))).toBeNull();
	});

	it('scores identical programs as 1', () => {
		expect(overlapOf(program('a'), program('b'))?.score).toBe(1);
	});
});

describe('findOverlaps', () => {
	it('ranks the most alike pairs first and lists each pair once, even when they share several ZIPs', () => {
		const twin1 = program('twin1', { name: 'Robot Makers', zips: ['19104', '19143'] });
		const twin2 = program('twin2', { name: 'Bot Builders', zips: ['19104', '19143'] });
		const partial = program('partial', { name: 'Code and Robots', subjects: ['robotics', 'coding', 'math'], zips: ['19143'], schedules: [weekly(['TU'], '16:30', '18:00')] });
		const sameOwner = program('same', { name: 'Twin sibling', partnerId: twin1.partnerId });
		const pairs = findOverlaps([twin1, twin2, partial, sameOwner]);
		expect(pairs.map((p) => [p.a.name, p.b.name])).toEqual([
			['Bot Builders', 'Robot Makers'],
			['Bot Builders', 'Twin sibling'],
			['Bot Builders', 'Code and Robots'].sort() as [string, string],
			['Code and Robots', 'Robot Makers']
		].map((x) => x.sort()));
		expect(pairs[0]!.score).toBeGreaterThan(pairs.at(-1)!.score);
		expect(findOverlaps([twin1, twin2, partial], 1)).toHaveLength(1);
		expect(findOverlaps([])).toEqual([]);
	});
});

describe('coverage', () => {
	it.each([
		[0, 'gap'],
		[1, 'single'],
		[2, 'some'],
		[3, 'crowded'],
		[9, 'crowded']
	] as const)('%i partners is %s', (n, level) => {
		expect(coverageLevel(n)).toBe(level);
	});

	it('fills every row and sector, counting each partner once per cell', () => {
		const matrix = coverageMatrix(['robotics', 'math'], ['k12', 'ost'], [
			{ row: 'robotics', sector: 'ost', partner: 'Bolt' },
			{ row: 'robotics', sector: 'ost', partner: 'Bolt' },
			{ row: 'robotics', sector: 'ost', partner: 'Anchor' },
			{ row: 'robotics', sector: 'ost', partner: 'Cog' },
			{ row: 'math', sector: 'k12', partner: 'Dewey' },
			{ row: 'knitting', sector: 'k12', partner: 'Ignored' }
		]);
		expect(matrix.get('robotics')?.get('ost')).toEqual({ partners: ['Anchor', 'Bolt', 'Cog'], level: 'crowded' });
		expect(matrix.get('robotics')?.get('k12')).toEqual({ partners: [], level: 'gap' });
		expect(matrix.get('math')?.get('k12')).toEqual({ partners: ['Dewey'], level: 'single' });
		expect([...matrix.keys()]).toEqual(['robotics', 'math']);
	});
});
