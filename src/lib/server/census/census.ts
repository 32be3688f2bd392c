/**
 * Census Data API tables, read into typed records, and a declarative mapping from Census variables
 * to benchmark populations ("Black women aged 16 and over", "people employed in computer,
 * engineering and science occupations").
 *
 * Pure: no I/O. The JSON parser here, the streaming CSV reader (census-csv.ts) and the live client
 * (census-client.ts) all build the same `CensusTable` through `createCensusTableBuilder`, so one
 * mapping applies to all three.
 *
 * The Census answers a data query with a JSON array of rows whose first row is the header:
 *
 *   [["NAME","C23002B_001E","C23002B_001M","state"],
 *    ["Pennsylvania","1112219","3377","42"]]
 *
 * Values are strings (or `null`); negative "jam" codes such as -666666666 stand for "not available"
 * and are never counts. `<VAR>E` is an estimate, `<VAR>M` its 90 % margin of error, `<VAR>EA` and
 * `<VAR>MA` their annotations. Every other column other than NAME and GEO_ID is a geography level
 * (`state`, `county`, …), as the API appends the `for`/`in` levels to every answer.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Values and their availability

/**
 * Why a value is, or is not, usable. `available` is the only status with a number, except
 * `controlled`, whose margin of error the Census Bureau says to treat as zero.
 */
export type CensusValueStatus =
	| 'available'
	| 'missing'
	| 'too_few_cases'
	| 'cannot_display'
	| 'not_applicable'
	| 'moe_too_few_cases'
	| 'moe_open_ended'
	| 'controlled'
	| 'unknown_code';

/**
 * The Census Bureau's coded values ("Notes on ACS Estimate and Annotation Values") with the
 * annotation symbol that can stand in their place in `EA`/`MA` columns or in downloaded tables.
 */
const CODED_VALUES: Readonly<Record<string, CensusValueStatus>> = {
	'-999999999': 'cannot_display', // N
	'-888888888': 'not_applicable', // (X)
	'-666666666': 'too_few_cases', // -
	'-555555555': 'controlled', // *****
	'-333333333': 'moe_open_ended', // ***
	'-222222222': 'moe_too_few_cases' // **
};

const ANNOTATION_SYMBOLS: Readonly<Record<string, CensusValueStatus>> = {
	N: 'cannot_display',
	'(X)': 'not_applicable',
	'-': 'too_few_cases',
	'*****': 'controlled',
	'***': 'moe_open_ended',
	'**': 'moe_too_few_cases'
};

const STATUS_TEXT: Readonly<Record<CensusValueStatus, string>> = {
	available: 'available',
	missing: 'no value was given (null or empty)',
	too_few_cases: 'the Census Bureau could not compute it: too few sample observations (code -666666666)',
	cannot_display: 'the Census Bureau does not publish it: too few sample cases in this area (code -999999999)',
	not_applicable: 'not applicable or not available (code -888888888)',
	moe_too_few_cases: 'the margin of error could not be computed: too few sample observations (code -222222222)',
	moe_open_ended: 'the margin of error could not be computed: the median falls in an open-ended interval (code -333333333)',
	controlled: 'the estimate is controlled to an independent count, so its margin of error is zero (code -555555555)',
	unknown_code: 'a negative value, which the Census Bureau uses as a code rather than a count'
};

/** Plain-language reason for a value's status, for notes under tables and charts. */
export const describeStatus = (status: CensusValueStatus): string => STATUS_TEXT[status];

type ParsedValue = { ok: true; value: number | null; status: CensusValueStatus } | { ok: false };

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Reads one estimate or margin-of-error value as the Census writes it (string, number or null). */
export function parseCensusValue(raw: unknown, kind: 'estimate' | 'moe'): ParsedValue {
	if (raw === null || raw === undefined) return { ok: true, value: null, status: 'missing' };
	let text: string;
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return { ok: false };
		text = String(raw);
	} else if (typeof raw === 'string') {
		text = raw.trim();
	} else {
		return { ok: false };
	}
	if (text === '' || text.toLowerCase() === 'null') return { ok: true, value: null, status: 'missing' };
	const symbol = ANNOTATION_SYMBOLS[text];
	if (symbol) return coded(symbol, kind);
	if (!NUMBER.test(text)) return { ok: false };
	const value = Number(text);
	if (value < 0) return coded(CODED_VALUES[String(value)] ?? 'unknown_code', kind);
	return { ok: true, value, status: 'available' };
}

