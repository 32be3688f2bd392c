import { describe, expect, it } from 'vitest';
import {
	attendanceMet,
	certificateCodeFrom,
	completionProblems,
	normalizeCertificateCode,
	offeringFromForm,
	offeringSchema,
	sessionsNeeded,
	summarizeEvaluations,
	transcriptByYear
} from './pd.js';
import { validate } from '../validation.js';

describe('attendance threshold', () => {
	it.each([
		// sessions, threshold %, attended, met
		[2, 100, 2, true],
		[2, 100, 1, false],
		[3, 66, 2, true],
		[3, 67, 2, false],
		[4, 75, 3, true],
		[4, 80, 3, false],
		[1, 1, 1, true],
		[1, 1, 0, false],
		[0, 100, 0, true]
	])('%i sessions at %i percent, %i attended: %s', (sessions, threshold, attended, met) => {
		expect(attendanceMet(attended, sessions, threshold)).toBe(met);
	});

	it('rounds the sessions needed up', () => {
		expect([sessionsNeeded(3, 50), sessionsNeeded(5, 80), sessionsNeeded(6, 100), sessionsNeeded(0, 100)]).toEqual([2, 4, 6, 0]);
	});
});

describe('completionProblems', () => {
	const base = { attended: 2, sessions: 2, threshold: 100, reflectionRequired: false, reflection: undefined };
	it.each([
		['complete attendance, no reflection asked', base, []],
		['short attendance', { ...base, attended: 1 }, ['attendance']],
		['reflection asked, none given', { ...base, reflectionRequired: true }, ['reflection']],
		['reflection asked, too short', { ...base, reflectionRequired: true, reflection: 'Good.' }, ['reflection']],
		['reflection asked and written', { ...base, reflectionRequired: true, reflection: 'I will use the sensor lab with my 9th graders in spring.' }, []],
		['both missing', { ...base, attended: 0, reflectionRequired: true, reflection: '   ' }, ['attendance', 'reflection']]
	] as const)('%s', (_label, input, fields) => {
		expect(completionProblems(input).map((p) => p.field)).toEqual(fields);
	});

	it('says how many sessions were attended and needed', () => {
		expect(completionProblems({ ...base, attended: 1 })[0]!.message).toBe('You attended 1 of 2 sessions; completion needs 2.');
	});
});

