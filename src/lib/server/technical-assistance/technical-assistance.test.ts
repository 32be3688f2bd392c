import { describe, expect, it } from 'vitest';
import { canRate, median, ratingSchema, requestSchema, responseTimes, type TimedRequest } from './technical-assistance.js';

const at = (hours: number) => new Date(Date.UTC(2027, 0, 1) + hours * 3_600_000).toISOString();
const req = (category: TimedRequest['category'], first: number | null, close: number | null, rating: number | null = null): TimedRequest => ({
	category,
	created_at: at(0),
	first_response_at: first === null ? null : at(first),
	closed_at: close === null ? null : at(close),
	rating
});

describe('median', () => {
	it.each([
		[[], null],
		[[5], 5],
		[[3, 1], 2],
		[[9, 1, 4], 4],
		[[1, 2, 3, 100], 2.5]
	])('of %j is %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('response times', () => {
	it('reports nothing for no requests', () => expect(responseTimes([])).toEqual([]));

	it('gives medians per category in order, then all together, leaving out requests without the time', () => {
		const rows = responseTimes([req('grant_writing', 2, 10, 5), req('data', 4, null), req('data', 1, 3, 3), req('data', null, null), req('grant_writing', 6, 30, 4)]);
		expect(rows.map((r) => [r.category, r.requests, r.open, r.medianFirstResponse, r.responded, r.medianClose, r.closed, r.averageRating, r.rated])).toEqual([
			['data', 3, 2, 2.5, 2, 3, 1, 3, 1],
			['grant_writing', 2, 0, 4, 2, 20, 2, 4.5, 2],
			['all', 5, 2, 3, 4, 10, 3, 4, 3]
		]);
	});

	it('counts closing without a message as the first response', () => {
		expect(responseTimes([req('equipment', null, 8)])[0]).toMatchObject({ medianFirstResponse: 8, medianClose: 8 });
	});
});

describe('forms', () => {
	it('lists every problem of a request at once', () => {
		const r = requestSchema.safeParse({ category: 'magic', subject: ' ', description: 'short' });
		expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['category', 'subject', 'description']);
	});
	it('says the same for a missing field as for a short one (forms send empty fields as missing)', () => {
		const r = requestSchema.safeParse({});
		expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
			'Choose what kind of help you need.',
			'Give the request a short subject (at least 3 characters).',
			'Describe what you need in at least 10 characters.'
		]);
	});
	it.each([['0'], ['6'], ['2.5'], ['x']])('refuses the rating %s', (rating) => expect(ratingSchema.safeParse({ rating }).success).toBe(false));
	it('keeps a rating with an empty comment as none', () => expect(ratingSchema.parse({ rating: '4', comment: '  ' })).toEqual({ rating: 4, comment: null }));
	it.each([
		[{ status: 'open', rated_at: null }, false],
		[{ status: 'closed', rated_at: null }, true],
		[{ status: 'closed', rated_at: at(1) }, false]
	])('may rate %j: %s', (r, expected) => expect(canRate(r)).toBe(expected));
});
