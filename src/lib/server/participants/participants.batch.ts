/**
 * Participant rows are stored in ROW GROUPS (`participant_batch`): one database row holds up to
 * PARTICIPANT_BATCH_ROWS consecutive rows of one submission, packed column by column. Pure: the
 * packing and unpacking, no I/O.
 *
 * Why groups: a database pays per stored row (a B-tree entry, a key check, a foreign-key check, its
 * share of the commit), and a million of those cost more than the whole of DuckDB's load of the
 * same file. Nothing reads participant rows one by one: they are counted into cells once, at
 * import, and read again only to count them (past the in-memory limit), so storing them a few
 * thousand at a time loses nothing.
 *
 * Why JSON text, dictionary-coded per column: both databases keep and return text as it is (no
 * driver conversions, the same bytes in backups), V8's native `JSON.stringify` / `JSON.parse` are
 * faster than any byte-level encoder written in JavaScript, and the answers of a column repeat
 * (a few categories, bands, ZIPs, dates, program names), so each distinct value is written once
 * per group and every row gives a small number: about a third of the CSV's size. It can still
 * be read in a SQL console (`json_extract` / `->`) when someone must look.
 *
 * Format 1: `{"format":1,"pseudonym":[values,codes],"program":[values,codes],…}` with one entry per
 * stored column (the names `participant_record` had); `values` lists the distinct values in order
 * of first use, `codes[i]` is row i's index into it. Row i's number is `first_row_number + i`: a
 * group holds consecutive rows only.
 */
import type { ParticipantRow } from './participants.js';

/**
 * Rows per group: a million rows are under a thousand database rows. Larger groups were no faster
 * and cost memory: with 4,096 a 1M-row import peaked at 340 MB on PostgreSQL (277 MB with 1,024),
 * the rows of a filling group living long enough for the collector to move them to the old space.
 */
export const PARTICIPANT_BATCH_ROWS = 1024;

export const BATCH_FORMAT = 1;

/** The stored columns, in payload order (participant_record's names). */
export const batchColumns = [
	'pseudonym',
	'program',
	'race_ethnicity',
	'sex',
	'zip',
	'grade_band',
	'age_band',
	'disability',
	'english_learner',
	'low_income',
	'started_on',
	'ended_on'
] as const;

/** One group, ready to store. */
export interface EncodedBatch {
	firstRowNumber: number;
	rowCount: number;
	payload: string;
}

type Value = string | number | null;

/** One column of a group as it fills: each distinct value once, and a code per row. */
class Dictionary {
	readonly values: Value[] = [];
	readonly codes: number[] = [];
	private readonly index = new Map<Value, number>();
	add(value: Value): void {
		let code = this.index.get(value);
		if (code === undefined) {
			code = this.values.length;
			this.index.set(value, code);
			this.values.push(value);
		}
		this.codes.push(code);
	}
	toJSON(): [Value[], number[]] {
		return [this.values, this.codes];
	}
}

/** Packs rows[start, end) (consecutive row numbers) into one group. */
function encodeRun(rows: readonly ParticipantRow[], start: number, end: number): EncodedBatch {
	const pseudonym = new Dictionary();
	const program = new Dictionary();
	const raceEthnicity = new Dictionary();
	const sex = new Dictionary();
	const zip = new Dictionary();
	const gradeBand = new Dictionary();
	const ageBand = new Dictionary();
	const disability = new Dictionary();
	const englishLearner = new Dictionary();
	const lowIncome = new Dictionary();
	const startedOn = new Dictionary();
	const endedOn = new Dictionary();
	for (let i = start; i < end; i++) {
		const row = rows[i]!;
		pseudonym.add(row.pseudonym);
		program.add(row.program);
		raceEthnicity.add(row.raceEthnicity);
		sex.add(row.sex);
		zip.add(row.zip);
		gradeBand.add(row.gradeBand);
		ageBand.add(row.ageBand);
		disability.add(row.disability);
		englishLearner.add(row.englishLearner);
		lowIncome.add(row.lowIncome);
		startedOn.add(row.startedOn);
		endedOn.add(row.endedOn);
	}
	const payload = JSON.stringify({
		format: BATCH_FORMAT,
		pseudonym,
		program,
		race_ethnicity: raceEthnicity,
		sex,
		zip,
		grade_band: gradeBand,
		age_band: ageBand,
		disability,
		english_learner: englishLearner,
		low_income: lowIncome,
		started_on: startedOn,
		ended_on: endedOn
	});
	return { firstRowNumber: rows[start]!.rowNumber, rowCount: end - start, payload };
}