function coded(status: CensusValueStatus, kind: 'estimate' | 'moe'): ParsedValue {
	// A controlled estimate has no sampling error: its MOE is zero. An estimate is never "controlled".
	if (status === 'controlled') return kind === 'moe' ? { ok: true, value: 0, status } : { ok: true, value: null, status: 'unknown_code' };
	return { ok: true, value: null, status };
}

// ---------------------------------------------------------------------------------------------
// Records

/** One estimate with its margin of error, keyed in a row by the estimate's id (`C23002B_001E`). */
export interface CensusCell {
	/** The estimate's variable id, e.g. `C23002B_001E`. */
	variable: string;
	estimate: number | null;
	estimateStatus: CensusValueStatus;
	/** The matching margin-of-error id (`C23002B_001M`), or null when the source had no such column. */
	moeVariable: string | null;
	/** 90 % margin of error; 0 when the estimate is controlled; null when absent or not available. */
	moe: number | null;
	moeStatus: CensusValueStatus | 'absent';
	/** `EA`/`MA` annotation text when the source carried one that was not null. */
	estimateAnnotation: string | null;
	moeAnnotation: string | null;
}

export interface CensusGeography {
	/** Stable key built from the geography codes, e.g. `state:42` or `state:42/county:101`. */
	key: string;
	codes: Readonly<Record<string, string>>;
	/** The `NAME` column (e.g. "Philadelphia County, Pennsylvania"), when present. */
	name: string | null;
	/** The `GEO_ID` column (e.g. `0500000US42101`), when present. */
	geoId: string | null;
}

export interface CensusRow {
	geography: CensusGeography;
	/** Keyed by estimate id (`C23002B_001E`). */
	cells: Readonly<Record<string, CensusCell>>;
	/** Where the row came from: 1-based, counting the header as row 1. */
	sourceRow: number;
}

export interface CensusTable {
	/** Estimate ids in the order the source listed them. */
	variables: readonly string[];
	rows: readonly CensusRow[];
}

// ---------------------------------------------------------------------------------------------
// Problems and errors

export type CensusProblemCode =
	| 'not_json'
	| 'not_a_table'
	| 'no_header'
	| 'bad_header'
	| 'no_geography'
	| 'row_length'
	| 'bad_value'
	| 'duplicate_conflict'
	| 'duplicate_geography'
	| 'csv_syntax'
	| 'merge_conflict'
	| 'missing_variable'
	| 'missing_geography'
	| 'invalid_mapping';

/** One problem, in words a person can act on; row and column when they are known. */
export interface CensusProblem {
	code: CensusProblemCode;
	message: string;
	/** 1-based, counting the header as row 1 (in a CSV file, the line number). */
	row?: number;
	column?: string;
	/** 1-based position of the column in the header. */
	columnNumber?: number;
	value?: string | null;
	variable?: string;
	geography?: string;
}

/** Base class: every problem found, with the first one as the message. */
export abstract class CensusError extends Error {
	abstract readonly kind: 'format' | 'mapping';
	readonly problems: readonly CensusProblem[];
	constructor(problems: readonly CensusProblem[], truncated = false) {
		const first = problems[0]?.message ?? 'The Census data could not be read.';
		const more = problems.length - 1;
		const tail = truncated ? ` (and at least ${more} more problems)` : more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
		super(first + tail);
		this.problems = problems;
	}
}

/** The data could not be read as a Census table. */
export class CensusFormatError extends CensusError {
	readonly kind = 'format' as const;
	override readonly name = 'CensusFormatError';
}

/** A mapping refers to a variable or geography the data does not have, or is itself invalid. */
export class CensusMappingError extends CensusError {
	readonly kind = 'mapping' as const;
	override readonly name = 'CensusMappingError';
}

// ---------------------------------------------------------------------------------------------
// Header analysis and the shared table builder

