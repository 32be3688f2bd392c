/**
 * Participant-level rows: the de-identified CSV (or JSON) a partner sends so Parity counts its
 * people itself. Pure: the columns, the checks of every row (each problem with its row, column,
 * value and a plain-language reason), the 1997 → SPD-15 race/ethnicity crosswalk, and the
 * aggregation of rows into cells (distinct pseudonyms per group and per intersection).
 */
import { ageBands, gradeBands, raceEthnicityGroups, type Disaggregation, type RaceEthnicityGroup } from '../metrics/groups.js';
import type { ReadGroup } from './participants.batch.js';

export const participantColumns = [
	'pseudonym',
	'program',
	'race_ethnicity',
	'race',
	'hispanic',
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
export type ParticipantColumn = (typeof participantColumns)[number];

/** The five 1997 OMB race categories (and the Census's "some other race"), asked apart from Hispanic origin. */
export const races1997 = ['american_indian_alaska_native', 'asian', 'black', 'native_hawaiian_pacific_islander', 'white', 'some_other_race'] as const;
export type Race1997 = (typeof races1997)[number];

/** One participant row (stored packed in a row group: participants.batch.ts). */
export interface ParticipantRow {
	rowNumber: number;
	pseudonym: string;
	program: string;
	raceEthnicity: RaceEthnicityGroup | null;
	sex: 'female' | 'male' | null;
	zip: string | null;
	gradeBand: string | null;
	ageBand: string | null;
	disability: 0 | 1 | null;
	englishLearner: 0 | 1 | null;
	lowIncome: 0 | 1 | null;
	startedOn: string | null;
	endedOn: string | null;
}

/** A problem in an uploaded file: where it is and why, in plain language. Row 1 is the header. */
export interface RowProblem {
	row: number;
	column: string;
	value: string;
	message: string;
}

// ---------------------------------------------------------------------------------------------
// The header

/** Lower-case, words joined by underscores: "Student Number" → "student_number". */
export const normaliseName = (text: string): string =>
	text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');

/**
 * Column names that would carry a direct identifier. A partner's pseudonymous id is the only
 * person key Parity accepts; a file with one of these columns is refused before any row is read.
 */
const identifierPattern =
	/(^|_)(name|names|first_?name|last_?name|full_?name|given_?name|family_?name|surname|email|e_?mail|mail|phone|telephone|tel|mobile|cell|cellphone|student_?(number|no|num|id)|ssn|social_?security(_number)?|address|street|dob|date_of_birth|birth_?date|birthday)($|_)/;

export function looksLikeIdentifierColumn(name: string): boolean {
	const normalised = normaliseName(name);
	if ((participantColumns as readonly string[]).includes(normalised)) return false;
	return identifierPattern.test(normalised);
}

/** Where each known column sits in the file. */
export type HeaderMap = Partial<Record<ParticipantColumn, number>>;

export function readHeader(header: readonly string[], headerRow = 1): { map: HeaderMap; problems: RowProblem[] } {
	const map: HeaderMap = {};
	const problems: RowProblem[] = [];
	const problem = (column: string, value: string, message: string) => problems.push({ row: headerRow, column, value, message });
	header.forEach((raw, index) => {
		const name = normaliseName(raw.replace(/^\uFEFF/, ''));
		if (looksLikeIdentifierColumn(raw)) {
			problem(raw, raw, 'This column looks like a direct identifier (a name, email, phone, address, birth date or student number). Remove it: Parity accepts only a pseudonymous id for each person.');
		} else if (!(participantColumns as readonly string[]).includes(name)) {
			problem(raw, raw, `This column is not one Parity reads. Use only: ${participantColumns.join(', ')}.`);
		} else if (map[name as ParticipantColumn] !== undefined) {
			problem(raw, raw, 'This column appears twice. Keep one.');
		} else {
			map[name as ParticipantColumn] = index;
		}
	});
	if (map.pseudonym === undefined) problem('pseudonym', '', 'The file needs a pseudonym column: your own pseudonymous id for each person (never a name or student number).');
	const has1997 = map.race !== undefined || map.hispanic !== undefined;
	if (map.race_ethnicity !== undefined && has1997) {
		problem('race_ethnicity', '', 'Give race and ethnicity one way: either race_ethnicity (2024 categories) or race with hispanic (1997 categories), not both.');
	} else if (has1997 && (map.race === undefined || map.hispanic === undefined)) {
		problem(map.race === undefined ? 'race' : 'hispanic', '', 'Race in the 1997 categories needs both columns: race and hispanic (the separate Hispanic or Latino question).');
	}
	return { map, problems };
}

// ---------------------------------------------------------------------------------------------
// Values

const raceLabels: Record<string, RaceEthnicityGroup> = {
	american_indian_or_alaska_native: 'american_indian_alaska_native',
	american_indian_alaska_native: 'american_indian_alaska_native',
	black_or_african_american: 'black',
	african_american: 'black',
	hispanic_or_latino: 'hispanic',
	latino: 'hispanic',
	latina: 'hispanic',
	latinx: 'hispanic',
	middle_eastern_or_north_african: 'middle_eastern_north_african',
	mena: 'middle_eastern_north_african',
	native_hawaiian_or_pacific_islander: 'native_hawaiian_pacific_islander',
	native_hawaiian_or_other_pacific_islander: 'native_hawaiian_pacific_islander',
	two_or_more_races: 'multiracial'
};

function spd15Category(value: string): RaceEthnicityGroup | undefined {
	const key = normaliseName(value);
	if ((raceEthnicityGroups as readonly string[]).includes(key)) return key as RaceEthnicityGroup;
	return raceLabels[key];
}

function race1997Category(value: string): Race1997 | undefined {
	const key = normaliseName(value);
	if ((races1997 as readonly string[]).includes(key)) return key as Race1997;
	const mapped = raceLabels[key];
	return mapped && (races1997 as readonly string[]).includes(mapped) ? (mapped as Race1997) : undefined;
}

const splitList = (value: string): string[] =>
	value
		.split(/[;|]/)
		.map((v) => v.trim())
		.filter((v) => v !== '');

/**
 * Several SPD-15 categories for one person, as one group: Hispanic or Latino with any other
 * category → hispanic; two or more other categories → multiracial; one → itself.
 */
export function combineSpd15(categories: readonly RaceEthnicityGroup[]): RaceEthnicityGroup | null {
	const distinct = [...new Set(categories)];
	if (distinct.length === 0) return null;
	if (distinct.includes('hispanic')) return 'hispanic';
	if (distinct.length === 1) return distinct[0]!;
	return 'multiracial';
}

/**
 * The documented crosswalk from the 1997 categories (race, plus a separate Hispanic question) to
 * SPD-15: Hispanic or Latino of any race → hispanic; one race, not Hispanic → that race; two or
 * more races, not Hispanic → multiracial; "some other race" alone, not Hispanic → not classified
 * (null); Hispanic origin not reported → not classified. MENA people were reported as White under
 * 1997 and cannot be told apart, so middle_eastern_north_african is never produced from 1997 data.
 */
export function crosswalk1997(races: readonly Race1997[], hispanic: boolean | null): RaceEthnicityGroup | null {
	if (hispanic === true) return 'hispanic';
	if (hispanic === null) return null;
	const distinct = [...new Set(races)];
	if (distinct.length === 0) return null;
	if (distinct.length >= 2) return 'multiracial';
	return distinct[0] === 'some_other_race' ? null : (distinct[0] as RaceEthnicityGroup);
}

function yesNo(value: string): 0 | 1 | null | undefined {
	const key = normaliseName(value);
	if (key === '') return null;
	if (['yes', 'y', '1', 'true', 'si'].includes(key)) return 1;
	if (['no', 'n', '0', 'false'].includes(key)) return 0;
	return undefined;
}

function isoDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const pseudonymPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * A copy of a string that does not keep the text it was cut from alive: V8 represents a slice of 13
 * or more characters as a view on its parent (here, a whole 64 kB chunk of the file), so anything
 * kept past the chunk (a cache key, a pseudonym being counted) is copied first.
 */
export const detached = (value: string): string => (value.length >= 13 ? (' ' + value).slice(1) : value);

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (message: string): Checked<never> => ({ ok: false, message });

/** A checked value with its code: its cell text's number in the check's memory, or -1 once that memory is full. */
type Coded<T> = Checked<T> & { code: number };

/**
 * A check of one value, remembered: the answers of a column repeat (a few categories, bands and
 * dates), so a million rows cost a million map look-ups rather than a million normalisations.
 * At most `limit` distinct values are kept; each kept one is numbered (its code) in order of
 * first sight.
 */
function remembered<T>(check: (value: string) => Checked<T>, limit = 1024): (value: string) => Coded<T> {
	const cache = new Map<string, Coded<T> & { text: string }>();
	// The last answer is tried first: a column often repeats it on the next row (a person's rows
	// one after another, one date for a whole program), and comparing two short strings costs less
	// than hashing one.
	let last: (Coded<T> & { text: string }) | undefined;
	return (value) => {
		if (last !== undefined && value === last.text) return last;
		let hit = cache.get(value);
		if (hit === undefined) {
			const kept = cache.size < limit;
			hit = { ...check(value), code: kept ? cache.size : -1, text: detached(value) };
			if (!kept) return hit;
			cache.set(hit.text, hit);
		}
		last = hit;
		return hit;
	};
}

/**
 * The columns a row reader also gives as CODES, in stored order after the pseudonym. Each distinct
 * cell text of a column gets a small number the first time the reader sees it, so the steps after
 * reading (counting people, packing row groups) look answers up in arrays instead of hashing the
 * same text again: a third of a million-row import's time went on such look-ups. A code is -1
 * where there is none (the column's memory is full, or race came in the 1997 categories); those
 * values are looked up by value as before.
 */
export const codedColumns = ['program', 'race_ethnicity', 'sex', 'zip', 'grade_band', 'age_band', 'disability', 'english_learner', 'low_income', 'started_on', 'ended_on'] as const;
export const CODES_PER_ROW = codedColumns.length;
/** How many distinct cell texts each coded column's check remembers (and so numbers): most 1,024; ZIPs 65,536; dates 4,096. */
const codeLimitOf = (column: (typeof codedColumns)[number]): number => (column === 'zip' ? 1 << 16 : column === 'started_on' || column === 'ended_on' ? 4096 : 1024);
/** One more than the largest code of each coded column, in codedColumns order. */
export const codeLimits: readonly number[] = codedColumns.map(codeLimitOf);

const checkRaceEthnicity = (value: string): Checked<RaceEthnicityGroup | null> => {
	const categories = splitList(value).map((v) => [v, spd15Category(v)] as const);
	const unknown = categories.filter(([, c]) => c === undefined).map(([v]) => v);
	if (unknown.length > 0) return bad(`“${unknown.join('”, “')}” is not a 2024 race/ethnicity category. Use ${raceEthnicityGroups.join(', ')} (several separated by ;), or leave it blank.`);
	return good(combineSpd15(categories.map(([, c]) => c!)));
};
const checkRace1997 = (value: string): Checked<Race1997[]> => {
	const races = splitList(value).map((v) => [v, race1997Category(v)] as const);
	const unknown = races.filter(([, c]) => c === undefined).map(([v]) => v);
	if (unknown.length > 0) return bad(`“${unknown.join('”, “')}” is not a 1997 race category. Use ${races1997.join(', ')} (several separated by ;), or leave it blank.`);
	return good(races.map(([, c]) => c!));
};
const checkHispanic = (value: string): Checked<0 | 1 | null> => {
	const parsed = yesNo(value);
	return parsed === undefined ? bad('Answer the Hispanic or Latino question with yes, no or blank.') : good(parsed);
};
const checkSex = (value: string): Checked<'female' | 'male' | null> => {
	const key = normaliseName(value);
	if (key === '') return good(null);
	if (['female', 'f', 'woman', 'girl'].includes(key)) return good('female');
	if (['male', 'm', 'man', 'boy'].includes(key)) return good('male');
	return bad('Use female, male, or leave it blank.');
};
const checkBand = (allowed: readonly string[]) => (value: string): Checked<string | null> => {
	const key = value.toLowerCase().replace(/[\s_–—]+/g, '-');
	if (key === '') return good(null);
	if (allowed.includes(key)) return good(key);
	return bad(`Use one of ${allowed.join(', ')}, or leave it blank.`);
};
const checkFlag = (value: string): Checked<0 | 1 | null> => {
	const parsed = yesNo(value);
	return parsed === undefined ? bad('Use yes, no, or leave it blank.') : good(parsed);
};
const checkDate = (value: string): Checked<string | null> => {
	if (value === '') return good(null);
	if (isoDate(value)) return good(value);
	return bad('Write the date as year-month-day, like 2026-09-15.');
};
const zipPattern = /^\d{5}$/;
const checkZip = (value: string): Checked<string | null> => {
	if (value === '') return good(null);
	if (zipPattern.test(value)) return good(value);
	return bad('A ZIP code has exactly 5 digits (the ZCTA), like 19104; leave it blank if unknown.');
};
// The name is kept (and may be remembered), so it must not hold on to the chunk it was cut from.
const checkProgram = (value: string): Checked<string> => (value.length > 120 ? bad('A program name can have at most 120 characters.') : good(detached(value)));

/**
 * Reads data rows of one file: `read(cells, rowNumber, problems)` gives the row, or null with its
 * problems added. Given `codes`, it also writes the row's codes there from `at` (codedColumns).
 */
export type ParticipantRowReader = (cells: readonly string[], rowNumber: number, problems: RowProblem[], codes?: Int32Array, at?: number) => ParticipantRow | null;

/** A reader for the rows under one header, with its own remembered checks. */
export function participantRowReader(map: HeaderMap, headerLength: number): ParticipantRowReader {
	const programOf = remembered(checkProgram);
	const raceEthnicityOf = remembered(checkRaceEthnicity);
	const race1997Of = remembered(checkRace1997);
	const hispanicOf = remembered(checkHispanic);
	const sexOf = remembered(checkSex);
	const gradeBandOf = remembered(checkBand(gradeBands));
	const ageBandOf = remembered(checkBand(ageBands));
	// One memory per column, even where two columns share a check: each remembers its own last answer.
	const disabilityOf = remembered(checkFlag);
	const englishLearnerOf = remembered(checkFlag);
	const lowIncomeOf = remembered(checkFlag);
	const zipOf = remembered(checkZip, codeLimitOf('zip'));
	const startedOnOf = remembered(checkDate, codeLimitOf('started_on'));
	const endedOnOf = remembered(checkDate, codeLimitOf('ended_on'));
	const at = (column: ParticipantColumn) => map[column] ?? -1;
	const [iPseudonym, iProgram, iRaceEthnicity, iRace, iHispanic, iSex, iZip, iGrade, iAge, iDisability, iEnglish, iLowIncome, iStarted, iEnded] = [
		at('pseudonym'), at('program'), at('race_ethnicity'), at('race'), at('hispanic'), at('sex'), at('zip'),
		at('grade_band'), at('age_band'), at('disability'), at('english_learner'), at('low_income'), at('started_on'), at('ended_on')
	] as const;
	const in1997 = map.race_ethnicity === undefined && map.race !== undefined && map.hispanic !== undefined;

	// No function is created per row: a closure per row (and the name bundlers give each one) cost
	// more than the checks themselves on a million rows.
	return (cells, rowNumber, problems, codes, at = 0) => {
		const before = problems.length;
		if (cells.length !== headerLength) {
			addProblem(problems, rowNumber, '', cells.join(','), `This row has ${cells.length} values but the header has ${headerLength} columns.`);
			return null;
		}

		const pseudonym = cellAt(cells, iPseudonym);
		if (pseudonym === '') addProblem(problems, rowNumber, 'pseudonym', '', 'Every row needs a pseudonymous id.');
		else if (pseudonym.includes('@')) addProblem(problems, rowNumber, 'pseudonym', pseudonym, 'This looks like an email address. Use a pseudonymous id, never an email.');
		else if (!pseudonymPattern.test(pseudonym)) {
			addProblem(problems, rowNumber, 'pseudonym', pseudonym, 'A pseudonymous id has 1 to 64 letters, digits, dots, dashes, colons or underscores, and no spaces.');
		}

		const programValue = cellAt(cells, iProgram);
		const programChecked = programOf(programValue);
		const program = valueOf(problems, rowNumber, 'program', programValue, programChecked) ?? '';

		let raceEthnicity: RaceEthnicityGroup | null = null;
		let raceCode = -1;
		if (!in1997) {
			// Without a race column the cell reads as blank: not reported, like a blank answer.
			const value = cellAt(cells, iRaceEthnicity);
			const checked = raceEthnicityOf(value);
			raceEthnicity = valueOf(problems, rowNumber, 'race_ethnicity', value, checked);
			raceCode = checked.code;
		} else {
			const raceValue = cellAt(cells, iRace);
			const races = race1997Of(raceValue);
			const hispanicValue = cellAt(cells, iHispanic);
			const hispanic = hispanicOf(hispanicValue);
			if (!races.ok) addProblem(problems, rowNumber, 'race', raceValue, races.message);
			if (!hispanic.ok) addProblem(problems, rowNumber, 'hispanic', hispanicValue, hispanic.message);
			if (races.ok && hispanic.ok) raceEthnicity = crosswalk1997(races.value, hispanic.value === null ? null : hispanic.value === 1);
		}

		const sexValue = cellAt(cells, iSex);
		const sexChecked = sexOf(sexValue);
		const sex = valueOf(problems, rowNumber, 'sex', sexValue, sexChecked);

		const zipValue = cellAt(cells, iZip);
		const zipChecked = zipOf(zipValue);
		const zip = valueOf(problems, rowNumber, 'zip', zipValue, zipChecked);

		const gradeValue = cellAt(cells, iGrade);
		const gradeChecked = gradeBandOf(gradeValue);
		const gradeBand = valueOf(problems, rowNumber, 'grade_band', gradeValue, gradeChecked);
		const ageValue = cellAt(cells, iAge);
		const ageChecked = ageBandOf(ageValue);
		const ageBand = valueOf(problems, rowNumber, 'age_band', ageValue, ageChecked);

		const disabilityValue = cellAt(cells, iDisability);
		const disabilityChecked = disabilityOf(disabilityValue);
		const disability = valueOf(problems, rowNumber, 'disability', disabilityValue, disabilityChecked);
		const englishValue = cellAt(cells, iEnglish);
		const englishChecked = englishLearnerOf(englishValue);
		const englishLearner = valueOf(problems, rowNumber, 'english_learner', englishValue, englishChecked);
		const lowIncomeValue = cellAt(cells, iLowIncome);
		const lowIncomeChecked = lowIncomeOf(lowIncomeValue);
		const lowIncome = valueOf(problems, rowNumber, 'low_income', lowIncomeValue, lowIncomeChecked);

		const startedValue = cellAt(cells, iStarted);
		const startedChecked = startedOnOf(startedValue);
		const startedOn = valueOf(problems, rowNumber, 'started_on', startedValue, startedChecked);
		const endedValue = cellAt(cells, iEnded);
		const endedChecked = endedOnOf(endedValue);
		const endedOn = valueOf(problems, rowNumber, 'ended_on', endedValue, endedChecked);
		if (startedOn && endedOn && endedOn < startedOn) addProblem(problems, rowNumber, 'ended_on', endedOn, `The end date is before the start date (${startedOn}).`);

		if (problems.length > before) return null;
		if (codes) {
			codes[at] = programChecked.code;
			codes[at + 1] = raceCode;
			codes[at + 2] = sexChecked.code;
			codes[at + 3] = zipChecked.code;
			codes[at + 4] = gradeChecked.code;
			codes[at + 5] = ageChecked.code;
			codes[at + 6] = disabilityChecked.code;
			codes[at + 7] = englishChecked.code;
			codes[at + 8] = lowIncomeChecked.code;
			codes[at + 9] = startedChecked.code;
			codes[at + 10] = endedChecked.code;
		}
		return { rowNumber, pseudonym, program, raceEthnicity, sex, zip, gradeBand, ageBand, disability, englishLearner, lowIncome, startedOn, endedOn };
	};
}

function addProblem(problems: RowProblem[], row: number, column: string, value: string, message: string): void {
	problems.push({ row, column, value, message });
}

/** The value at `index` (a missing column reads as blank), trimmed. */
function cellAt(cells: readonly string[], index: number): string {
	return index < 0 ? '' : (cells[index] ?? '').trim();
}

/** A checked value, or null with the check's problem added. */
function valueOf<T>(problems: RowProblem[], row: number, column: string, value: string, result: Checked<T>): T | null {
	if (result.ok) return result.value;
	problems.push({ row, column, value, message: result.message });
	return null;
}

/** Reads one data row. `rowNumber` is the file's row (the header is row 1). */
export function readParticipantRow(
	cells: readonly string[],
	map: HeaderMap,
	rowNumber: number,
	headerLength: number
): { row: ParticipantRow | null; problems: RowProblem[] } {
	const problems: RowProblem[] = [];
	const row = participantRowReader(map, headerLength)(cells, rowNumber, problems);
	return { row, problems };
}

// ---------------------------------------------------------------------------------------------
// Aggregation into cells

/** The answers that place a person in groups (named as the stored columns). */
export interface Demographics {
	race_ethnicity: string | null;
	sex: string | null;
	zip: string | null;
	disability: number | null;
	english_learner: number | null;
	low_income: number | null;
	grade_band: string | null;
	age_band: string | null;
}
export const demographicColumns = ['race_ethnicity', 'sex', 'zip', 'disability', 'english_learner', 'low_income', 'grade_band', 'age_band'] as const satisfies readonly (keyof Demographics & Disaggregation)[];

/** Distinct people with one combination of answers: the unit every cell is summed from. */
export interface CombinationCount extends Demographics {
	people: number;
}

/** The group-key part a person's answer gives for one breakdown: black, female, zip=19104, disability=yes. */
function groupPart(column: (typeof demographicColumns)[number], answers: Demographics): string | null {
	const value = answers[column];
	if (value === null) return null;
	if (column === 'race_ethnicity' || column === 'sex') return String(value);
	if (typeof value === 'number') return `${column}=${value === 1 ? 'yes' : 'no'}`;
	return `${column}=${value}`;
}

/**
 * Cells for one metric from the counts per combination of answers: `all`; one group of each
 * breakdown the metric has (black, female, zip=19104, low_income=yes, grade_band=6-8…); and the
 * intersection race/ethnicity × sex (black:female) when it has both, as the cycle's template
 * lists them. Each person has exactly one combination, so sums of distinct counts are distinct
 * counts. A blank answer leaves the person out of that breakdown only.
 */
export function cellsFromCombinations(counts: readonly CombinationCount[], breakdowns: readonly Disaggregation[]): Map<string, number> {
	const columns = demographicColumns.filter((c) => breakdowns.includes(c));
	const intersect = breakdowns.includes('race_ethnicity') && breakdowns.includes('sex');
	const cells = new Map<string, number>([['all', 0]]);
	const add = (key: string, n: number) => cells.set(key, (cells.get(key) ?? 0) + n);
	for (const combination of counts) {
		add('all', combination.people);
		for (const column of columns) {
			const part = groupPart(column, combination);
			if (part) add(part, combination.people);
		}
		if (intersect && combination.race_ethnicity && combination.sex) add(`${combination.race_ethnicity}:${combination.sex}`, combination.people);
	}
	return cells;
}

export const demographicsOf = (row: ParticipantRow): Demographics => ({
	race_ethnicity: row.raceEthnicity,
	sex: row.sex,
	zip: row.zip,
	disability: row.disability,
	english_learner: row.englishLearner,
	low_income: row.lowIncome,
	grade_band: row.gradeBand,
	age_band: row.ageBand
});

/**
 * A person (pseudonym) may appear on several rows (several programs or terms) and counts once;
 * their rows must then agree on race/ethnicity and sex, or the person could not be placed in one
 * group. Lists each disagreement.
 */
export function pseudonymConflicts(rows: readonly ParticipantRow[]): RowProblem[] {
	const first = new Map<string, { row: ParticipantRow; answers: Demographics }>();
	const problems: RowProblem[] = [];
	for (const row of rows) {
		const seen = first.get(row.pseudonym);
		if (!seen) {
			first.set(row.pseudonym, { row, answers: demographicsOf(row) });
			continue;
		}
		const answers = demographicsOf(row);
		for (const column of demographicColumns) {
			if (seen.answers[column] !== answers[column]) problems.push(conflict(row.rowNumber, row.pseudonym, column, answers[column], seen.row.rowNumber, seen.answers[column]));
		}
	}
	return problems;
}

function conflict(rowNumber: number, pseudonym: string, column: string, value: string | number | null, firstRow: number, firstValue: string | number | null): RowProblem {
	const say = (v: string | number | null) => (v === null ? 'not reported' : v === 1 ? 'yes' : v === 0 ? 'no' : String(v));
	return {
		row: rowNumber,
		column,
		value: value === null ? '' : say(value),
		message: `${pseudonym} is ${say(firstValue)} on row ${firstRow} but ${say(value)} here: one person needs the same answers on every row.`
	};
}

/** A person's answer indices as one number (PeopleCounter): the ZIP's in the low 17 bits, each other in 4. */
function packAnswers(race: number, sex: number, zip: number, disability: number, englishLearner: number, lowIncome: number, grade: number, age: number): number {
	return ((((((race * 16 + sex) * 16 + disability) * 16 + englishLearner) * 16 + lowIncome) * 16 + grade) * 16 + age) * 131072 + zip;
}

/**
 * Counts people while a file streams by: each pseudonym once, with its combination of answers, and
 * every row whose answers disagree with the person's first row (the same problems as
 * `pseudonymConflicts`). Memory grows with the number of distinct people (under 100 bytes each), so
 * past `limit` people the counter gives up (`overflowed`) and frees what it held; the caller then
 * counts again from the stored rows, in passes (participants.stored.ts).
 */
export class PeopleCounter {
	private people = new Map<string, number>();
	/** Per person (by index): the combination of answers, packed into one number, and the first row. */
	private codes = new Float64Array(1024);
	private firstRows = new Int32Array(1024);
	private size = 0;
	/** Each answer of a column as a small index (0 is "not reported"); ZIPs get 17 bits, the rest 4. */
	private readonly answers = demographicColumns.map(() => new Map<string | number, number>());
	private readonly values: (string | number | null)[][] = demographicColumns.map(() => [null]);
	overflowed = false;

	constructor(readonly limit = 1_000_000) {}

	private index(column: number, value: string | number | null): number {
		if (value === null) return 0;
		const known = this.answers[column]!;
		let index = known.get(value);
		if (index === undefined) {
			index = this.values[column]!.length;
			known.set(value, index);
			this.values[column]!.push(value);
		}
		return index;
	}

	/** The combination as one number: every index but the ZIP's in 4 bits, the ZIP's in 17 (37 bits in all, exact in a double). */
	private pack(row: ParticipantRow): number {
		return packAnswers(
			this.index(0, row.raceEthnicity),
			this.index(1, row.sex),
			this.index(2, row.zip),
			this.index(3, row.disability),
			this.index(4, row.englishLearner),
			this.index(5, row.lowIncome),
			this.index(6, row.gradeBand),
			this.index(7, row.ageBand)
		);
	}

	private unpack(code: number): Demographics {
		const zip = code % 131072;
		let rest = Math.floor(code / 131072);
		const parts: number[] = [];
		for (let i = 0; i < 7; i++) {
			parts.unshift(rest % 16);
			rest = Math.floor(rest / 16);
		}
		const [race, sex, disability, englishLearner, lowIncome, grade, age] = parts as [number, number, number, number, number, number, number];
		const v = this.values;
		return {
			race_ethnicity: v[0]![race] as string | null,
			sex: v[1]![sex] as string | null,
			zip: v[2]![zip] as string | null,
			disability: v[3]![disability] as number | null,
			english_learner: v[4]![englishLearner] as number | null,
			low_income: v[5]![lowIncome] as number | null,
			grade_band: v[6]![grade] as string | null,
			age_band: v[7]![age] as string | null
		};
	}

	/** Counts one row (adding a problem for each answer that disagrees with the person's first row). */
	add(row: ParticipantRow, problems: RowProblem[]): void {
		if (this.overflowed) return;
		const person = this.count(row.pseudonym, this.pack(row), row.rowNumber);
		if (person >= 0) this.disagreements(person, row.rowNumber, row.pseudonym, demographicsOf(row), problems);
	}

	/**
	 * Counts the rows of one group as the file reader hands it on (participants.batch.ts, ReadGroup):
	 * each distinct answer of the group is looked up once, and every row by the numbers it carries.
	 */
	addGroup(group: ReadGroup, problems: RowProblem[]): void {
		if (this.overflowed) return;
		const pseudonyms = group.pseudonyms.split('\n');
		const local = group.answers.map((answers, column) => Int32Array.from(answers, (answer) => this.index(column, answer)));
		const [race, sex, zip, disability, englishLearner, lowIncome, grade, age] = local as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
		const codes = group.codes;
		const width = 1 + demographicColumns.length;
		for (let i = 0; i < group.rowCount; i++) {
			const at = i * width;
			const pseudonym = pseudonyms[codes[at]!]!;
			const packed = packAnswers(
				race[codes[at + 1]!]!, sex[codes[at + 2]!]!, zip[codes[at + 3]!]!, disability[codes[at + 4]!]!,
				englishLearner[codes[at + 5]!]!, lowIncome[codes[at + 6]!]!, grade[codes[at + 7]!]!, age[codes[at + 8]!]!
			);
			const person = this.count(pseudonym, packed, group.firstRowNumber + i);
			if (this.overflowed) return;
			if (person >= 0) {
				const answers = Object.fromEntries(demographicColumns.map((column, c) => [column, group.answers[c]![codes[at + 1 + c]!]!])) as unknown as Demographics;
				this.disagreements(person, group.firstRowNumber + i, pseudonym, answers, problems);
			}
		}
	}

	/** Counts a person's row: -1, or the person (by index) whose first row had other answers. */
	private count(pseudonym: string, code: number, rowNumber: number): number {
		const person = this.people.get(pseudonym);
		if (person === undefined) {
			if (this.size >= this.limit) {
				this.overflow();
				return -1;
			}
			if (this.size === this.codes.length) {
				const codes = new Float64Array(this.size * 2);
				codes.set(this.codes);
				this.codes = codes;
				const firstRows = new Int32Array(this.size * 2);
				firstRows.set(this.firstRows);
				this.firstRows = firstRows;
			}
			this.people.set(detached(pseudonym), this.size);
			this.codes[this.size] = code;
			this.firstRows[this.size] = rowNumber;
			this.size++;
			return -1;
		}
		return this.codes[person] === code ? -1 : person;
	}

	private disagreements(person: number, rowNumber: number, pseudonym: string, answers: Demographics, problems: RowProblem[]): void {
		const first = this.unpack(this.codes[person]!);
		for (const column of demographicColumns) {
			if (first[column] !== answers[column]) problems.push(conflict(rowNumber, pseudonym, column, answers[column], this.firstRows[person]!, first[column]));
		}
	}

	private overflow(): void {
		this.overflowed = true;
		this.people = new Map();
		this.codes = new Float64Array(0);
		this.firstRows = new Int32Array(0);
	}

	/** Distinct people counted (meaningless once overflowed). */
	get distinct(): number {
		return this.size;
	}

	/**
	 * The cells `cellsFromCombinations(this.counts(), breakdowns)` gives, counted straight from the
	 * packed answers: per column, people per answer index (and race/ethnicity × sex), with no list
	 * of combinations and no key built per person. Meaningless once overflowed.
	 */
	cells(breakdowns: readonly Disaggregation[]): Map<string, number> {
		const values = this.values;
		const perColumn = values.map((known) => new Float64Array(known.length));
		const sexes = values[1]!.length;
		const raceSex = new Float64Array(values[0]!.length * sexes);
		const [race, sex, zip, disability, englishLearner, lowIncome, grade, age] = perColumn as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
		for (let i = 0; i < this.size; i++) {
			const code = this.codes[i]!;
			const z = code % 131072;
			// The other seven indices fit in 28 bits: integer operations from here.
			let rest = (code - z) / 131072;
			age[rest & 15]!++;
			grade[(rest >>>= 4) & 15]!++;
			lowIncome[(rest >>>= 4) & 15]!++;
			englishLearner[(rest >>>= 4) & 15]!++;
			disability[(rest >>>= 4) & 15]!++;
			const s = (rest >>>= 4) & 15;
			sex[s]!++;
			const r = rest >>> 4;
			race[r]!++;
			zip[z]!++;
			raceSex[r * sexes + s]!++;
		}
		const cells = new Map<string, number>([['all', this.size]]);
		demographicColumns.forEach((column, c) => {
			if (!breakdowns.includes(column)) return;
			const counts = perColumn[c]!;
			// Index 0 is "not reported": those people are in no group of this breakdown.
			for (let index = 1; index < counts.length; index++) {
				if (counts[index]! > 0) cells.set(groupPart(column, { [column]: values[c]![index] } as unknown as Demographics)!, counts[index]!);
			}
		});
		if (breakdowns.includes('race_ethnicity') && breakdowns.includes('sex')) {
			for (let r = 1; r < values[0]!.length; r++) {
				for (let x = 1; x < sexes; x++) {
					const n = raceSex[r * sexes + x]!;
					if (n > 0) cells.set(`${values[0]![r]}:${values[1]![x]}`, n);
				}
			}
		}
		return cells;
	}

	/** Distinct people per combination of answers (meaningless once overflowed). */
	counts(): CombinationCount[] {
		const people = new Map<number, number>();
		for (let i = 0; i < this.size; i++) people.set(this.codes[i]!, (people.get(this.codes[i]!) ?? 0) + 1);
		return [...people].map(([code, n]) => ({ ...this.unpack(code), people: n }));
	}
}

/** Distinct people per combination of answers, in memory (small submissions, tests). */
export function countCombinations(rows: readonly ParticipantRow[]): CombinationCount[] {
	const people = new Map<string, Demographics>();
	for (const row of rows) if (!people.has(row.pseudonym)) people.set(row.pseudonym, demographicsOf(row));
	const counts = new Map<string, CombinationCount>();
	for (const answers of people.values()) {
		const key = JSON.stringify(demographicColumns.map((c) => answers[c]));
		const entry = counts.get(key) ?? { ...answers, people: 0 };
		entry.people++;
		counts.set(key, entry);
	}
	return [...counts.values()];
}

/** Rows to cells in memory: every conflict, or the cells. */
export function aggregateParticipants(
	rows: readonly ParticipantRow[],
	breakdowns: readonly Disaggregation[]
): { ok: true; cells: Map<string, number> } | { ok: false; problems: RowProblem[] } {
	const problems = pseudonymConflicts(rows);
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, cells: cellsFromCombinations(countCombinations(rows), breakdowns) };
}

