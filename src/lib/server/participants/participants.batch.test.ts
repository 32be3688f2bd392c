import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ParticipantRow } from './participants.js';
import { BatchFormatError, decodeParticipantBatch, encodeParticipantBatches, partOfPseudonym } from './participants.batch.js';

const row = (rowNumber: number, change: Partial<ParticipantRow> = {}): ParticipantRow => ({
	rowNumber,
	pseudonym: `p-${rowNumber}`,
	program: 'Saturday Robotics',
	raceEthnicity: 'black',
	sex: 'female',
	zip: '19104',
	gradeBand: '6-8',
	ageBand: null,
	disability: 0,
	englishLearner: null,
	lowIncome: 1,
	startedOn: '2026-01-10',
	endedOn: null,
	...change
});

const roundTrip = (rows: ParticipantRow[], maxRows?: number) =>
	encodeParticipantBatches(rows, maxRows).flatMap((b) => decodeParticipantBatch(b.firstRowNumber, b.rowCount, b.payload));

describe('participant row groups', () => {
	it.each([
		['one row', [row(2)]],
		['nulls in every nullable column', [row(2, { raceEthnicity: null, sex: null, zip: null, gradeBand: null, ageBand: null, disability: null, englishLearner: null, lowIncome: null, startedOn: null, endedOn: null })]],
		['program names with quotes, commas, backslashes, line breaks and accents', [row(2, { program: 'Taller "Ciencia", niñas\\niños\nsábado' }), row(3, { program: '' })]],
		['every flag value', [row(2, { disability: 1, englishLearner: 0, lowIncome: null }), row(3, { disability: null, englishLearner: 1, lowIncome: 0 })]],
		['a person on several rows', [row(2, { pseudonym: 'p-1' }), row(3, { pseudonym: 'p-1', program: 'Coding club' }), row(4, { pseudonym: 'p-2' })]]
	])('gives back exactly the rows it packed: %s', (_name, rows) => {
		expect(roundTrip(rows)).toEqual(rows);
	});

	it.each([
		['no rows', [], 1024, []],
		['fewer rows than a group', [2, 3, 4], 1024, [[2, 3]]],
		['exactly one group', [2, 3, 4, 5], 4, [[2, 4]]],
		['one more than a group', [2, 3, 4, 5, 6], 4, [[2, 4], [6, 1]]],
		['a gap in the row numbers starts a group', [2, 3, 7, 8, 9], 1024, [[2, 2], [7, 3]]],
		['rows numbered from 1 (the API)', [1, 2], 1024, [[1, 2]]]
	])('groups %s', (_name, numbers, maxRows, expected) => {
		const batches = encodeParticipantBatches(numbers.map((n) => row(n)), maxRows);
		expect(batches.map((b) => [b.firstRowNumber, b.rowCount])).toEqual(expected);
	});

	it('writes each distinct value of a column once per group', () => {
		const rows = Array.from({ length: 500 }, (_, i) => row(i + 2));
		const [batch] = encodeParticipantBatches(rows);
		expect(batch!.payload.split('Saturday Robotics').length - 1).toBe(1);
		expect(batch!.payload.split('2026-01-10').length - 1).toBe(1);
	});

	it('round-trips any rows, in any grouping', () => {
		const text = fc.string({ maxLength: 12 });
		const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
		const flag = fc.constantFrom(0 as const, 1 as const, null);
		fc.assert(
			fc.property(
				fc.array(fc.record({ pseudonym: fc.stringMatching(/^[a-z0-9]{1,6}$/), program: text, zip: nullable(text), startedOn: nullable(text), disability: flag, lowIncome: flag, sex: fc.constantFrom('female' as const, 'male' as const, null) }), { maxLength: 40 }),
				fc.integer({ min: 1, max: 9 }),
				(drawn, maxRows) => {
					const rows = drawn.map((d, i) => row(i + 2, d));
					expect(roundTrip(rows, maxRows)).toEqual(rows);
				}
			)
		);
	});

	it.each([
		['an unknown format', '{"format":2}', /format 2/],
		['a column with too few rows', encodeParticipantBatches([row(2)])[0]!.payload.replace('"sex":[["female"],[0]]', '"sex":[["female"],[]]'), /column sex/],
		['a missing column', '{"format":1}', /column pseudonym/]
	])('refuses a stored group with %s', (_name, payload, message) => {
		expect(() => decodeParticipantBatch(2, 1, payload)).toThrow(BatchFormatError);
		expect(() => decodeParticipantBatch(2, 1, payload)).toThrow(message);
	});

	it('shares people out among passes: the same pass for the same pseudonym, every pass used', () => {
		const parts = Array.from({ length: 4000 }, (_, i) => partOfPseudonym(`p-${i.toString(36)}`, 4));
		expect(partOfPseudonym('p-x1', 4)).toBe(partOfPseudonym('p-x1', 4));
		for (let part = 0; part < 4; part++) {
			const share = parts.filter((p) => p === part).length;
			expect(share).toBeGreaterThan(800);
			expect(share).toBeLessThan(1200);
		}
	});
});
