import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBands, disaggregations, gradeBands, raceEthnicityGroups } from '../metrics/metrics.js';
import { tokenizeCsv } from './participants.csv.js';
import { PeopleCounter, participantRowReader, readHeader, type ParticipantRow, type RowProblem } from './participants.js';
import { decodeParticipantBatch, type EncodedBatch } from './participants.batch.js';
import { readParticipantStream } from './participants.stream.js';

/**
 * The import reads a file in pieces, packs rows into groups (in a worker thread or in this one)
 * and counts people group by group. REFERENCE below is the plain way: the whole text tokenized at
 * once, each row checked and counted one after another. Both must give the same problems (the
 * same first ones, in row order, and the same total), the same rows stored and the same cells.
 */
function reference(text: string, problemLimit: number) {
	const records = tokenizeCsv(text);
	const problems: RowProblem[] = [];
	const rows: ParticipantRow[] = [];
	const people = new PeopleCounter();
	let rowsRead = 0;
	const header = records[0] ? readHeader(records[0]) : undefined;
	if (!header) problems.push({ row: 1, column: '', value: '', message: 'The file is empty: it needs a header row and one row per participant.' });
	else if (header.problems.length > 0) problems.push(...header.problems);
	else {
		const read = participantRowReader(header.map, records[0]!.length);
		records.slice(1).forEach((cells, i) => {
			rowsRead++;
			const found: RowProblem[] = [];
			const row = read(cells, i + 2, found);
			if (row) people.add(row, found);
			if (found.length > 0) problems.push(...found);
			else if (row) rows.push(row);
		});
		if (rowsRead === 0) problems.push({ row: 2, column: '', value: '', message: 'The file has a header but no participants.' });
	}
	return { shown: problems.slice(0, problemLimit), total: problems.length, rowsRead, rows: problems.length === 0 ? rows : [], cells: Object.fromEntries(people.cells(disaggregations)) };
}

async function streamed(text: string, chunkSize: number, thread: 'worker' | 'inline', batchSize: number, problemLimit: number) {
	const bytes = Buffer.from(text);
	const chunks: Buffer[] = [];
	for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
	const stored: EncodedBatch[] = [];
	const people = new PeopleCounter();
	const outcome = await readParticipantStream(Readable.from(chunks), { thread, batchSize, problemLimit, people, onBatch: async (batch) => void stored.push(batch) });
	return {
		shown: outcome.problems.shown,
		total: outcome.problems.total,
		rowsRead: outcome.rowsRead,
		bytesRead: outcome.bytesRead,
		rows: outcome.problems.empty ? stored.flatMap((b) => decodeParticipantBatch(b.firstRowNumber, b.rowCount, b.payload)) : [],
		cells: Object.fromEntries(people.cells(disaggregations))
	};
}

const columns = ['pseudonym', 'program', 'race_ethnicity', 'sex', 'zip', 'grade_band', 'age_band', 'disability', 'english_learner', 'low_income', 'started_on', 'ended_on'] as const;
const answers: Record<(typeof columns)[number], readonly string[]> = {
	pseudonym: ['p-1', 'p-2', 'p-3', 'p-4', 'P.5', '', 'ana@example.org', 'has space'],
	program: ['Saturday Robotics', 'Coding Club', 'Taller "Ciencia", sábado', '', 'x'.repeat(121)],
	race_ethnicity: [...raceEthnicityGroups, 'Black or African American', 'black;white', 'hispanic;asian', '', 'martian'],
	sex: ['female', 'male', 'F', 'm', '', 'other'],
	zip: ['19104', '19121', '97201', '', '1910', 'ABCDE'],
	grade_band: [...gradeBands, '', 'grade 13'],
	age_band: [...ageBands, '', '200'],
	disability: ['yes', 'no', 'Y', '', 'maybe'],
	english_learner: ['yes', 'no', '', '0'],
	low_income: ['yes', 'no', 'true', ''],
	started_on: ['2026-01-10', '2026-02-01', '', '2026-02-30', '10/01/2026'],
	ended_on: ['2026-05-30', '2026-06-30', '', '2026-01-05']
};
const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A participant file with a random choice of columns and mostly valid answers; some rows wrong. */
const participantFile = fc
	.record({
		chosen: fc.subarray([...columns.slice(1)]),
		extraColumn: fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, fc.constantFrom('notes', 'email')),
		valid: fc.boolean(),
		rows: fc.array(
			fc.record({
				person: fc.nat(6),
				picks: fc.array(fc.nat(40), { minLength: columns.length, maxLength: columns.length }),
				good: fc.integer({ min: 0, max: 9 }),
				short: fc.integer({ min: 0, max: 30 })
			}),
			{ maxLength: 60 }
		),
		eol: fc.constantFrom('\n', '\r\n'),
		blankLines: fc.boolean()
	})
	.map(({ chosen, extraColumn, valid, rows, eol, blankLines }) => {
		const header = ['pseudonym', ...chosen, ...(extraColumn ? [extraColumn] : [])];
		const lines = [header.join(',')];
		for (const { person, picks, good: roll, short: shortRoll } of rows) {
			// Half the files are meant to pass: every row good and whole.
			const good = valid || roll > 0;
			const short = valid ? 1 + shortRoll : shortRoll;
			// A "good" row takes only the first (valid) answers, and one person's answers are fixed,
			// so most files pass and many people have several rows; the others hit every check.
			const cells = header.map((column, c) => {
				const pool = answers[column as (typeof columns)[number]] ?? ['a note'];
				if (column === 'pseudonym') return good ? `p-${person}` : pool[picks[c]! % pool.length]!;
				return good ? pool[(person + c) % Math.min(2, pool.length)]! : pool[picks[c]! % pool.length]!;
			});
			lines.push((short === 0 ? cells.slice(1) : cells).map(quote).join(','));
			if (blankLines && short === 1) lines.push('');
		}
		return lines.join(eol) + eol;
	});

