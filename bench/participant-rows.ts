/**
 * Section 2's participant rows: N generated rows stored as the importer stores them (row groups,
 * `participants.batch.ts`), and the reference recomputation from those rows.
 *
 * The rows are made in JavaScript from the row's index (the formulas the SQL generator used when
 * rows were one table row each) and written through the importer's own `insertParticipantRows`;
 * each submission's people are counted by the importer's own `PeopleCounter`. Going through the CSV
 * importer for 10M rows would spend the run's time budget on tokenizing and checking, which
 * section 1 measures.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/lib/server/db/schema.js';
import type { Disaggregation } from '../src/lib/server/metrics/metrics.js';
import { PeopleCounter, type ParticipantRow, type RowProblem } from '../src/lib/server/participants/participants.js';
import { insertParticipantRows, participantRowsOf } from '../src/lib/server/participants/participants.repository.js';

const races = ['american_indian_alaska_native', 'asian', 'black', 'hispanic', 'middle_eastern_north_african', 'native_hawaiian_pacific_islander', 'white', 'multiracial'] as const;
const grades = ['prek', 'k-2', '3-5', '6-8', '9-12', 'postsecondary', 'adult'] as const;
const flag = (n: number): 0 | 1 | null => (n === 0 ? 1 : n === 1 ? 0 : null);

/** Row `i` of partner `index`'s submission: about 3 rows per person, every row of a person agreeing. */
export function benchParticipantRow(index: number, i: number): ParticipantRow {
	const person = Math.floor(i / 3);
	return {
		rowNumber: i + 2,
		pseudonym: `p${index}-${person}`,
		program: `Program ${i % 5}`,
		raceEthnicity: races[(person * 7919) % 9] ?? null,
		sex: ([ 'female', 'male', null ] as const)[(person * 104729) % 3]!,
		zip: String(19100 + ((person * 31) % 40) * 3),
		gradeBand: grades[(person * 13) % 8] ?? null,
		ageBand: null,
		disability: flag((person * 17) % 3),
		englishLearner: flag((person * 19) % 3),
		lowIncome: flag((person * 23) % 3),
		startedOn: '2026-01-10',
		endedOn: '2026-05-30'
	};
}

/** Writes `count` rows for one submission in the caller's transaction and returns its cells. */
export async function writeBenchParticipants(trx: Kysely<Database>, ecosystemId: string, submissionId: string, index: number, count: number, breakdowns: readonly Disaggregation[]): Promise<Map<string, number>> {
	const people = new PeopleCounter(Infinity);
	const problems: RowProblem[] = [];
	const chunk = 16 * 1024;
	for (let start = 0; start < count; start += chunk) {
		const rows = Array.from({ length: Math.min(chunk, count - start) }, (_, k) => benchParticipantRow(index, start + k));
		for (const row of rows) people.add(row, problems);
		await insertParticipantRows(trx, ecosystemId, submissionId, rows);
	}
	if (problems.length > 0) throw new Error(`generated rows disagree: ${JSON.stringify(problems[0])}`);
	return people.cells(breakdowns);
}

/**
 * The reference: what recomputing from the raw rows would cost. Every stored group of the
 * ecosystem is read and unpacked, and the people counted per race/ethnicity × sex (distinct
 * pseudonyms) — what the SQL `GROUP BY race_ethnicity, sex` with `count(DISTINCT pseudonym)` did
 * when rows were one table row each. Returns the milliseconds and the number of people.
 */
export async function rawRowRecount(db: Kysely<Database>, ecosystemId: string): Promise<{ ms: number; people: number }> {
	const started = performance.now();
	const groups = new Map<string, Set<string>>();
	const submissions = await db.selectFrom('participant_batch').select('submission_id').distinct().where('ecosystem_id', '=', ecosystemId).execute();
	for (const { submission_id } of submissions) {
		for await (const rows of participantRowsOf(db, ecosystemId, submission_id)) {
			for (const row of rows) {
				const key = `${row.raceEthnicity}|${row.sex}`;
				let people = groups.get(key);
				if (!people) groups.set(key, (people = new Set()));
				people.add(row.pseudonym);
			}
		}
	}
	let people = 0;
	for (const set of groups.values()) people += set.size;
	return { ms: performance.now() - started, people };
}
