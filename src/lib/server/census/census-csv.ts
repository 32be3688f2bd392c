/**
 * Census tables in CSV, streamed with bounded memory into the same `CensusTable` as the JSON parser
 * (census.ts), so one variable mapping applies to both.
 *
 * The layout is the Census Data API's `group(<TABLE>)` answer written as CSV:
 *
 *   GEO_ID,C23002B_001E,C23002B_001M,…,NAME,…,C23002B_027MA,state
 *   0400000US42,1112219,3377,…,Pennsylvania,…,null,42
 *
 * Columns are read by name, never by position: their order differs between files, `GEO_ID` and
 * `NAME` are missing from the 2016 files, and the 2016 files carry every `…M` column twice (the
 * copies must agree). `null` means no value. Rows and columns in problems are 1-based, the header
 * being row 1, so they match what a spreadsheet shows.
 */
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { CensusFormatError, createCensusTableBuilder, type CensusProblem, type CensusTable, type CensusTableBuilder } from './census.js';

export type CsvSource = string | Uint8Array | Readable | AsyncIterable<string | Uint8Array>;

const toReadable = (source: CsvSource): Readable =>
	source instanceof Readable ? source : typeof source === 'string' || source instanceof Uint8Array ? Readable.from([source]) : Readable.from(source);

/** The line a record starts on: csv-parse reports the line it ends on, and quoted values may span lines. */
function startLine(record: readonly string[], endLine: number): number {
	let inner = 0;
	for (const value of record) inner += value.match(/\r\n|\r|\n/g)?.length ?? 0;
	return endLine - inner;
}

/**
 * Streams CSV records into `onRecord` as they are parsed (each record is dropped afterwards, so
 * memory stays bounded); a CSV syntax error becomes a plain-language problem, after the records
 * read before it.
 */
async function streamRecords(source: CsvSource, onRecord: (record: string[], row: number) => void): Promise<CensusProblem | null> {
	const parser = parse({
		bom: true,
		relax_column_count: true,
		skip_empty_lines: true,
		on_record: (record: string[], context) => {
			onRecord(record, startLine(record, context.lines));
			return null;
		}
	});
	const discard = new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() });
	try {
		await pipeline(toReadable(source), parser, discard);
		return null;
	} catch (error) {
		if (error instanceof CsvError) return syntaxProblem(error);
		throw error;
	}
}

function syntaxProblem(error: CsvError): CensusProblem {
	const row = typeof error.lines === 'number' ? error.lines : undefined;
	const where = row === undefined ? 'The file' : `Row ${row}`;
	const message =
		error.code === 'CSV_QUOTE_NOT_CLOSED'
			? `A quoted value is never closed: a " opens a value that runs to the end of the file (last row read: ${row ?? 'unknown'}).`
			: error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
				? `${where}: a quote appears inside a value. Put a value containing quotes inside quotes and write each inner quote twice ("").`
				: `${where} is not valid CSV (${error.message}).`;
	return { code: 'csv_syntax', ...(row === undefined ? {} : { row }), message };
}

/**
 * Reads a Census-layout CSV (a string, bytes or a stream). Throws `CensusFormatError` listing every
 * problem (up to `maxProblems`) with its row and column.
 */
export async function readCensusCsv(source: CsvSource, { maxProblems }: { maxProblems?: number } = {}): Promise<CensusTable> {
	let builder: CensusTableBuilder | undefined;
	const syntax = await streamRecords(source, (record, row) => {
		if (builder) builder.add(record, row);
		else builder = createCensusTableBuilder({ header: record, maxProblems });
	});
	if (!builder) {
		throw new CensusFormatError([
			syntax ?? { code: 'no_header', row: 1, message: 'The file is empty: the first row must name the columns, like GEO_ID,C23001_001E,C23001_001M,…,state.' }
		]);
	}
	if (syntax) builder.problem(syntax);
	return builder.finish();
}

/** Reads a Census-layout CSV file from disk, streaming it. */
export function readCensusCsvFile(path: string, options: { maxProblems?: number } = {}): Promise<CensusTable> {
	return readCensusCsv(createReadStream(path), options);
}

/**
 * Reads a Census legend CSV (`VARIABLE,TYPE,LABEL,GROUP`) into variable → label, for `checkLabels`.
 */
export async function readCensusLegendCsv(source: CsvSource): Promise<Record<string, string>> {
	const labels: Record<string, string> = {};
	const problems: CensusProblem[] = [];
	let columns: { variable: number; label: number } | null | undefined;
	const syntax = await streamRecords(source, (record, row) => {
		if (columns === undefined) {
			const variable = record.indexOf('VARIABLE');
			const label = record.indexOf('LABEL');
			columns = variable === -1 || label === -1 ? null : { variable, label };
			if (!columns) problems.push({ code: 'bad_header', row, message: `Row ${row} (the header) must have VARIABLE and LABEL columns.` });
			return;
		}
		if (!columns) return;
		const variable = record[columns.variable];
		const label = record[columns.label];
		if (variable === undefined || label === undefined) {
			problems.push({ code: 'row_length', row, message: `Row ${row} has ${record.length} values, too few for the VARIABLE and LABEL columns.` });
			return;
		}
		labels[variable] = label;
	});
	if (syntax) problems.push(syntax);
	if (columns === undefined) problems.push({ code: 'no_header', row: 1, message: 'The legend file is empty.' });
	if (problems.length > 0) throw new CensusFormatError(problems);
	return labels;
}
