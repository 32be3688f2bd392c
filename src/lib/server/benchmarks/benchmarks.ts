/**
 * Benchmark populations ("Philadelphia County residents 16+") and the import of their values by
 * group and year: from Census tables (JSON responses or CSV files in the Census layout, mapped by
 * the PSEC mapping) or from a simple long CSV. Pure: no I/O; the service stores what this returns.
 *
 * Every reader here collects every problem (file, row, column, value, why) instead of stopping at
 * the first, so a person can fix a file in one go.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
	CensusError,
	checkLabels,
	mapBenchmarks,
	mergeCensusTables,
	parseCensusJson,
	tableOf,
	type BenchmarkMeasure,
	type CensusProblem,
	type CensusTable,
	type VariableMapping
} from '../census/census.js';
import { psecMapping, psecSource, psecVariableLabels } from '../census/psec-mapping.js';
import { censusGroupKey, groupKeyProblem } from '../metrics/metrics.js';

// ---------------------------------------------------------------------------------------------
// Populations

const optionalText = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

/** A Census geography key as census.ts builds it: `state:42` or `state:42/county:101`. */
const CENSUS_GEOGRAPHY = /^[a-z][a-z ()/-]*:[0-9A-Za-z]+(\/[a-z][a-z ()/-]*:[0-9A-Za-z]+)*$/;

export const populationSchema = z.object({
	name: z
		.string({ message: 'Enter the population’s name, like “Philadelphia County residents 16+”.' })
		.min(3, 'The name needs at least 3 characters.')
		.max(160, 'The name can have at most 160 characters.'),
	name_es: optionalText(160, 'The Spanish name'),
	description: optionalText(2000, 'The description').transform((v) => v ?? ''),
	description_es: optionalText(2000, 'The Spanish description'),
	geography: z
		.string()
		.max(200, 'The geography can have at most 200 characters.')
		.refine((g) => !g.includes(':') || CENSUS_GEOGRAPHY.test(g), 'Write a Census geography as state:42 or state:42/county:101 (levels from the largest down).')
		.optional()
		.transform((v) => v ?? ''),
	source: optionalText(300, 'The source').transform((v) => v ?? '')
});
export type PopulationInput = z.infer<typeof populationSchema>;

export const isCensusGeography = (geography: string): boolean => CENSUS_GEOGRAPHY.test(geography);

/** `state:42/county:101` → `{ for: 'county:101', in: 'state:42' }`, as the Census API asks. */
export function geographySelector(key: string): { for: string; in?: string[] } {
	const parts = key.split('/');
	const last = parts.pop() as string;
	return parts.length > 0 ? { for: last, in: [parts.join(' ')] } : { for: last };
}

// ---------------------------------------------------------------------------------------------
// Problems

/** One problem with an import, in words a person can act on. */
export interface ImportProblem {
	file?: string;
	row?: number;
	column?: string;
	value?: string | null;
	message: string;
}

export function fromCensusProblems(problems: readonly CensusProblem[], file?: string): ImportProblem[] {
	return problems.map((p) => ({
		...(file ? { file } : {}),
		...(p.row !== undefined ? { row: p.row } : {}),
		...(p.column !== undefined ? { column: p.column } : p.variable !== undefined ? { column: p.variable } : {}),
		...(p.value !== undefined ? { value: p.value } : {}),
		message: p.message
	}));
}

/** One line for lists and logs: “acs.csv, row 4, column estimate (“-3”): …”. */
export function describeProblem(p: ImportProblem): string {
	const where = [p.file, p.row !== undefined ? `row ${p.row}` : undefined, p.column ? `column ${p.column}` : undefined].filter(Boolean).join(', ');
	const value = p.value !== undefined ? ` (value “${p.value ?? ''}”)` : '';
	return where ? `${where}${value}: ${p.message}` : p.message;
}

// ---------------------------------------------------------------------------------------------
// Values

export interface BenchmarkValueInput {
	year: number;
	groupKey: string;
	estimate: number;
	moe: number | null;
}

export const yearSchema = z.coerce
	.number({ message: 'Enter the survey year, like 2023.' })
	.int('Enter the survey year as four digits, like 2023.')
	.min(2000, 'Enter a year from 2000 on.')
	.max(2100, 'Enter a year before 2100.');

export const maxUploadBytes = 5 * 1024 * 1024;

/** The long CSV layout: one value per row. */
export const longCsvColumns = ['year', 'group_key', 'estimate', 'moe'] as const;

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Reads the simple long CSV `year,group_key,estimate,moe` (moe may be empty or left out).
 * Rows are numbered as a spreadsheet shows them, the header being row 1.
 */