describe('reading a participant file in pieces', () => {
	it('gives the same problems, rows and cells as reading it whole, in this thread and in a worker', async () => {
		await fc.assert(
			fc.asyncProperty(participantFile, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 30 }), async (text, chunkSize, batchSize, problemLimit) => {
				const expected = reference(text, problemLimit);
				const inline = await streamed(text, chunkSize, 'inline', batchSize, problemLimit);
				const { bytesRead, ...rest } = inline;
				if (expected.total === 0) expect(bytesRead).toBe(Buffer.byteLength(text));
				expect(rest).toEqual(expected);
				expect(await streamed(text, chunkSize, 'worker', batchSize, problemLimit)).toEqual(inline);
			}),
			{ numRuns: 60 }
		);
	});

	it('finds the files it must: some valid, some wrong on many rows', () => {
		// The property above is only worth something if both kinds come up.
		const samples = fc.sample(participantFile, { numRuns: 200, seed: 7 }).map((text) => reference(text, 1000));
		expect(samples.filter((s) => s.total === 0 && s.rows.length > 0).length).toBeGreaterThan(60);
		expect(samples.filter((s) => s.total === 0 && s.rows.length >= 10).length).toBeGreaterThan(5);
		expect(samples.filter((s) => s.total > 0 && s.rowsRead > 0).length).toBeGreaterThan(20);
	});

	it('reports a broken file the same way in a worker: the rows before the break, then the break', async () => {
		const text = 'pseudonym,sex\np-1,female\np-2,"male\np-3,female\n';
		const inline = await streamed(text, 5, 'inline', 4, 100);
		expect(inline.shown.map((p) => p.row)).toEqual([3]);
		expect(inline.shown[0]!.message).toMatch(/not valid CSV from here on/);
		expect(await streamed(text, 5, 'worker', 4, 100)).toEqual(inline);
	});

	it('stops reading after a refused header, in a worker too', async () => {
		let pulled = 0;
		const source = Readable.from(
			(function* () {
				yield Buffer.from('pseudonym,first_name\n');
				for (let i = 0; i < 10_000; i++) {
					pulled++;
					yield Buffer.from(`p-${i},Ana\n`.repeat(100));
				}
			})()
		);
		const outcome = await readParticipantStream(source, { thread: 'worker' });
		expect(outcome.problems.shown.map((p) => p.column)).toEqual(['first_name']);
		expect(outcome.rowsRead).toBe(0);
		expect(pulled).toBeLessThan(20);
	});

	it('ends the worker when the file cannot be read, and says why', async () => {
		const source = new Readable({
			read() {
				this.push(Buffer.from('pseudonym,sex\np-1,female\n'));
				this.destroy(new Error('disk went away'));
			}
		});
		await expect(readParticipantStream(source, { thread: 'worker' })).rejects.toThrow('disk went away');
	});

	it('counts every problem of a file wrong on every row, showing the first ones', async () => {
		const text = 'pseudonym,zip\n' + Array.from({ length: 5000 }, (_, i) => `p-${i},bad`).join('\n') + '\n';
		for (const thread of ['inline', 'worker'] as const) {
			const outcome = await streamed(text, 4096, thread, 1024, 1000);
			expect(outcome.total).toBe(5000);
			expect(outcome.shown.length).toBe(1000);
			expect(outcome.shown.at(-1)!.row).toBe(1001);
		}
	});
});
