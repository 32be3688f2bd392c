/**
 * Reads a participant CSV as a stream: the file is never held whole. Rows are checked one by one
 * and handed on in batches; the caller awaits each batch, so a slow database slows the reading
 * down instead of filling memory. Every problem is counted (the first ones are kept to show);
 * once one is found no more batches are handed on, but the reading goes on to find the others.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { CsvSyntaxError, CsvTokenizer } from './participants.csv.js';
import { ProblemList, participantRowReader, readHeader, type ParticipantRow, type PeopleCounter, type RowProblem } from './participants.js';

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
	/** Called once, when the first problem is found (not awaited: the reading goes on). */
	onProblem?: () => void;
	/** Called at most every `progressEvery` rows (and at the end); awaited. */
	onProgress?: (progress: StreamProgress) => Promise<void> | void;
	/** Counts people as rows go by, adding a problem for each row that disagrees with its person's first row. */
	people?: PeopleCounter;
	batchSize?: number;
	progressEvery?: number;
	problemLimit?: number;
}

export async function readParticipantStream(source: Readable, options: StreamOptions = {}): Promise<StreamOutcome> {
	const { onBatch, onProblem, onProgress, people, batchSize = 1000, progressEvery = 20_000, problemLimit = 1000 } = options;
	const progress: StreamProgress = { bytesRead: 0, rowsRead: 0 };
	const decoder = new StringDecoder('utf8');
	const tokenizer = new CsvTokenizer();
	const problems = new ProblemList(problemLimit);
	const addProblems = (list: readonly RowProblem[]) => {
		if (list.length === 0) return;
		const first = problems.empty;
		problems.add(list);
		if (first) onProblem?.();
	};
	const found: RowProblem[] = [];
	let header: ReturnType<typeof readHeader> | undefined;
	let read: ReturnType<typeof participantRowReader> | undefined;
	let record = 0;
	let stop = false;
	let batch: ParticipantRow[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		const rows = batch;
		batch = [];
		if (problems.empty && onBatch) await onBatch(rows);
	};

	const records: string[][] = [];
	/** Checks the records tokenized so far; false once the header is refused (no row is looked at). */
	const take = async () => {
		for (let i = 0; i < records.length; i++) {
			const cells = records[i]!;
			record++;
			if (!header) {
				header = readHeader(cells);
				addProblems(header.problems);
				if (header.problems.length > 0) return false;
				read = participantRowReader(header.map, cells.length);
				continue;
			}
			progress.rowsRead++;
			const row = read!(cells, record, found);
			if (row && people) people.add(row, found);
			if (found.length > 0) {
				addProblems(found);
				found.length = 0;
			} else if (row && problems.empty) {
				batch.push(row);
				if (batch.length >= batchSize) await flush();
			}
			if (onProgress && progress.rowsRead % progressEvery === 0) await onProgress({ ...progress });
		}
		records.length = 0;
		return true;
	};

	try {
		for await (const chunk of source as AsyncIterable<Buffer>) {
			progress.bytesRead += chunk.length;
			tokenizer.push(decoder.write(chunk), false, records);
			if (!(await take())) {
				stop = true;
				break;
			}
		}
		if (!stop) {
			tokenizer.push(decoder.end(), true, records);
			await take();
		}
	} catch (error) {
		if (!(error instanceof CsvSyntaxError)) throw error;
		// Rows before the broken spot are checked as usual; the rest cannot be read.
		await take();
		addProblems([{ row: record + 1, column: '', value: '', message: `The file is not valid CSV from here on (${error.message}). Save it again as CSV (UTF-8) and upload that.` }]);
	} finally {
		source.destroy();
	}
	if (!header) addProblems([{ row: 1, column: '', value: '', message: 'The file is empty: it needs a header row and one row per participant.' }]);
	else if (progress.rowsRead === 0 && header.problems.length === 0) {
		addProblems([{ row: 2, column: '', value: '', message: 'The file has a header but no participants.' }]);
	}
	await flush();
	if (onProgress) await onProgress({ ...progress });
	return { ...progress, problems };
}
