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
 * stored column (the names `participant_record` had); `values` lists the column's values in order
 * of first use, `codes[i]` is row i's index into it. A value is usually listed once, but may be
 * listed again (a pseudonym whose rows are apart; two spellings of one answer): readers go by
 * position only. Row i's number is `first_row_number + i`: a group holds consecutive rows only.
 */
import { CODES_PER_ROW, codeLimits, demographicColumns, type ParticipantRow } from './participants.js';

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

/**
 * A group as the file reader hands it on (participants.reader.ts): the payload to store (null when
 * nothing will be stored: a problem was found) and what counting its people needs, in a form that
 * is cheap to pass between threads: the group's distinct pseudonyms as one text, one line each;
 * per row, GROUP_CODES numbers (the pseudonym's line, then each demographic answer's place in
 * `answers`); and per demographic column (demographicColumns order), the group's distinct answers.
 */
export interface ReadGroup {
	firstRowNumber: number;
	rowCount: number;
	payload: string | null;
	pseudonyms: string;
	codes: Int32Array;
	answers: Value[][];
}
export const GROUP_CODES = 1 + demographicColumns.length;

/**
 * Packs rows into groups. Given the reader's codes for the rows, a column's values are found by
 * code in an array rather than hashed again; without, or where a code is -1, by value. An encoder
 * given codes serves one reader (it keeps the arrays, sized for that reader's codes).
 */
export class ParticipantBatchEncoder {
	/** Per coded column: code → the value's place in the group being packed, valid while `stamp[code]` is this group's number. */
	private places: Int32Array[] = [];
	private stamps: Int32Array[] = [];
	private groups = 0;
	private source: object | undefined;

	/**
	 * Rows (in file order) as groups of at most `maxRows`; a gap in the row numbers starts a new
	 * group, so every group's rows are numbered from its first one.
	 */
	encode(rows: readonly ParticipantRow[], maxRows = PARTICIPANT_BATCH_ROWS): EncodedBatch[] {
		const batches: EncodedBatch[] = [];
		let start = 0;
		for (let i = 1; i <= rows.length; i++) {
			if (i === rows.length || i - start >= maxRows || rows[i]!.rowNumber !== rows[i - 1]!.rowNumber + 1) {
				const { firstRowNumber, rowCount, payload } = this.group(rows, undefined, start, i, true);
				batches.push({ firstRowNumber, rowCount, payload: payload! });
				start = i;
			}
		}
		return batches;
	}

