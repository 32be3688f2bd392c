import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import {
	eventSchema,
	parseQuestions,
	questionsToText,
	registrationFromForm,
	registrationSchema,
	reminderDueAt,
	occurrenceStarts,
	seatsLeft,
	utcToZoned,
	zonedToUtc
} from './events.js';

describe('zonedToUtc and utcToZoned', () => {
	it.each([
		['2027-01-20T18:00', 'America/New_York', '2027-01-20T23:00:00.000Z'],
		['2027-07-20T18:00', 'America/New_York', '2027-07-20T22:00:00.000Z'],
		['2027-07-20T18:00', 'America/Los_Angeles', '2027-07-21T01:00:00.000Z'],
		['2027-01-20T09:30', 'America/Los_Angeles', '2027-01-20T17:30:00.000Z'],
		// The spring-forward gap: 02:30 does not exist, read as 03:30 daylight time.
		['2027-03-14T02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
		// The fall-back overlap: the first 01:30 (daylight time).
		['2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
		['2027-06-01T12:00', 'UTC', '2027-06-01T12:00:00.000Z']
	])('%s in %s is %s', (local, zone, utc) => {
		expect(zonedToUtc(local, zone)).toBe(utc);
	});

	it.each([
		['2027-01-20T23:00:00.000Z', 'America/New_York', '2027-01-20T18:00'],
		['2027-07-21T01:00:00.000Z', 'America/Los_Angeles', '2027-07-20T18:00'],
		['2027-11-07T06:30:00.000Z', 'America/New_York', '2027-11-07T01:30']
	])('%s shows as %s local time in %s', (utc, zone, local) => {
		expect(utcToZoned(utc, zone)).toBe(local);
	});
});

describe('eventSchema', () => {
	const base = { title: 'Collaboratory meetup', format: 'in_person', location: 'Library, Room 2', starts_local: '2027-03-18T18:00', ends_local: '2027-03-18T20:00' };

	it('accepts an in-person event and defaults the reminder to a day', () => {
		expect(validate(eventSchema, base)).toMatchObject({ ok: true, value: { reminder_hours: 24, description_md: '' } });
	});

	it.each([
		[{ format: 'online', location: undefined }, ['online_url']],
		[{ format: 'hybrid', location: undefined }, ['location', 'online_url']],
		[{ ends_local: '2027-03-18T17:00' }, ['ends_local']],
		[{ capacity: '0', reminder_hours: 'soon' }, ['capacity', 'reminder_hours']],
		[{ title: 'A', starts_local: 'tomorrow', format: 'party' }, ['title', 'format', 'starts_local']],
		[{ online_url: 'javascript:alert(1)', format: 'online' }, ['online_url']],
		[{ questions: Array.from({ length: 11 }, (_, i) => `Question ${i}`).join('\n') }, ['questions']]
	])('reports every problem of %o', (change, fields) => {
		const outcome = validate(eventSchema, { ...base, ...change });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field).sort()).toEqual([...fields].sort());
	});
});

describe('registration questions', () => {
	it('reads one question per line, a trailing * meaning required, with Spanish labels by line', () => {
		const questions = parseQuestions('School or program *\n\nDietary needs', 'Escuela o programa *\nNecesidades alimentarias');
		expect(questions).toEqual([
			{ id: 'q1', label: 'School or program', label_es: 'Escuela o programa', required: true },
			{ id: 'q2', label: 'Dietary needs', label_es: 'Necesidades alimentarias', required: false }
		]);
		expect(parseQuestions(questionsToText(questions).questions, questionsToText(questions).questions_es)).toEqual(questions);
	});

	it('requires answers to required questions only and lower-cases the email', () => {
		const schema = registrationSchema(parseQuestions('School *\nDiet', undefined));
		expect(validate(schema, registrationFromForm({ name: 'Ana', email: 'Ana@Example.org', answer_q1: 'Lincoln High' }))).toMatchObject({
			ok: true,
			value: { email: 'ana@example.org', answers: { q1: 'Lincoln High' } }
		});
		const missing = validate(schema, registrationFromForm({ name: undefined, email: 'nope' }));
		expect(missing.ok ? [] : missing.issues.map((i) => [i.field, i.message])).toEqual([
			['name', 'Enter your name.'],
			['email', 'Enter an email address such as name@example.org.'],
			['answers.q1', 'Answer “School”.']
		]);
	});
});

describe('seats and reminders', () => {
	it.each([
		[{ capacity: 20, seats_taken: 0 }, 20],
		[{ capacity: 20, seats_taken: 20 }, 0],
		[{ capacity: null, seats_taken: 500 }, null]
	])('%o leaves %s seats', (event, left) => {
		expect(seatsLeft(event)).toBe(left);
	});

	it.each([
		[24, '2027-03-17T23:00:00.000Z'],
		[2, '2027-03-18T21:00:00.000Z'],
		[0, null]
	])('a reminder %s hours before a 23:00Z start is due at %s', (hours, due) => {
		expect(reminderDueAt({ starts_at: '2027-03-18T23:00:00.000Z', reminder_hours: hours })).toBe(due);
	});
});

describe('recurring events', () => {
	it.each([
		['2027-01-14T18:00', 'weekly', 3, ['2027-01-14T18:00', '2027-01-21T18:00', '2027-01-28T18:00']],
		// The 2nd Thursday of each month, across a year end.
		['2026-11-12T18:00', 'monthly', 4, ['2026-11-12T18:00', '2026-12-10T18:00', '2027-01-14T18:00', '2027-02-11T18:00']],
		// A 5th Tuesday becomes the last Tuesday in months without a fifth.
		['2027-03-30T09:30', 'monthly', 3, ['2027-03-30T09:30', '2027-04-27T09:30', '2027-05-25T09:30']],
		['2027-03-30T09:30', 'none', 5, ['2027-03-30T09:30']]
	] as const)('%s repeating %s × %i', (first, rule, count, starts) => {
		expect(occurrenceStarts(first, rule, count)).toEqual(starts);
	});

	it('needs a number of dates for a series', () => {
		const outcome = validate(eventSchema, { title: 'Collaboratory', format: 'online', online_url: 'https://meet.example.org/x', starts_local: '2027-01-14T18:00', ends_local: '2027-01-14T19:00', repeat: 'monthly' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['occurrences']);
	});
});
