import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageBands, gradeBands, raceEthnicityGroups, type Disaggregation } from '../metrics/metrics.js';
import {
	aggregateParticipants,
	cellsFromCombinations,
	combineSpd15,
	countCombinations,
	demographicColumns,
	PeopleCounter,
	type RowProblem,
	crosswalk1997,
	looksLikeIdentifierColumn,
	ProblemList,
	races1997,
	readHeader,
	readParticipantRow,
	type ParticipantRow,
	type Race1997
} from './participants.js';

describe('the header', () => {
	it.each([
		['Name', true],
		['first_name', true],
		['Last Name', true],
		['E-mail', true],
		['email_address', true],
		['Phone', true],
		['mobile_number', true],
		['Student Number', true],
		['student_id', true],
		['SSN', true],
		['Home address', true],
		['date_of_birth', true],
		['DOB', true],
		['pseudonym', false],
		['program', false],
		['zip', false],
		['grade_band', false],
		['username_hash', false],
		['programme_name', true]
	])('%s looks like a direct identifier: %s', (column, expected) => {
		expect(looksLikeIdentifierColumn(column)).toBe(expected);
	});

	it('maps known columns in any order and case', () => {
		const { map, problems } = readHeader(['\uFEFFPseudonym', 'ZIP', 'Race Ethnicity', 'Sex']);
		expect(problems).toEqual([]);
		expect(map).toEqual({ pseudonym: 0, zip: 1, race_ethnicity: 2, sex: 3 });
	});

	it('lists every header problem at once', () => {
		const { problems } = readHeader(['name', 'email', 'zip', 'zip', 'shoe_size', 'race_ethnicity', 'race']);
		expect(problems.map((p) => [p.row, p.column])).toEqual([
			[1, 'name'],
			[1, 'email'],
			[1, 'zip'],
			[1, 'shoe_size'],
			[1, 'pseudonym'],
			[1, 'race_ethnicity']
		]);
		expect(problems[0]!.message).toMatch(/direct identifier/);
	});

	it('needs both 1997 columns', () => {
		expect(readHeader(['pseudonym', 'race']).problems.map((p) => p.column)).toEqual(['hispanic']);
		expect(readHeader(['pseudonym', 'hispanic']).problems.map((p) => p.column)).toEqual(['race']);
		expect(readHeader(['pseudonym', 'race', 'hispanic']).problems).toEqual([]);
	});
});

describe('race and ethnicity', () => {
	it.each([
		[['black'], 'black'],
		[['hispanic', 'white'], 'hispanic'],
		[['black', 'white'], 'multiracial'],
		[['middle_eastern_north_african'], 'middle_eastern_north_african'],
		[['middle_eastern_north_african', 'white'], 'multiracial'],
		[['multiracial'], 'multiracial'],
		[['asian', 'asian'], 'asian'],
		[[], null]
	] as const)('SPD-15 %j → %s', (categories, expected) => {
		expect(combineSpd15(categories)).toBe(expected);
	});

	it.each([
		[['white'], true, 'hispanic'],
		[['black', 'white'], true, 'hispanic'],
		[[], true, 'hispanic'],
		[['white'], false, 'white'],
		[['black'], false, 'black'],
		[['american_indian_alaska_native'], false, 'american_indian_alaska_native'],
		[['native_hawaiian_pacific_islander'], false, 'native_hawaiian_pacific_islander'],
		[['asian', 'white'], false, 'multiracial'],
		[['some_other_race'], false, null],
		[['some_other_race', 'black'], false, 'multiracial'],
		[[], false, null],
		[['white'], null, null]
	] as const)('1997 %j, Hispanic %s → %s', (races, hispanic, expected) => {
		expect(crosswalk1997(races, hispanic)).toBe(expected);
	});

	it('the crosswalk always lands in an SPD-15 category or not classified, never MENA', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...races1997)), fc.constantFrom(true, false, null), (races: Race1997[], hispanic) => {
				const result = crosswalk1997(races, hispanic);
				expect(result === null || (raceEthnicityGroups as readonly string[]).includes(result)).toBe(true);
				expect(result).not.toBe('middle_eastern_north_african');
				if (hispanic === true) expect(result).toBe('hispanic');
			})
		);
	});
});

