/**
 * Reads a participant CSV as a stream: the file is never held whole. Rows are checked one by one
 * and handed on in batches; the caller awaits each batch, so a slow database slows the reading
 * down instead of filling memory. Every problem is counted (the first ones are kept to show).
 */
import { Transform, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ProblemList, readHeader, readParticipantRow, type ParticipantRow } from './participants.js';

export interface StreamProgress {
	bytesRead: number;
	rowsRead: number;
}

export interface StreamOutcome extends StreamProgress {
	problems: ProblemList;
}

export interface StreamOptions {
	/** Called with each batch of valid rows while no problem has been found; awaited. */
	onBatch?: (rows: ParticipantRow[]) => Promise<void>;
	/** Called at most every `progressEvery` rows (and at the end); awaited. */
	onProgress?: (progress: StreamProgress) => Promise<void> | void;
	batchSize?: number;
	progressEvery?: number;
	problemLimit?: number;
}

export async function readParticipantStream(source: Readable, options: StreamOptions = {}): Promise<StreamOutcome> {
	const { onBatch, onProgress, batchSize = 1000, progressEvery = 20_000, problemLimit = 1000 } = options;
	const progress: StreamProgress = { bytesRead: 0, rowsRead: 0 };
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			progress.bytesRead += chunk.length;
			done(null, chunk);
		}
	});
	const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false });
	source.on('error', (error) => counter.destroy(error));
	counter.on('error', (error) => parser.destroy(error));
	source.pipe(counter).pipe(parser);

	const problems = new ProblemList(problemLimit);
	let header: ReturnType<typeof readHeader> | undefined;
	let headerLength = 0;
	let record = 0;
	let batch: ParticipantRow[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		const rows = batch;
		batch = [];
		if (problems.empty && onBatch) await onBatch(rows);
	};

	try {
		for await (const cells of parser as AsyncIterable<string[]>) {
			record++;
			if (!header) {
				header = readHeader(cells);
				headerLength = cells.length;
				problems.add(header.problems);
				// A refused header (e.g. a name column) stops the reading: no row is looked at.
				if (header.problems.length > 0) break;
				continue;
			}
			progress.rowsRead++;
			const { row, problems: rowProblems } = readParticipantRow(cells, header.map, record, headerLength);
			problems.add(rowProblems);
			if (row && problems.empty) {
				batch.push(row);
				if (batch.length >= batchSize) await flush();
			}
			if (onProgress && progress.rowsRead % progressEvery === 0) await onProgress({ ...progress });
		}
	} catch (error) {
		// csv-parse's codes are not all CSV_… (INVALID_OPENING_QUOTE is not): its error class says it.
		if (!(error instanceof CsvError)) throw error;
		problems.add([{ row: record + 1, column: '', value: '', message: `The file is not valid CSV from here on (${(error as Error).message}). Save it again as CSV (UTF-8) and upload that.` }]);
	} finally {
		source.unpipe();
		source.destroy();
	}
	if (!header) problems.add([{ row: 1, column: '', value: '', message: 'The file is empty: it needs a header row and one row per participant.' }]);
	else if (progress.rowsRead === 0 && header.problems.length === 0) {
		problems.add([{ row: 2, column: '', value: '', message: 'The file has a header but no participants.' }]);
	}
	await flush();
	if (onProgress) await onProgress({ ...progress });
	return { ...progress, problems };
}