	/**
	 * Packs rows[start, end) (consecutive row numbers) into one group: its payload (when `payload`)
	 * and what counting its people needs. `codes` are the reader `source`'s for `rows`
	 * (CODES_PER_ROW per row, from index 0).
	 */
	group(rows: readonly ParticipantRow[], codes: Int32Array | undefined, start: number, end: number, payload: boolean, source?: object): ReadGroup {
		if (codes && source !== this.source) {
			if (this.source !== undefined || source === undefined) throw new Error('ParticipantBatchEncoder: codes come from one reader, named as their source');
			this.source = source;
			// Only an encoder given codes needs the arrays (about 300 kB).
			this.places = codeLimits.map((limit) => new Int32Array(limit));
			this.stamps = codeLimits.map((limit) => new Int32Array(limit));
		}
		const stamp = ++this.groups;
		const pseudonym = new RunDictionary();
		const columns = codeLimits.map((_, position) => new CodedDictionary(this.places[position], this.stamps[position], stamp));
		const [program, raceEthnicity, sex, zip, gradeBand, ageBand, disability, englishLearner, lowIncome, startedOn, endedOn] = columns as [
			CodedDictionary, CodedDictionary, CodedDictionary, CodedDictionary, CodedDictionary, CodedDictionary,
			CodedDictionary, CodedDictionary, CodedDictionary, CodedDictionary, CodedDictionary
		];
		const none = -1;
		for (let i = start; i < end; i++) {
			const row = rows[i]!;
			const at = i * CODES_PER_ROW;
			pseudonym.add(row.pseudonym);
			program.add(row.program, codes ? codes[at]! : none);
			raceEthnicity.add(row.raceEthnicity, codes ? codes[at + 1]! : none);
			sex.add(row.sex, codes ? codes[at + 2]! : none);
			zip.add(row.zip, codes ? codes[at + 3]! : none);
			gradeBand.add(row.gradeBand, codes ? codes[at + 4]! : none);
			ageBand.add(row.ageBand, codes ? codes[at + 5]! : none);
			disability.add(row.disability, codes ? codes[at + 6]! : none);
			englishLearner.add(row.englishLearner, codes ? codes[at + 7]! : none);
			lowIncome.add(row.lowIncome, codes ? codes[at + 8]! : none);
			startedOn.add(row.startedOn, codes ? codes[at + 9]! : none);
			endedOn.add(row.endedOn, codes ? codes[at + 10]! : none);
		}
		const count = end - start;
		const people = new Int32Array(count * GROUP_CODES);
		const demographic = [raceEthnicity, sex, zip, disability, englishLearner, lowIncome, gradeBand, ageBand];
		for (let i = 0; i < count; i++) people[i * GROUP_CODES] = pseudonym.codes[i]!;
		demographic.forEach((column, c) => {
			const local = column.codes;
			for (let i = 0; i < count; i++) people[i * GROUP_CODES + 1 + c] = local[i]!;
		});
		const group: ReadGroup = {
			firstRowNumber: rows[start]!.rowNumber,
			rowCount: count,
			payload: null,
			pseudonyms: pseudonym.values.join('\n'),
			codes: people,
			answers: demographic.map((column) => column.values)
		};
		if (!payload) return group;
		group.payload = JSON.stringify({
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
		return group;
	}
}

/**
 * The pseudonym column's dictionary: a person's rows usually follow one another, and pseudonyms
 * hardly repeat otherwise, so a value is listed again only when it differs from the row before.
 * Hashing every pseudonym into a map cost more than it saved; a person listed twice in a group
 * costs a few bytes, never a wrong row.
 */
class RunDictionary {
	readonly values: string[] = [];
	readonly codes: number[] = [];
	private last: string | undefined;
	add(value: string): void {
		if (value !== this.last) {
			this.last = value;
			this.values.push(value);
		}
		this.codes.push(this.values.length - 1);
	}
	toJSON(): [string[], number[]] {
		return [this.values, this.codes];
	}
}

/**
 * A column's dictionary that finds a value by the reader's code when it has one. Two cell texts
 * with the same checked value ("F" and "female") have two codes and may both be listed: decoding
 * reads values by position, so that costs a few bytes, never a wrong row.
 */
class CodedDictionary {
	readonly values: Value[] = [];
	readonly codes: number[] = [];
	private byValue: Map<Value, number> | undefined;
	constructor(
		private readonly places: Int32Array | undefined,
		private readonly stamps: Int32Array | undefined,
		private readonly group: number
	) {}
	add(value: Value, code: number): void {
		if (code >= 0 && this.places && this.stamps) {
			if (this.stamps[code] !== this.group) {
				this.stamps[code] = this.group;
				this.places[code] = this.values.length;
				this.values.push(value);
			}
			this.codes.push(this.places[code]!);
			return;
		}
		this.byValue ??= new Map();
		let place = this.byValue.get(value);
		if (place === undefined) {
			place = this.values.length;
			this.byValue.set(value, place);
			this.values.push(value);
		}
		this.codes.push(place);
	}
	toJSON(): [Value[], number[]] {
		return [this.values, this.codes];
	}
}

/** `new ParticipantBatchEncoder().encode(rows, maxRows)`: rows without codes (the API, tests). */
export function encodeParticipantBatches(rows: readonly ParticipantRow[], maxRows = PARTICIPANT_BATCH_ROWS): EncodedBatch[] {
	return new ParticipantBatchEncoder().encode(rows, maxRows);
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