describe('certificate codes', () => {
	it('makes PD- and five groups of four Crockford symbols from 20 random bytes', () => {
		const code = certificateCodeFrom(new Uint8Array(20).map((_, i) => i * 13));
		expect(code).toMatch(/^PD-([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
	});

	it.each([
		['PD-ABCD-EFGH-JKMN-PQRS-TVWX', 'PD-ABCD-EFGH-JKMN-PQRS-TVWX'],
		['pd abcd efgh jkmn pqrs tvwx', 'PD-ABCD-EFGH-JKMN-PQRS-TVWX'],
		['ABCDEFGHJKMNPQRSTVWX', 'PD-ABCD-EFGH-JKMN-PQRS-TVWX'],
		// O is read as 0, I and L as 1: the letters people confuse.
		['PD-OOOO-IIII-LLLL-0000-1111', 'PD-0000-1111-1111-0000-1111'],
		['PDAB-CDEF-GHJK-MNPQ-RSTV', 'PD-PDAB-CDEF-GHJK-MNPQ-RSTV'],
		['PD-ABCD', null],
		['PD-ABCD-EFGH-JKMN-PQRS-TVWU', null],
		["PD-ABCD-EFGH-JKMN-PQRS-TVW'", null],
		['', null]
	])('reads %j as %j', (input, expected) => {
		expect(normalizeCertificateCode(input)).toBe(expected);
	});
});

describe('transcriptByYear', () => {
	const entry = (issued_at: string, hours: number, credit: string | null, title = 'T') => ({
		code: `PD-${issued_at}`,
		offering_title: title,
		hours,
		credit_type_name: credit,
		issuer_name: 'Issuer',
		issued_at
	});

	it('groups by the year earned, newest first, summing hours per credit type', () => {
		const years = transcriptByYear([
			entry('2026-03-01T10:00:00.000Z', 6, 'Act 48'),
			entry('2027-01-15T10:00:00.000Z', 3, 'Act 48'),
			entry('2026-11-01T10:00:00.000Z', 1.5, null),
			entry('2026-05-01T10:00:00.000Z', 2, 'Act 48')
		]);
		expect(years.map((y) => [y.year, y.hours, y.byCredit])).toEqual([
			[2027, 3, [{ credit: 'Act 48', hours: 3 }]],
			[2026, 9.5, [{ credit: 'Act 48', hours: 8 }, { credit: null, hours: 1.5 }]]
		]);
		expect(years[1]!.entries.map((e) => e.issued_at.slice(0, 10))).toEqual(['2026-03-01', '2026-05-01', '2026-11-01']);
	});

	it('is empty without certificates', () => {
		expect(transcriptByYear([])).toEqual([]);
	});
});

describe('summarizeEvaluations', () => {
	const row = (overall: number, comment = '') => ({ overall, relevance: 4, will_use: 5, comment });
	it('shows nothing but the count below three answers', () => {
		expect(summarizeEvaluations([row(5), row(4)])).toEqual({ n: 2, shown: false });
	});
	it('averages to one decimal and keeps non-empty comments', () => {
		expect(summarizeEvaluations([row(5, 'Great'), row(4, ' '), row(4)])).toEqual({
			n: 3,
			shown: true,
			overall: 4.3,
			relevance: 4,
			will_use: 5,
			comments: ['Great']
		});
	});
});

describe('the offering form', () => {
	const filled = {
		provider: 'backbone',
		title: 'Sensors in the biology lab',
		topic: 'Data collection',
		audience: 'classroom_teachers',
		subject: 'science',
		format: 'workshop',
		hours: '6',
		capacity: '20',
		'sessions.0.date': '2027-03-04',
		'sessions.0.start': '16:00',
		'sessions.0.end': '19:00',
		'sessions.2.date': '2027-03-11',
		'sessions.2.start': '16:00',
		'sessions.2.end': '19:00',
		'sessions.2.location': 'Room 104'
	};

	it('groups session rows, skipping blank ones, and reads cost in dollars', () => {
		const parsed = validate(offeringSchema, offeringFromForm({ ...filled, cost: '25.50' }, ['9-12']));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.sessions).toEqual([
			{ date: '2027-03-04', start: '16:00', end: '19:00', location: '' },
			{ date: '2027-03-11', start: '16:00', end: '19:00', location: 'Room 104' }
		]);
		expect([parsed.value.cost, parsed.value.attendance_threshold, parsed.value.grade_bands, parsed.value.publish]).toEqual([2550, 100, ['9-12'], false]);
	});

	it('lists every problem, including each bad session field', () => {
		const parsed = validate(
			offeringSchema,
			offeringFromForm({ provider: 'backbone', title: 'X', audience: 'everyone', hours: '-1', capacity: '0', format: 'workshop', 'sessions.0.date': '2027-02-30', 'sessions.0.start': '19:00', 'sessions.0.end': '18:00' }, ['k-99'])
		);
		expect(parsed.ok ? [] : parsed.issues.map((i) => i.field)).toEqual([
			'title', 'topic', 'audience', 'grade_bands.0', 'subject', 'hours', 'capacity', 'sessions.0.date', 'sessions.0.end'
		]);
	});

	it('needs a session unless the offering is self-paced', () => {
		const noSessions = Object.fromEntries(Object.entries(filled).filter(([k]) => !k.startsWith('sessions.')));
		const workshop = validate(offeringSchema, offeringFromForm(noSessions, []));
		expect(workshop.ok ? [] : workshop.issues.map((i) => i.field)).toEqual(['sessions.0.date']);
		expect(validate(offeringSchema, offeringFromForm({ ...noSessions, format: 'self_paced' }, [])).ok).toBe(true);
	});
});