/**
 * Rows (in file order) as groups of at most `maxRows`; a gap in the row numbers starts a new group,
 * so every group's rows are numbered from its first one.
 */
export function encodeParticipantBatches(rows: readonly ParticipantRow[], maxRows = PARTICIPANT_BATCH_ROWS): EncodedBatch[] {
	const batches: EncodedBatch[] = [];
	let start = 0;
	for (let i = 1; i <= rows.length; i++) {
		if (i === rows.length || i - start >= maxRows || rows[i]!.rowNumber !== rows[i - 1]!.rowNumber + 1) {
			batches.push(encodeRun(rows, start, i));
			start = i;
		}
	}
	return batches;
}

/** A stored group that cannot be read: a bug or a damaged database, never the partner's doing. */
export class BatchFormatError extends Error {}

const flag = (value: Value): 0 | 1 | null => (value === null ? null : value === 1 ? 1 : 0);

/** The rows of one stored group. */
export function decodeParticipantBatch(firstRowNumber: number, rowCount: number, payload: string): ParticipantRow[] {
	const parsed = JSON.parse(payload) as Record<string, unknown>;
	if (parsed?.format !== BATCH_FORMAT) throw new BatchFormatError(`participant batch at row ${firstRowNumber}: format ${String(parsed?.format)} is not one this version reads`);
	const column = (name: (typeof batchColumns)[number]) => {
		const entry = parsed[name] as [Value[], number[]] | undefined;
		if (!Array.isArray(entry) || !Array.isArray(entry[0]) || !Array.isArray(entry[1]) || entry[1].length !== rowCount) {
			throw new BatchFormatError(`participant batch at row ${firstRowNumber}: column ${name} does not hold ${rowCount} rows`);
		}
		return entry;
	};
	const [pseudonyms, pseudonymCodes] = column('pseudonym');
	const [programs, programCodes] = column('program');
	const [races, raceCodes] = column('race_ethnicity');
	const [sexes, sexCodes] = column('sex');
	const [zips, zipCodes] = column('zip');
	const [grades, gradeCodes] = column('grade_band');
	const [ages, ageCodes] = column('age_band');
	const [disabilities, disabilityCodes] = column('disability');
	const [learners, learnerCodes] = column('english_learner');
	const [incomes, incomeCodes] = column('low_income');
	const [starts, startCodes] = column('started_on');
	const [ends, endCodes] = column('ended_on');
	const rows: ParticipantRow[] = new Array(rowCount);
	for (let i = 0; i < rowCount; i++) {
		rows[i] = {
			rowNumber: firstRowNumber + i,
			pseudonym: pseudonyms[pseudonymCodes[i]!] as string,
			program: programs[programCodes[i]!] as string,
			raceEthnicity: races[raceCodes[i]!] as ParticipantRow['raceEthnicity'],
			sex: sexes[sexCodes[i]!] as ParticipantRow['sex'],
			zip: zips[zipCodes[i]!] as string | null,
			gradeBand: grades[gradeCodes[i]!] as string | null,
			ageBand: ages[ageCodes[i]!] as string | null,
			disability: flag(disabilities[disabilityCodes[i]!]!),
			englishLearner: flag(learners[learnerCodes[i]!]!),
			lowIncome: flag(incomes[incomeCodes[i]!]!),
			startedOn: starts[startCodes[i]!] as string | null,
			endedOn: ends[endCodes[i]!] as string | null
		};
		if (typeof rows[i]!.pseudonym !== 'string') throw new BatchFormatError(`participant batch at row ${firstRowNumber}: row ${firstRowNumber + i} has no pseudonym`);
	}
	return rows;
}

/**
 * Which of `parts` passes counts a person: the pseudonym's FNV-1a hash, so a person's rows all
 * fall in one pass and the passes share the people out evenly.
 */
export function partOfPseudonym(pseudonym: string, parts: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < pseudonym.length; i++) hash = Math.imul(hash ^ pseudonym.charCodeAt(i), 0x01000193);
	return (hash >>> 0) % parts;
}
