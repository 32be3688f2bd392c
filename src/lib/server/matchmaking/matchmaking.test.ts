import { describe, expect, it } from 'vitest';
import { distanceMiles as milesBetween } from '../geo/distance.js';
import { validate } from '../validation.js';
import { daysWaiting, defaultWeights, needSchema, offerSchema, rankOffers, scoreMatch, type NeedFacts, type OfferFacts } from './matchmaking.js';

// Census internal points of two North Philadelphia ZCTAs and one in Center City (2010 TIGER).
const n19121 = { lat: 39.9819795, lon: -75.1791198 };
const n19122 = { lat: 39.9777461, lon: -75.1458993 };
const n19103 = { lat: 39.9528962, lon: -75.1742983 };

const need: NeedFacts = { kind: 'speaker', subject: 'biology', grade_band: '9_12', needed_from: '2027-03-01', needed_by: '2027-03-31', focus_share: 80, location: n19121 };
const offer: OfferFacts = { kind: 'speaker', subjects: ['biology', 'chemistry'], grade_bands: ['9_12'], available_from: '2027-01-01', available_until: '2027-06-30', location: n19122 };

describe('milesBetween', () => {
	it('measures short city distances', () => {
		expect(milesBetween(n19121, n19121)).toBe(0);
		expect(milesBetween(n19121, n19122)).toBeCloseTo(1.78, 1);
		expect(milesBetween(n19121, n19103)).toBeCloseTo(2.03, 1);
	});
});

describe('scoreMatch', () => {
	it.each([
		['another kind of help never matches', { kind: 'equipment' }, {}, null],
		['no overlap in dates never matches', {}, { available_from: '2027-04-01' }, null],
		[
			'a full match: subject, grade, close by, whole window, high-priority school',
			{},
			{},
			{ score: 30 + 20 + 20 * (1 - 1.8 / 25) + 15 + 12, reasons: ['subject', 'grade', 'distance', 'timing', 'priority'] }
		],
		['subject and grade missing score nothing for them', {}, { subjects: ['physics'], grade_bands: ['k_5'] }, { score: 20 * (1 - 1.8 / 25) + 15 + 12, reasons: ['distance', 'timing', 'priority'] }],
		['an unknown ZIP gives no distance points but says so', { location: null }, {}, { score: 30 + 20 + 15 + 12, reasons: ['subject', 'grade', 'distance_unknown', 'timing', 'priority'] }],
		['half the window covered gives half the timing points', {}, { available_until: '2027-03-16' }, { score: 30 + 20 + 20 * (1 - 1.8 / 25) + 7.5 + 12, reasons: ['subject', 'grade', 'distance', 'timing', 'priority'] }],
		['a school with no focus-group share gets no priority points', { focus_share: 0 }, {}, { score: 30 + 20 + 20 * (1 - 1.8 / 25) + 15, reasons: ['subject', 'grade', 'distance', 'timing'] }]
	] as const)('%s', (_label, needChange, offerChange, expected) => {
		const result = scoreMatch({ ...need, ...needChange }, { ...offer, ...offerChange } as OfferFacts);
		if (expected === null) return expect(result).toBeNull();
		expect(result!.score).toBeCloseTo(expected.score, 0);
		expect(result!.reasons.map((r) => r.code)).toEqual(expected.reasons);
	});

	it('explains with the facts: miles, the overlapping dates, the share', () => {
		expect(scoreMatch(need, { ...offer, available_until: '2027-03-16' })!.reasons).toEqual([
			{ code: 'subject', subject: 'biology' },
			{ code: 'grade', band: '9_12' },
			{ code: 'distance', miles: 1.8 },
			{ code: 'timing', from: '2027-03-01', until: '2027-03-16' },
			{ code: 'priority', share: 80 }
		]);
	});

	it('uses the ecosystem’s weights', () => {
		const subjectOnly = { ...defaultWeights, grade: 0, distance: 0, timing: 0, priority: 0 };
		expect(scoreMatch(need, offer, subjectOnly)!.score).toBe(30);
	});
});

describe('rankOffers', () => {
	it('drops offers that cannot help and puts the best first', () => {
		const far = { ...offer, location: { lat: 45.52, lon: -122.68 }, id: 'far' };
		const near = { ...offer, id: 'near' };
		const wrong = { ...offer, kind: 'equipment', id: 'wrong' };
		expect(rankOffers(need, [far, wrong, near]).map((s) => s.offer.id)).toEqual(['near', 'far']);
	});
});

describe('schemas and waiting time', () => {
	it('lists every problem of a need at once', () => {
		const outcome = validate(needSchema, { kind: 'party', title: 'Hi', zip: '191', subject: 'biology', grade_band: '9_12', needed_from: '2027-03-10', needed_by: '2027-03-01', focus_share: '150' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['kind', 'title', 'zip', 'focus_share', 'needed_by']);
	});
	it('needs at least one subject and grade band in an offer', () => {
		const outcome = validate(offerSchema, { kind: 'speaker', title: 'Lab scientists visit', zip: '19104', available_from: '2027-01-01', available_until: '2027-06-30' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['subjects', 'grade_bands']);
	});
	it('counts whole days waited', () => {
		expect(daysWaiting('2027-03-01T12:00:00.000Z', new Date('2027-03-04T11:00:00.000Z'))).toBe(2);
	});
});