/** Splits `C23002B_001EA` into `C23002B_001` + `EA`. Covers detailed (B/C), subject (S…_C01_…) and profile (DP…) ids. */
const VARIABLE = /^([A-Z]+\d+[A-Z]*(?:_[A-Z]\d+)?_\d+)(E|M|EA|MA)$/;

type ColumnRole =
	| { kind: 'estimate'; base: string }
	| { kind: 'moe'; base: string }
	| { kind: 'estimate_annotation'; base: string }
	| { kind: 'moe_annotation'; base: string }
	| { kind: 'name' }
	| { kind: 'geo_id' }
	| { kind: 'geography'; level: string };

function roleOf(column: string): ColumnRole {
	const match = VARIABLE.exec(column);
	if (match) {
		const base = match[1] as string;
		switch (match[2]) {
			case 'E':
				return { kind: 'estimate', base };
			case 'M':
				return { kind: 'moe', base };
			case 'EA':
				return { kind: 'estimate_annotation', base };
			default:
				return { kind: 'moe_annotation', base };
		}
	}
	if (column === 'NAME') return { kind: 'name' };
	if (column === 'GEO_ID' || column === 'ucgid') return { kind: 'geo_id' };
	return { kind: 'geography', level: column };
}

/** Census geography levels from the largest down, so keys do not depend on column order. */
const LEVEL_ORDER = [
	'us',
	'region',
	'division',
	'state',
	'combined statistical area',
	'metropolitan statistical area/micropolitan statistical area',
	'metropolitan division',
	'county',
	'county subdivision',
	'place',
	'zip code tabulation area',
	'school district (unified)',
	'school district (elementary)',
	'school district (secondary)',
	'public use microdata area',
	'congressional district',
	'state legislative district (upper chamber)',
	'state legislative district (lower chamber)',
	'tract',
	'block group'
];

/** `{ county: '101', state: '42' }` → `state:42/county:101`. */
export function geographyKey(codes: Readonly<Record<string, string>>): string {
	const rank = (level: string) => {
		const i = LEVEL_ORDER.indexOf(level);
		return i === -1 ? LEVEL_ORDER.length : i;
	};
	return Object.keys(codes)
		.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
		.map((level) => `${level}:${codes[level]}`)
		.join('/');
}

const quote = (value: unknown): string => (value === null || value === undefined ? 'null' : `“${String(value)}”`);
const at = (row: number, column: string, columnNumber: number) => `Row ${row}, column ${column} (column ${columnNumber})`;

export interface CensusTableBuilder {
	/** Adds one data row; `row` is its 1-based position counting the header as row 1. */
	add(values: readonly unknown[], row: number): void;
	/** Records a problem found outside the rows (e.g. a CSV syntax error). */
	problem(problem: CensusProblem): void;
	/** The table, or a `CensusFormatError` listing every problem found. */
	finish(): CensusTable;
}

/**
 * Builds a `CensusTable` row by row, collecting every problem (up to `maxProblems`) instead of
 * stopping at the first, so a person can fix a file in one go. Columns are read by name: their
 * order varies between vintages and a column may appear twice (the 2016 files repeat every `M`
 * column); repeated columns must agree.
 */
