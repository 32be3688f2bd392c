/**
 * Counting the people of a submission from its stored rows, for a file with more people than the
 * import counts in memory (PEOPLE_IN_MEMORY). Memory stays bounded by counting in passes: each
 * pass reads every group back (in the import's own transaction) and counts only the people whose
 * pseudonym falls in that pass, so no pass holds more than about `peopleInMemory` people. A
 * person's rows all fall in one pass, so the passes' cells add up, and a person whose rows
 * disagree is found as during the import.
 */
import type { Disaggregation } from '../metrics/metrics.js';
import type { Executor } from '../audit/audit.repository.js';
import { PeopleCounter, ProblemList, type RowProblem } from './participants.js';
import { partOfPseudonym } from './participants.batch.js';
import { participantRowsOf } from './participants.repository.js';

export type StoredCount =
	| { ok: true; people: number; cells: Map<string, number> }
	| { ok: false; problems: RowProblem[]; total: number };

export async function countStoredPeople(
	db: Executor,
	ecosystemId: string,
	submissionId: string,
	{ rows, breakdowns, peopleInMemory, problemLimit = 1000 }: { rows: number; breakdowns: readonly Disaggregation[]; peopleInMemory: number; problemLimit?: number }
): Promise<StoredCount> {
	// There are at most as many people as rows. A pass may draw more than its share: it may hold
	// twice the limit, and past that the passes are doubled (the hash spreads people evenly, so this
	// is rare) until there are as many passes as rows.
	let parts = Math.max(1, Math.ceil(rows / peopleInMemory));
	for (;;) {
		const limit = parts >= rows ? Infinity : peopleInMemory * 2;
		const counted = await countInParts(db, ecosystemId, submissionId, parts, limit, breakdowns, problemLimit);
		if (counted) return counted;
		parts *= 2;
	}
}

/** Null when a pass drew more than `limit` people. */
async function countInParts(
	db: Executor,
	ecosystemId: string,
	submissionId: string,
	parts: number,
	limit: number,
	breakdowns: readonly Disaggregation[],
	problemLimit: number
): Promise<StoredCount | null> {
	const cells = new Map<string, number>();
	let people = 0;
	const shown: RowProblem[] = [];
	let total = 0;
	for (let part = 0; part < parts; part++) {
		const counter = new PeopleCounter(limit);
		// Each pass keeps its first problems in row order; the passes' lists are merged at the end.
		const problems = new ProblemList(problemLimit);
		const found: RowProblem[] = [];
		for await (const rows of participantRowsOf(db, ecosystemId, submissionId)) {
			for (const row of rows) {
				if (parts > 1 && partOfPseudonym(row.pseudonym, parts) !== part) continue;
				counter.add(row, found);
				if (found.length > 0) {
					problems.add(found);
					found.length = 0;
				}
			}
			if (counter.overflowed) return null;
		}
		total += problems.total;
		shown.push(...problems.shown);
		if (total > 0) continue;
		people += counter.distinct;
		for (const [group, n] of counter.cells(breakdowns)) cells.set(group, (cells.get(group) ?? 0) + n);
	}
	if (total > 0) return { ok: false, problems: shown.sort((a, b) => a.row - b.row).slice(0, problemLimit), total };
	return { ok: true, people, cells };
}