export function parseLongCsv(text: string, file = 'CSV'): { values: BenchmarkValueInput[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const values: BenchmarkValueInput[] = [];
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError) {
			return { values, problems: [{ file, ...(typeof error.lines === 'number' ? { row: error.lines } : {}), message: `The file is not valid CSV (${error.message}).` }] };
		}
		throw error;
	}
	const [head, ...rows] = records;
	if (!head) return { values, problems: [{ file, row: 1, message: 'The file is empty: the first row must be year,group_key,estimate,moe.' }] };
	const header = head.record.map((h) => h.toLowerCase());
	const index = Object.fromEntries(longCsvColumns.map((c) => [c, header.indexOf(c)])) as Record<(typeof longCsvColumns)[number], number>;
	const missing = longCsvColumns.filter((c) => c !== 'moe' && index[c] === -1);
	if (missing.length > 0) {
		return { values, problems: [{ file, row: 1, message: `The header must name the columns year, group_key, estimate and (optionally) moe; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.` }] };
	}
	const seen = new Map<string, number>();
	for (const { record, info } of rows) {
		const row = info.lines;
		const cell = (c: (typeof longCsvColumns)[number]) => (index[c] === -1 ? '' : (record[index[c]] ?? ''));
		let ok = true;
		const bad = (column: string, value: string, message: string) => {
			problems.push({ file, row, column, value, message });
			ok = false;
		};
		if (record.length > header.length) bad('(row)', record.join(','), `The row has ${record.length} values but the header has ${header.length} columns.`);
		const yearText = cell('year');
		const year = yearSchema.safeParse(yearText);
		if (!/^\d{4}$/.test(yearText) || !year.success) bad('year', yearText, 'The year must be four digits, like 2023.');
		const groupKey = cell('group_key');
		const groupProblem = groupKey === '' ? 'Give a group key, like all, female, black or black:female.' : groupKeyProblem(groupKey);
		if (groupProblem) bad('group_key', groupKey, groupProblem);
		const estimateText = cell('estimate');
		if (!NUMBER.test(estimateText)) bad('estimate', estimateText, 'The estimate must be a number of zero or more, written without commas.');
		const moeText = cell('moe');
		if (moeText !== '' && !NUMBER.test(moeText)) bad('moe', moeText, 'The margin of error must be a number of zero or more, or left empty.');
		if (!ok) continue;
		const key = `${yearText}/${groupKey}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			problems.push({ file, row, column: 'group_key', value: groupKey, message: `Row ${earlier} already gives ${groupKey} for ${yearText}.` });
			continue;
		}
		seen.set(key, row);
		values.push({ year: Number(yearText), groupKey, estimate: Number(estimateText), moe: moeText === '' ? null : Number(moeText) });
	}
	if (rows.length === 0) problems.push({ file, row: 2, message: 'The file has a header but no values.' });
	return { values, problems };
}

// ---------------------------------------------------------------------------------------------
// Census sources

export const censusMappings = ['psec'] as const;
export type CensusMappingName = (typeof censusMappings)[number];

/** The built-in mapping, by the measure each import writes. */
export function mappingFor(name: CensusMappingName, measures: readonly BenchmarkMeasure[]): VariableMapping[] {
	if (name !== 'psec') return [];
	return psecMapping.filter((m) => measures.includes(m.measure));
}

/** One uploaded or pasted piece of Census data. */
export interface CensusSourceText {
	/** The file name, or 'pasted JSON'. */
	name: string;
	text: string;
}

export type SourceKind = 'census_json' | 'census_csv' | 'census_legend' | 'long_csv';

/** What a text is: a JSON response, a Census table in CSV, its legend, or the long CSV layout. */
export function sourceKind(source: CensusSourceText): SourceKind {
	const start = source.text.replace(/^\uFEFF/, '').trimStart();
	if (start.startsWith('[')) return 'census_json';
	const firstLine = (start.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
	if (/^"?variable"?,/.test(firstLine)) return 'census_legend';
	if (/^"?year"?,/.test(firstLine)) return 'long_csv';
	return 'census_csv';
}

/** The year a file name states (`acs1_2017_C23001_pa_or.csv` → 2017), if any. */
export function yearInName(name: string): number | null {
	const match = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(name);
	return match ? Number(match[1]) : null;
}

/** A pasted body may hold one Census response or a JSON array of several (one per table). */
export function parseCensusJsonSource(source: CensusSourceText): { tables: CensusTable[]; problems: ImportProblem[] } {
	let data: unknown;
	try {
		data = JSON.parse(source.text);
	} catch {
		const start = source.text.trim().slice(0, 80);
		return { tables: [], problems: [{ file: source.name, message: `This is not JSON. It starts with: “${start}”.` }] };
	}
	const several = Array.isArray(data) && data.length > 0 && data.every((t) => Array.isArray(t) && Array.isArray(t[0]));
	const bodies = several ? (data as unknown[]) : [data];
	const tables: CensusTable[] = [];
	const problems: ImportProblem[] = [];
	bodies.forEach((body, i) => {
		const name = several ? `${source.name}, response ${i + 1}` : source.name;
		try {
			tables.push(parseCensusJson(body));
		} catch (error) {
			if (error instanceof CensusError) problems.push(...fromCensusProblems(error.problems, name));
			else throw error;
		}
	});
	return { tables, problems };
}

/** Labels a legend gives for the variables the mapping uses from its table: each must match. */
export function checkLegend(labels: Readonly<Record<string, string>>, file: string): ImportProblem[] {
	const tables = new Set(Object.keys(labels).map(tableOf));
	const expected = Object.fromEntries(Object.entries(psecVariableLabels).filter(([variable]) => tables.has(tableOf(variable))));
	return fromCensusProblems(checkLabels({ expected, actual: labels, vintage: file }), file);
}

export interface CensusImportValues {
	/** Population 16+ by group (the benchmark). */
	population: BenchmarkValueInput[];
	/** Civilian employed 16+ in STEM occupations by group (a workforce metric), when asked for. */
	stemEmployed: BenchmarkValueInput[];
	/** Counts the Census marks as not available (filtered, too few cases): left out, not errors. */
	unavailable: string[];
	geography: string;
	geographyName: string | null;
	vintage: string;
}

/**
 * Maps merged Census tables to benchmark values for one geography with the PSEC mapping. The
 * geography is the population's, or the only one in the data when the population names none.
 */
export function censusValues({
	table,
	year,
	geography,
	withStem,
	mapping = 'psec'
}: {
	table: CensusTable;
	year: number;
	geography: string;
	withStem: boolean;
	mapping?: CensusMappingName;
}): { ok: true; value: CensusImportValues } | { ok: false; problems: ImportProblem[] } {
	let key = geography;
	if (key === '') {
		if (table.rows.length !== 1) {
			const known = table.rows.map((r) => (r.geography.name ? `${r.geography.name} (${r.geography.key})` : r.geography.key));
			return {
				ok: false,
				problems: [
					{
						message: `The data covers ${table.rows.length} places (${known.join(', ') || 'none'}). Set the population’s Census geography (like state:42) so Parity knows which one to use.`
					}
				]
			};
		}
		key = table.rows[0]!.geography.key;
	}
	const measures: BenchmarkMeasure[] = withStem ? ['population_16_plus', 'stem_employed'] : ['population_16_plus'];
	let mapped;
	try {
		mapped = mapBenchmarks({ table, mappings: mappingFor(mapping, measures), geography: key })[0]!;
	} catch (error) {
		if (error instanceof CensusError) return { ok: false, problems: fromCensusProblems(error.problems) };
		throw error;
	}
	const population: BenchmarkValueInput[] = [];
	const stemEmployed: BenchmarkValueInput[] = [];
	const unavailable: string[] = [];
	for (const count of mapped.counts) {
		const groupKey = censusGroupKey(count.group, count.sex);
		if (!groupKey) continue;
		if (count.estimate === null) {
			const reasons = [...new Set(count.unavailable.map((u) => `${u.variable}: ${u.reason}`))].join('; ');
			unavailable.push(`${count.measure === 'stem_employed' ? 'STEM workforce' : 'Population 16+'}, ${groupKey}: ${reasons || 'not available'}`);
			continue;
		}
		const value = { year, groupKey, estimate: count.estimate, moe: count.moe };
		(count.measure === 'stem_employed' ? stemEmployed : population).push(value);
	}
	return {
		ok: true,
		value: {
			population,
			stemEmployed,
			unavailable,
			geography: key,
			geographyName: mapped.geography.name,
			vintage: `ACS ${year} 1-year (${psecSource.dataset}), tables ${[...new Set(mappingFor(mapping, measures).flatMap((m) => m.variables.estimate.map(tableOf)))].join(', ')}`
		}
	};
}

/** Merges tables read from several files; a disagreement between files is a problem, not a crash. */
export function mergeTables(tables: readonly CensusTable[]): { table: CensusTable | null; problems: ImportProblem[] } {
	try {
		return { table: mergeCensusTables(tables), problems: [] };
	} catch (error) {
		if (error instanceof CensusError) return { table: null, problems: fromCensusProblems(error.problems) };
		throw error;
	}
}

/** Values by year, then by group, for the year × group table. */
export function valuesByYear<T extends { year: number; group_key: string }>(values: readonly T[]): { years: number[]; groups: string[]; cell: (year: number, group: string) => T | undefined } {
	const years = [...new Set(values.map((v) => v.year))].sort((a, b) => b - a);
	const groups = [...new Set(values.map((v) => v.group_key))].sort(compareGroupKeys);
	const index = new Map(values.map((v) => [`${v.year}/${v.group_key}`, v]));
	return { years, groups, cell: (year, group) => index.get(`${year}/${group}`) };
}

/** 'all' first, then single groups, then intersections, each alphabetically. */
export function compareGroupKeys(a: string, b: string): number {
	const rank = (k: string) => (k === 'all' ? 0 : k.includes(':') ? 2 : 1);
	return rank(a) - rank(b) || a.localeCompare(b);
}