export function createCensusTableBuilder({ header, maxProblems = 100 }: { header: readonly unknown[]; maxProblems?: number }): CensusTableBuilder {
	const problems: CensusProblem[] = [];
	let truncated = false;
	const report = (problem: CensusProblem) => {
		if (problems.length < maxProblems) problems.push(problem);
		else truncated = true;
	};

	const names: string[] = [];
	header.forEach((cell, i) => {
		if (typeof cell !== 'string' || cell.trim() === '') {
			report({
				code: 'bad_header',
				row: 1,
				columnNumber: i + 1,
				value: cell === null || cell === undefined ? null : String(cell),
				message: `Row 1 (the header), column ${i + 1}: ${quote(cell)} is not a column name. The header must name every column, like C23001_001E or state.`
			});
			names.push('');
		} else {
			names.push(cell.trim());
		}
	});

	// First position of each name, and later positions that must agree with it.
	const first = new Map<string, number>();
	const repeats: { index: number; firstIndex: number }[] = [];
	names.forEach((name, i) => {
		if (name === '') return;
		const seen = first.get(name);
		if (seen === undefined) first.set(name, i);
		else repeats.push({ index: i, firstIndex: seen });
	});

	const estimates: { base: string; index: number }[] = [];
	const moeIndex = new Map<string, number>();
	const eaIndex = new Map<string, number>();
	const maIndex = new Map<string, number>();
	const geographyColumns: { level: string; index: number }[] = [];
	let nameIndex: number | undefined;
	let geoIdIndex: number | undefined;
	for (const [name, index] of first) {
		const role = roleOf(name);
		if (role.kind === 'estimate') estimates.push({ base: role.base, index });
		else if (role.kind === 'moe') moeIndex.set(role.base, index);
		else if (role.kind === 'estimate_annotation') eaIndex.set(role.base, index);
		else if (role.kind === 'moe_annotation') maIndex.set(role.base, index);
		else if (role.kind === 'name') nameIndex = index;
		else if (role.kind === 'geo_id') geoIdIndex ??= index;
		else geographyColumns.push({ level: role.level, index });
	}
	estimates.sort((a, b) => a.index - b.index);
	if (header.length > 0 && geographyColumns.length === 0 && geoIdIndex === undefined) {
		report({
			code: 'no_geography',
			row: 1,
			message:
				'Row 1 (the header) has no geography column (such as state or county) and no GEO_ID, so the rows cannot be told apart.'
		});
	}

	const rows: CensusRow[] = [];
	const rowOfKey = new Map<string, number>();

	function add(values: readonly unknown[], row: number): void {
		if (values.length !== names.length) {
			report({
				code: 'row_length',
				row,
				message: `Row ${row} has ${values.length} value${values.length === 1 ? '' : 's'} but the header has ${names.length} columns.`
			});
			return;
		}
		let rowOk = true;
		for (const { index, firstIndex } of repeats) {
			if (String(values[index]) !== String(values[firstIndex])) {
				const column = names[index] as string;
				report({
					code: 'duplicate_conflict',
					row,
					column,
					columnNumber: index + 1,
					value: values[index] === null ? null : String(values[index]),
					message: `${at(row, column, index + 1)}: ${quote(values[index])} differs from ${quote(values[firstIndex])} in column ${firstIndex + 1}, which has the same name.`
				});
				rowOk = false;
			}
		}

		const codes: Record<string, string> = {};
		for (const { level, index } of geographyColumns) {
			const value = values[index];
			if (typeof value !== 'string' && typeof value !== 'number') {
				report({
					code: 'bad_value',
					row,
					column: level,
					columnNumber: index + 1,
					value: value === null || value === undefined ? null : String(value),
					message: `${at(row, level, index + 1)}: ${quote(value)} is not a geography code.`
				});
				rowOk = false;
				continue;
			}
			codes[level] = String(value).trim();
		}
		const geoId = geoIdIndex === undefined ? null : textOrNull(values[geoIdIndex]);
		const key = geographyColumns.length > 0 ? geographyKey(codes) : geoId ? `GEO_ID:${geoId}` : '';

		const cells: Record<string, CensusCell> = {};
		for (const { base, index } of estimates) {
			const variable = `${base}E`;
			const estimate = readValue(values, index, variable, 'estimate', row);
			const mIndex = moeIndex.get(base);
			const moe = mIndex === undefined ? null : readValue(values, mIndex, `${base}M`, 'moe', row);
			if (!estimate || (mIndex !== undefined && !moe)) {
				rowOk = false;
				continue;
			}
			const cell: CensusCell = {
				variable,
				estimate: estimate.value,
				estimateStatus: estimate.status,
				moeVariable: mIndex === undefined ? null : `${base}M`,
				moe: moe ? moe.value : null,
				moeStatus: moe ? moe.status : 'absent',
				estimateAnnotation: annotation(values, eaIndex.get(base)),
				moeAnnotation: annotation(values, maIndex.get(base))
			};
			cells[variable] = applyAnnotations(cell);
		}
		if (!rowOk) return;

		if (key === '') {
			report({ code: 'no_geography', row, message: `Row ${row} has no geography code and no GEO_ID.` });
			return;
		}
		const earlier = rowOfKey.get(key);
		if (earlier !== undefined) {
			report({
				code: 'duplicate_geography',
				row,
				geography: key,
				message: `Row ${row} repeats the geography ${key}, already given in row ${earlier}.`
			});
			return;
		}
		rowOfKey.set(key, row);
		rows.push({
			geography: { key, codes, name: nameIndex === undefined ? null : textOrNull(values[nameIndex]), geoId },
			cells,
			sourceRow: row
		});
	}

	function readValue(values: readonly unknown[], index: number, column: string, kind: 'estimate' | 'moe', row: number) {
		const raw = values[index];
		const parsed = parseCensusValue(raw, kind);
		if (parsed.ok) return parsed;
		report({
			code: 'bad_value',
			row,
			column,
			columnNumber: index + 1,
			value: raw === null || raw === undefined ? null : String(raw),
			variable: column,
			message: `${at(row, column, index + 1)}: ${quote(raw)} is not a number. ${kind === 'estimate' ? 'Estimates' : 'Margins of error'} must be numbers, null, or a Census code such as -666666666.`
		});
		return null;
	}

	return {
		add,
		problem: report,
		finish() {
			if (header.length === 0) {
				report({ code: 'no_header', row: 1, message: 'There is no header row: the first row must name the columns, like GEO_ID,C23001_001E,C23001_001M,…,state.' });
			}
			if (problems.length > 0) throw new CensusFormatError(problems, truncated);
			return { variables: estimates.map(({ base }) => `${base}E`), rows };
		}
	};
}