describe('a data row', () => {
	const header = ['pseudonym', 'program', 'race', 'hispanic', 'sex', 'zip', 'grade_band', 'age_band', 'disability', 'english_learner', 'low_income', 'started_on', 'ended_on'];
	const { map } = readHeader(header);
	const read = (cells: string[], row = 2) => readParticipantRow(cells, map, row, header.length);

	it('reads a complete row, with the 1997 crosswalk', () => {
		const { row, problems } = read(['p-1', 'Robotics', 'Black; White', 'no', 'F', '19104', '6_8', '10_13', 'yes', 'NO', '', '2026-01-10', '2026-05-30']);
		expect(problems).toEqual([]);
		expect(row).toEqual({
			rowNumber: 2, pseudonym: 'p-1', program: 'Robotics', raceEthnicity: 'multiracial', sex: 'female', zip: '19104', gradeBand: '6-8', ageBand: '10-13',
			disability: 1, englishLearner: 0, lowIncome: null, startedOn: '2026-01-10', endedOn: '2026-05-30'
		});
	});

	it('blank optional values are "not reported"', () => {
		const { row } = read(['p-2', '', '', '', '', '', '', '', '', '', '', '', '']);
		expect(row).toMatchObject({ raceEthnicity: null, sex: null, zip: null, disability: null, startedOn: null });
	});

	it('lists every problem of the row with its column, value and why', () => {
		const { row, problems } = read(['jo@example.org', '', 'purple', 'maybe', 'x', '1910', 'grade 7', '12', 'sometimes', 'yes', 'no', '2026-02-30', '2025-01-01']);
		expect(row).toBeNull();
		expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
			[2, 'pseudonym', 'jo@example.org'],
			[2, 'race', 'purple'],
			[2, 'hispanic', 'maybe'],
			[2, 'sex', 'x'],
			[2, 'zip', '1910'],
			[2, 'grade_band', 'grade 7'],
			[2, 'age_band', '12'],
			[2, 'disability', 'sometimes'],
			[2, 'started_on', '2026-02-30']
		]);
		expect(problems.every((p) => p.message.length > 15)).toBe(true);
	});

	it('an end before the start and a short row are problems', () => {
		expect(read(['p', '', '', '', '', '', '', '', '', '', '', '2026-05-01', '2026-04-01']).problems.map((p) => p.column)).toEqual(['ended_on']);
		expect(read(['p', 'x'], 9).problems).toEqual([expect.objectContaining({ row: 9, message: expect.stringMatching(/2 values but the header has 13/) })]);
	});

	it('never throws, and either reads a row or says why not', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 13, maxLength: 13 }), fc.nat(), (cells, n) => {
				const { row, problems } = read(cells, n + 2);
				expect(row === null).toBe(problems.length > 0);
				for (const p of problems) expect(p.row).toBe(n + 2);
			})
		);
	});
});

// ---------------------------------------------------------------------------------------------

const person = (rowNumber: number, pseudonym: string, raceEthnicity: ParticipantRow['raceEthnicity'], sex: ParticipantRow['sex']): ParticipantRow => ({
	rowNumber, pseudonym, program: '', raceEthnicity, sex, zip: null, gradeBand: null, ageBand: null, disability: null, englishLearner: null, lowIncome: null, startedOn: null, endedOn: null
});
const both: Disaggregation[] = ['race_ethnicity', 'sex'];

