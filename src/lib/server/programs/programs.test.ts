import { describe, expect, it } from 'vitest';
import { distanceMiles } from '../geo/distance.js';
import { foldText, programFormToInput, rrule, searchWords, timeOfDay, verificationState, weekdayOf } from './programs.js';

describe('verificationState', () => {
	const now = new Date('2026-12-01T00:00:00Z');
	it.each([
		['2026-06-01T00:00:00Z', null, 'current'],
		['2025-12-02T00:00:00Z', null, 'current'],
		['2025-11-30T00:00:00Z', null, 'due'],
		['2025-10-03T00:00:00Z', null, 'due'],
		['2025-10-01T00:00:00Z', null, 'hidden'],
		['2020-01-01T00:00:00Z', '2026-11-01T00:00:00Z', 'current']
	] as const)('created %s, verified %s → %s', (created, verified, expected) => {
		expect(verificationState(verified, created, now)).toBe(expected);
	});
});

describe('distanceMiles', () => {
	it.each([
		[{ lat: 39.9526, lon: -75.1652 }, { lat: 39.9526, lon: -75.1652 }, 0],
		// Philadelphia City Hall to Portland, OR Pioneer Square: about 2,410 miles.
		[{ lat: 39.9526, lon: -75.1652 }, { lat: 45.5189, lon: -122.6793 }, 2410],
		// One degree of latitude is about 69 miles.
		[{ lat: 40, lon: -75 }, { lat: 41, lon: -75 }, 69.1]
	])('%o to %o ≈ %d miles', (a, b, miles) => {
		expect(Math.abs(distanceMiles(a, b) - miles)).toBeLessThan(miles * 0.01 + 0.01);
	});
});

describe('rrule', () => {
	it.each([
		[{ freq: 'WEEKLY', interval: 1, byday: ['TU', 'TH'], until: '2027-06-10' }, 'FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270610T235959Z'],
		[{ freq: 'WEEKLY', interval: 2, byday: ['SA'], until: undefined }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA'],
		[{ freq: null, interval: 1, byday: [], until: undefined }, null]
	] as const)('%o → %s', (schedule, expected) => {
		expect(rrule({ ...schedule, byday: [...schedule.byday] })).toBe(expected);
	});
});

describe('search text', () => {
	it('folds accents and case, and keeps only meaningful words', () => {
		expect(foldText('Robótica y CIENCIA — ¡niñas!')).toBe('robotica y ciencia ninas');
		expect(searchWords('Club de Robótica a la tarde')).toEqual(['club', 'de', 'robotica', 'la', 'tarde']);
		expect(searchWords('  ')).toEqual([]);
	});
});

describe('weekdays and times of day', () => {
	it.each([
		['2026-12-01', 'TU'],
		['2026-12-06', 'SU'],
		['2026-12-07', 'MO']
	] as const)('%s is %s', (date, day) => expect(weekdayOf(date)).toBe(day));
	it.each([
		['09:00', 'morning'],
		['12:00', 'afternoon'],
		['16:59', 'afternoon'],
		['17:00', 'evening']
	] as const)('%s is %s', (time, part) => expect(timeOfDay(time)).toBe(part));
});

describe('programFormToInput', () => {
	it('rebuilds lists and nested rows, dropping blank rows, and keeps what was typed for the form', () => {
		const { input, values } = programFormToInput([
			['name', ' Club '],
			['subjects', 'coding'],
			['subjects', 'math'],
			['locations.0.postal_code', '19104'],
			['locations.1.postal_code', ''],
			['schedules.0.freq', 'WEEKLY'],
			['schedules.0.byday', 'MO'],
			['schedules.0.byday', 'WE'],
			['schedules.1.freq', 'WEEKLY'],
			['schedules.1.opens_at', '']
		]);
		expect(input).toEqual({
			name: 'Club',
			subjects: ['coding', 'math'],
			locations: [{ postal_code: '19104' }],
			schedules: [{ freq: 'WEEKLY', byday: ['MO', 'WE'] }]
		});
		expect(values).toMatchObject({ name: 'Club', subjects: 'coding,math', 'schedules.0.byday': 'MO,WE', 'locations.1.postal_code': undefined });
	});
});