function textOrNull(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const text = String(value).trim();
	return text === '' || text === 'null' ? null : text;
}

function annotation(values: readonly unknown[], index: number | undefined): string | null {
	return index === undefined ? null : textOrNull(values[index]);
}

/** "If an annotation exists, use it in place of the value" (Census notes) — for the symbols it defines. */
function applyAnnotations(cell: CensusCell): CensusCell {
	let next = cell;
	const e = cell.estimateAnnotation ? ANNOTATION_SYMBOLS[cell.estimateAnnotation] : undefined;
	if (e && e !== 'controlled') next = { ...next, estimate: null, estimateStatus: e };
	const m = cell.moeAnnotation ? ANNOTATION_SYMBOLS[cell.moeAnnotation] : undefined;
	if (m) next = { ...next, moe: m === 'controlled' ? 0 : null, moeStatus: m };
	return next;
}

// ---------------------------------------------------------------------------------------------
// JSON responses

/**
 * Parses a Census Data API response body (text or already-parsed JSON) into a table.
 * Throws `CensusFormatError` listing every problem found.
 */
export function parseCensusJson(body: unknown, { maxProblems }: { maxProblems?: number } = {}): CensusTable {
	let data: unknown = body;
	if (typeof body === 'string') {
		try {
			data = JSON.parse(body);
		} catch {
			const start = body.trim().slice(0, 120);
			throw new CensusFormatError([
				{ code: 'not_json', value: start, message: `The response is not JSON. It starts with: ${quote(start)}` }
			]);
		}
	}
	if (!Array.isArray(data) || data.length === 0 || !data.every(Array.isArray)) {
		throw new CensusFormatError([
			{
				code: 'not_a_table',
				message: 'The response is not a Census table: expected an array of rows, the first row naming the columns.'
			}
		]);
	}
	const [header, ...rows] = data as unknown[][];
	const builder = createCensusTableBuilder({ header: header ?? [], maxProblems });
	rows.forEach((values, i) => builder.add(values, i + 2));
	return builder.finish();
}

// ---------------------------------------------------------------------------------------------
// Combining tables

/**
 * Joins tables by geography: the Census answers one table group per request and ships one file
 * per table, while a benchmark needs several. The same variable in two tables must agree.
 */