/**
 * Participants sent as JSON objects (the API): the same columns as the CSV, as keys. Values may be
 * strings, numbers, true/false (yes/no) or null (blank). Row n is the n-th object (from 1); problems
 * with the keys themselves are on row 0.
 */
export function readParticipantObjects(list: readonly unknown[]): { rows: ParticipantRow[]; problems: RowProblem[] } {
	const header: string[] = [];
	const problems: RowProblem[] = [];
	list.forEach((item, index) => {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			problems.push({ row: index + 1, column: '', value: '', message: 'Each participant is an object like {"pseudonym": "p-1", "sex": "female"}.' });
			return;
		}
		for (const key of Object.keys(item)) if (!header.includes(key)) header.push(key);
	});
	if (problems.length > 0) return { rows: [], problems };
	const read = readHeader(header, 0);
	if (read.problems.length > 0) return { rows: [], problems: read.problems };
	const rows: ParticipantRow[] = [];
	const readRow = participantRowReader(read.map, header.length);
	list.forEach((item, index) => {
		const object = item as Record<string, unknown>;
		const cells = header.map((key) => {
			const value = object[key];
			if (value === null || value === undefined) return '';
			if (typeof value === 'boolean') return value ? 'yes' : 'no';
			return typeof value === 'string' || typeof value === 'number' ? String(value) : '\u0000';
		});
		const rowProblems: RowProblem[] = [];
		const row = readRow(cells, index + 1, rowProblems);
		problems.push(...rowProblems.map((p) => (p.value === '\u0000' ? { ...p, value: '', message: 'Give a text, a number, true/false or null here.' } : p)));
		if (row) rows.push(row);
	});
	if (list.length === 0) problems.push({ row: 0, column: 'participants', value: '', message: 'Send at least one participant.' });
	return { rows, problems };
}

/**
 * A file may be huge and wrong on every row: keep the first `limit` problems to show, count the
 * rest. The count is always exact.
 */
export class ProblemList {
	readonly shown: RowProblem[] = [];
	total = 0;
	constructor(readonly limit = 1000) {}
	add(problems: readonly RowProblem[]): void {
		for (const p of problems) {
			this.total++;
			if (this.shown.length < this.limit) this.shown.push(p);
		}
	}
	get empty(): boolean {
		return this.total === 0;
	}
}

/** The template partners download: the header and two example rows (one per way of giving race). */
export const participantTemplate = [
	participantColumns.filter((c) => c !== 'race' && c !== 'hispanic').join(','),
	'p-000123,Saturday Robotics,black;white,female,19104,6-8,10-13,no,no,yes,2026-01-10,2026-05-30'
].join('\r\n') + '\r\n';