describe('aggregation into cells', () => {
	it('counts distinct people per group and intersection', () => {
		const rows = [person(2, 'a', 'black', 'female'), person(3, 'a', 'black', 'female'), person(4, 'b', 'black', 'male'), person(5, 'c', null, 'female'), person(6, 'd', 'asian', null)];
		const outcome = aggregateParticipants(rows, both);
		expect(outcome.ok && Object.fromEntries(outcome.cells)).toEqual({
			all: 4, black: 2, female: 2, male: 1, 'black:female': 1, 'black:male': 1, asian: 1
		});
		const bySexOnly = aggregateParticipants(rows, ['sex']);
		expect(bySexOnly.ok && Object.fromEntries(bySexOnly.cells)).toEqual({ all: 4, female: 2, male: 1 });
		const none = aggregateParticipants([], both);
		expect(none.ok && Object.fromEntries(none.cells)).toEqual({ all: 0 });
	});

	it('refuses a person whose rows disagree, naming both rows', () => {
		const outcome = aggregateParticipants([person(2, 'a', 'black', 'female'), person(7, 'a', 'white', 'female')], both);
		expect(outcome).toEqual({ ok: false, problems: [expect.objectContaining({ row: 7, column: 'race_ethnicity', value: 'white', message: expect.stringMatching(/black on row 2 but white here/) })] });
	});

	const consistentRows = fc
		.array(
			fc.record({
				id: fc.integer({ min: 0, max: 30 }),
				race: fc.constantFrom(null, ...raceEthnicityGroups),
				sex: fc.constantFrom(null, 'female' as const, 'male' as const)
			}),
			{ maxLength: 80 }
		)
		.map((people) => {
			// One demographic per pseudonym (the first drawn), repeated rows allowed.
			const first = new Map<number, (typeof people)[number]>();
			for (const p of people) if (!first.has(p.id)) first.set(p.id, p);
			return people.map((p, i) => person(i + 2, `p${p.id}`, first.get(p.id)!.race, first.get(p.id)!.sex));
		});

	it('all = distinct people; groups and intersections nest; order and repeats do not matter', () => {
		fc.assert(
			fc.property(consistentRows, fc.infiniteStream(fc.nat()), (rows, noise) => {
				const outcome = aggregateParticipants(rows, both);
				if (!outcome.ok) throw new Error('consistent rows were refused');
				const cells = outcome.cells;
				expect(cells.get('all')).toBe(new Set(rows.map((r) => r.pseudonym)).size);
				let raceSum = 0;
				for (const race of raceEthnicityGroups) {
					const n = cells.get(race) ?? 0;
					raceSum += n;
					const f = cells.get(`${race}:female`) ?? 0;
					const m = cells.get(`${race}:male`) ?? 0;
					expect(f + m).toBeLessThanOrEqual(n);
					expect(f).toBeLessThanOrEqual(cells.get('female') ?? 0);
				}
				expect(raceSum).toBeLessThanOrEqual(cells.get('all')!);
				expect((cells.get('female') ?? 0) + (cells.get('male') ?? 0)).toBeLessThanOrEqual(cells.get('all')!);
				for (const n of cells.values()) expect(n).toBeGreaterThan(-1);

				const it = noise[Symbol.iterator]();
				const shuffled = [...rows, ...rows.slice(0, 5)].sort(() => (it.next().value % 3) - 1);
				const again = aggregateParticipants(shuffled, both);
				expect(again.ok && Object.fromEntries(again.cells)).toEqual(Object.fromEntries(cells));
			})
		);
	});

	it('cells from combination counts equal cells from the rows (the SQL path sums the same counts)', () => {
		fc.assert(
			fc.property(consistentRows, (rows) => {
				const counts = countCombinations(rows);
				expect(counts.reduce((s, c) => s + c.people, 0)).toBe(new Set(rows.map((r) => r.pseudonym)).size);
				const outcome = aggregateParticipants(rows, both);
				expect(outcome.ok && Object.fromEntries(outcome.cells)).toEqual(Object.fromEntries(cellsFromCombinations(counts, both)));
			})
		);
	});
});

describe('PeopleCounter', () => {
	const flag = fc.constantFrom(null, 0 as const, 1 as const);
	/** Rows with every answer varying, one set of answers per pseudonym (the first drawn). */
	const fullRows = fc
		.array(
			fc.record({
				id: fc.integer({ min: 0, max: 40 }),
				raceEthnicity: fc.constantFrom(null, ...raceEthnicityGroups),
				sex: fc.constantFrom(null, 'female' as const, 'male' as const),
				zip: fc.constantFrom(null, '19104', '19139', '08102', '19143'),
				gradeBand: fc.constantFrom(null, ...gradeBands),
				ageBand: fc.constantFrom(null, ...ageBands),
				disability: flag,
				englishLearner: flag,
				lowIncome: flag
			}),
			{ maxLength: 120 }
		)
		.map((drawn) => {
			const first = new Map<number, (typeof drawn)[number]>();
			for (const d of drawn) if (!first.has(d.id)) first.set(d.id, d);
			return drawn.map((d, i): ParticipantRow => {
				const { id, ...answers } = first.get(d.id)!;
				return { ...person(i + 2, `p${id}`, null, null), ...answers };
			});
		});

	it('counts the same cells from its packed answers as from the combination counts', () => {
		fc.assert(
			fc.property(fullRows, fc.subarray([...demographicColumns]), (rows, breakdowns) => {
				const counter = new PeopleCounter();
				const problems: RowProblem[] = [];
				for (const row of rows) counter.add(row, problems);
				expect(problems).toEqual([]);
				expect(counter.distinct).toBe(new Set(rows.map((r) => r.pseudonym)).size);
				for (const chosen of [breakdowns, both]) {
					expect(Object.fromEntries(counter.cells(chosen))).toEqual(Object.fromEntries(cellsFromCombinations(counter.counts(), chosen)));
					expect(Object.fromEntries(counter.cells(chosen))).toEqual(Object.fromEntries(cellsFromCombinations(countCombinations(rows), chosen)));
				}
			})
		);
	});
});

describe('ProblemList', () => {
	it('keeps the first problems and counts them all', () => {
		const list = new ProblemList(2);
		list.add([1, 2, 3].map((row) => ({ row, column: 'zip', value: '', message: 'x' })));
		expect(list.shown.map((p) => p.row)).toEqual([1, 2]);
		expect(list.total).toBe(3);
		expect(list.empty).toBe(false);
	});
});