export function mergeCensusTables(tables: readonly CensusTable[]): CensusTable {
	const variables: string[] = [];
	const seenVariables = new Set<string>();
	const byKey = new Map<string, { geography: CensusGeography; cells: Record<string, CensusCell>; sourceRow: number }>();
	const problems: CensusProblem[] = [];
	tables.forEach((table, t) => {
		for (const variable of table.variables) {
			if (!seenVariables.has(variable)) {
				seenVariables.add(variable);
				variables.push(variable);
			}
		}
		for (const row of table.rows) {
			const existing = byKey.get(row.geography.key);
			if (!existing) {
				byKey.set(row.geography.key, { geography: row.geography, cells: { ...row.cells }, sourceRow: row.sourceRow });
				continue;
			}
			existing.geography = {
				...existing.geography,
				name: existing.geography.name ?? row.geography.name,
				geoId: existing.geography.geoId ?? row.geography.geoId
			};
			for (const [variable, cell] of Object.entries(row.cells)) {
				const before = existing.cells[variable];
				if (before && (before.estimate !== cell.estimate || before.moe !== cell.moe)) {
					problems.push({
						code: 'merge_conflict',
						variable,
						geography: row.geography.key,
						message: `Table ${t + 1} gives ${variable} for ${row.geography.key} as ${cell.estimate} ± ${cell.moe}, but an earlier table gave ${before.estimate} ± ${before.moe}.`
					});
					continue;
				}
				existing.cells[variable] = cell;
			}
		}
	});
	if (problems.length > 0) throw new CensusFormatError(problems);
	return { variables, rows: [...byKey.values()] };
}

// ---------------------------------------------------------------------------------------------
// Declarative variable mapping

export const benchmarkMeasures = ['population_16_plus', 'stem_employed', 'employed_total'] as const;
export type BenchmarkMeasure = (typeof benchmarkMeasures)[number];
export const benchmarkSexes = ['female', 'male'] as const;
export type BenchmarkSex = (typeof benchmarkSexes)[number];

/**
 * One benchmark count as a sum of Census estimates. Without `moe`, each estimate's own margin of
 * error (`_001E` → `_001M`) is used; `moe: []` asks for no margin of error at all.
 */
export interface VariableMapping<G extends string = string> {
	group: G;
	/** Absent: both sexes. */
	sex?: BenchmarkSex;
	measure: BenchmarkMeasure;
	variables: { estimate: readonly string[]; moe?: readonly string[] };
}

const estimateId = z.string().regex(/^[A-Z]+\d+[A-Z]*(?:_[A-Z]\d+)?_\d+E$/, 'Use an estimate id ending in E, like C23002B_001E.');
const moeId = z.string().regex(/^[A-Z]+\d+[A-Z]*(?:_[A-Z]\d+)?_\d+M$/, 'Use a margin-of-error id ending in M, like C23002B_001M.');

/** For mappings stored as JSON (e.g. per ecosystem): checks shape and ids. */
export const variableMappingSchema = z.object({
	group: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use a group id in lower case, like black or white_non_hispanic.'),
	sex: z.enum(benchmarkSexes).optional(),
	measure: z.enum(benchmarkMeasures),
	variables: z.object({
		estimate: z.array(estimateId).min(1, 'List at least one estimate variable.'),
		moe: z.array(moeId).optional()
	})
});

/** Every problem with a list of mappings: bad ids, and two entries for the same group, sex and measure. */
export function checkMappings(mappings: readonly unknown[]): CensusProblem[] {
	const problems: CensusProblem[] = [];
	const seen = new Map<string, number>();
	mappings.forEach((mapping, i) => {
		const parsed = variableMappingSchema.safeParse(mapping);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				problems.push({ code: 'invalid_mapping', message: `Mapping ${i + 1}, ${issue.path.join('.') || 'entry'}: ${issue.message}` });
			}
			return;
		}
		const id = countId(parsed.data);
		const earlier = seen.get(id);
		if (earlier !== undefined) {
			problems.push({ code: 'invalid_mapping', message: `Mapping ${i + 1} repeats ${id}, already defined by mapping ${earlier + 1}.` });
		} else {
			seen.set(id, i);
		}
	});
	return problems;
}

const countId = (m: { group: string; sex?: BenchmarkSex | undefined; measure: string }) =>
	`${m.group}/${m.sex ?? 'all sexes'}/${m.measure}`;

const moeIdFor = (estimate: string) => estimate.replace(/E$/, 'M');
const estimateIdFor = (moe: string) => moe.replace(/M$/, 'E');

/** Estimate and margin-of-error ids a set of mappings needs (in first-use order), and the tables they come from. */
export function mappedVariables(mappings: readonly VariableMapping[]): { estimates: string[]; moes: string[]; tables: string[] } {
	const estimates = new Set<string>();
	const moes = new Set<string>();
	for (const m of mappings) {
		for (const e of m.variables.estimate) estimates.add(e);
		// A margin of error is read through its estimate's cell, so its estimate is needed too.
		for (const v of m.variables.moe ?? m.variables.estimate.map(moeIdFor)) {
			moes.add(v);
			estimates.add(estimateIdFor(v));
		}
	}
	const tables = new Set([...estimates, ...moes].map(tableOf));
	return { estimates: [...estimates], moes: [...moes], tables: [...tables] };
}

/** `B24010B_043E` → `B24010B`; `S2301_C01_001E` → `S2301`. */
export const tableOf = (variable: string): string => variable.split('_')[0] as string;

export interface UnavailablePart {
	variable: string;
	status: CensusValueStatus | 'absent';
	reason: string;
}

export interface BenchmarkCount<G extends string = string> {
	group: G;
	/** null: both sexes. */
	sex: BenchmarkSex | null;
	measure: BenchmarkMeasure;
	/** Sum of the mapped estimates; null when any part is not available. */
	estimate: number | null;
	/** √(Σ MOE²) over the parts (ACS handbook); null when any part's MOE is not available or none was asked for. */
	moe: number | null;
	status: 'available' | 'not_available';
	moeStatus: 'available' | 'not_available' | 'not_requested';
	/** The parts that made the estimate or its MOE unavailable, with the Census Bureau's reason. */
	unavailable: readonly UnavailablePart[];
	variables: readonly string[];
	moeVariables: readonly string[];
}

export interface GeographyBenchmarks<G extends string = string> {
	geography: CensusGeography;
	counts: readonly BenchmarkCount<G>[];
}

/**
 * Margin of error of a sum of estimates: √(Σ MOE²). Following the ACS handbook ("Understanding and
 * Using ACS Data", ch. 8), when several parts are zero estimates only the largest of their MOEs is
 * kept, since their errors are not independent.
 */
export function aggregateMoe(parts: readonly { estimate: number; moe: number }[]): number {
	let sumSquares = 0;
	let largestZeroMoe = 0;
	for (const { estimate, moe } of parts) {
		if (estimate === 0) largestZeroMoe = Math.max(largestZeroMoe, moe);
		else sumSquares += moe * moe;
	}
	return Math.sqrt(sumSquares + largestZeroMoe * largestZeroMoe);
}

/**
 * Applies mappings to every geography in a table. Throws `CensusMappingError` naming each
 * variable (and geography) a mapping needs but the table lacks, or each invalid mapping.
 * Values the Census marks as not available give `status: 'not_available'`, never a number.
 */
export function mapBenchmarks<G extends string>({
	table,
	mappings,
	geography
}: {
	table: CensusTable;
	mappings: readonly VariableMapping<G>[];
	/** Only this geography key (e.g. `state:42`); absent: every row. */
	geography?: string;
}): GeographyBenchmarks<G>[] {
	const invalid = checkMappings(mappings);
	if (invalid.length > 0) throw new CensusMappingError(invalid);

	let rows = table.rows;
	if (geography !== undefined) {
		rows = table.rows.filter((row) => row.geography.key === geography);
		if (rows.length === 0) {
			const known = table.rows.map((row) => row.geography.key);
			throw new CensusMappingError([
				{
					code: 'missing_geography',
					geography,
					message: `The data has no row for ${geography}. It has: ${known.length > 0 ? known.join(', ') : 'no rows at all'}.`
				}
			]);
		}
	}

	const problems: CensusProblem[] = [];
	const missing = (variable: string, row: CensusRow, m: VariableMapping<G>) =>
		problems.push({
			code: 'missing_variable',
			variable,
			geography: row.geography.key,
			message: `The data for ${describeGeography(row.geography)} has no ${variable}, which the mapping for ${countId(m)} needs (table ${tableOf(variable)}).`
		});

	const result = rows.map((row): GeographyBenchmarks<G> => {
		const counts = mappings.map((m): BenchmarkCount<G> => {
			const unavailable: UnavailablePart[] = [];
			let estimate: number | null = 0;
			let complete = true;
			for (const variable of m.variables.estimate) {
				const cell = row.cells[variable];
				if (!cell) {
					missing(variable, row, m);
					complete = false;
					continue;
				}
				if (cell.estimate === null) {
					unavailable.push({ variable, status: cell.estimateStatus, reason: describeStatus(cell.estimateStatus) });
					estimate = null;
				} else if (estimate !== null) {
					estimate += cell.estimate;
				}
			}

			const moeVariables = m.variables.moe ?? m.variables.estimate.map(moeIdFor);
			let moe: number | null = null;
			let moeStatus: BenchmarkCount['moeStatus'] = moeVariables.length === 0 ? 'not_requested' : 'available';
			const parts: { estimate: number; moe: number }[] = [];
			for (const variable of moeVariables) {
				const cell = row.cells[estimateIdFor(variable)];
				if (!cell || cell.moeVariable === null) {
					missing(variable, row, m);
					complete = false;
					continue;
				}
				if (cell.moe === null) {
					unavailable.push({ variable, status: cell.moeStatus, reason: describeStatus(cell.moeStatus === 'absent' ? 'missing' : cell.moeStatus) });
					moeStatus = 'not_available';
				} else {
					parts.push({ estimate: cell.estimate ?? 0, moe: cell.moe });
				}
			}
			if (complete && estimate !== null && moeStatus === 'available') moe = aggregateMoe(parts);
			if (estimate === null && moeStatus === 'available') moeStatus = 'not_available';
			return {
				group: m.group,
				sex: m.sex ?? null,
				measure: m.measure,
				estimate: complete ? estimate : null,
				moe,
				status: complete && estimate !== null ? 'available' : 'not_available',
				moeStatus,
				unavailable,
				variables: m.variables.estimate,
				moeVariables
			};
		});
		return { geography: row.geography, counts };
	});

	if (problems.length > 0) throw new CensusMappingError(problems);
	return result;
}

/** The benchmarks for exactly one geography (see `mapBenchmarks`). */
export function mapGeographyBenchmarks<G extends string>(args: {
	table: CensusTable;
	mappings: readonly VariableMapping<G>[];
	geography: string;
}): GeographyBenchmarks<G> {
	return mapBenchmarks(args)[0] as GeographyBenchmarks<G>;
}

/** Finds one count; `sex` absent or null means both sexes. */
export function findCount<G extends string>(
	counts: readonly BenchmarkCount<G>[],
	{ group, sex = null, measure }: { group: G; sex?: BenchmarkSex | null; measure: BenchmarkMeasure }
): BenchmarkCount<G> | undefined {
	return counts.find((c) => c.group === group && c.sex === sex && c.measure === measure);
}

const describeGeography = (g: CensusGeography) => (g.name ? `${g.name} (${g.key})` : g.key);

// ---------------------------------------------------------------------------------------------
// Variable labels

/** Labels as the Census writes them (`Estimate!!Total:!!Female:` since 2019, `Estimate!!Total!!Female` before). */
export function normaliseLabel(label: string): string {
	return label
		.split('!!')
		.map((part) => part.trim().replace(/:$/, ''))
		.join('!!');
}

/**
 * Checks that each variable still means what a mapping assumes, by its label in a vintage's legend
 * or variable list. Returns one problem per variable that is missing or relabelled.
 */
export function checkLabels({
	expected,
	actual,
	vintage
}: {
	expected: Readonly<Record<string, string>>;
	actual: Readonly<Record<string, string>>;
	vintage: string;
}): CensusProblem[] {
	const problems: CensusProblem[] = [];
	for (const [variable, label] of Object.entries(expected)) {
		const found = actual[variable];
		if (found === undefined) {
			problems.push({ code: 'missing_variable', variable, message: `${vintage} has no variable ${variable}.` });
		} else if (normaliseLabel(found) !== normaliseLabel(label)) {
			problems.push({
				code: 'invalid_mapping',
				variable,
				message: `In ${vintage}, ${variable} is labelled ${quote(found)}, not ${quote(label)}: check the mapping before using this vintage.`
			});
		}
	}
	return problems;
}
