/**
 * The reading half of a participant import: bytes of a CSV file in, messages out (groups of valid
 * rows, packed; problems; progress). No I/O and no database: it runs in a worker thread for a
 * large file (participants.worker.ts), so checking rows and packing them takes the second core
 * while the import's own thread counts people and stores groups, or in the calling thread for a
 * small one. Both go through this one class, so they cannot disagree.
 *
 * Every problem is reported, in row order, up to `problemLimit` in full and the rest as a count
 * (a file wrong on every row must not send a million messages). Once the header is refused no row
 * is read (`stop`).
 */
import { StringDecoder } from 'node:string_decoder';
import { CsvSyntaxError, CsvTokenizer } from './participants.csv.js';
import { CODES_PER_ROW, participantRowReader, readHeader, type ParticipantRow, type ParticipantRowReader, type RowProblem } from './participants.js';
import { ParticipantBatchEncoder, PARTICIPANT_BATCH_ROWS, type ReadGroup } from './participants.batch.js';

export type ReaderMessage =
	/** Up to `groupRows` consecutive valid rows; `payload` is null once a problem has been found (nothing will be stored). */
	| { type: 'group'; group: ReadGroup }
	/** Problems in row order; `more` were found after the first `problemLimit` and are only counted. */
	| { type: 'problems'; problems: RowProblem[]; more: number }
	| { type: 'progress'; bytesRead: number; rowsRead: number }
	/** The header was refused: send no more bytes. */
	| { type: 'stop' }
	/** After `end()`: everything has been reported. */
	| { type: 'done'; bytesRead: number; rowsRead: number };

export interface ReaderOptions {
	groupRows?: number;
	progressEvery?: number;
	problemLimit?: number;
}

export class ParticipantFileReader {
	private readonly decoder = new StringDecoder('utf8');
	private readonly tokenizer = new CsvTokenizer();
	private readonly encoder = new ParticipantBatchEncoder();
	private readonly records: string[][] = [];
	private readonly found: RowProblem[] = [];
	private readonly groupRows: number;
	private readonly progressEvery: number;
	private readonly problemLimit: number;
	private header: ReturnType<typeof readHeader> | undefined;
	private read: ParticipantRowReader | undefined;
	private rows: ParticipantRow[] = [];
	private codes: Int32Array;
	private record = 0;
	private rowsRead = 0;
	private bytesRead = 0;
	private problemsSent = 0;
	private stopped = false;

	constructor(
		private readonly emit: (message: ReaderMessage) => void,
		{ groupRows = PARTICIPANT_BATCH_ROWS, progressEvery = 20_000, problemLimit = 1000 }: ReaderOptions = {}
	) {
		this.groupRows = groupRows;
		this.progressEvery = progressEvery;
		this.problemLimit = problemLimit;
		this.codes = new Int32Array(groupRows * CODES_PER_ROW);
	}

	/** Reads the next bytes of the file; false once no more are wanted (the header was refused). */
	push(bytes: Uint8Array): boolean {
		if (this.stopped) return false;
		this.bytesRead += bytes.length;
		try {
			this.tokenizer.push(this.decoder.write(bytes as Buffer), false, this.records);
		} catch (error) {
			this.broken(error);
			return false;
		}
		this.take();
		return !this.stopped;
	}

	/** The end of the file. */
	end(): void {
		if (!this.stopped) {
			try {
				this.tokenizer.push(this.decoder.end(), true, this.records);
				this.take();
			} catch (error) {
				this.broken(error);
			}
		}
		this.flush();
		if (!this.header) this.problems([{ row: 1, column: '', value: '', message: 'The file is empty: it needs a header row and one row per participant.' }]);
		else if (this.rowsRead === 0 && this.header.problems.length === 0) {
			this.problems([{ row: 2, column: '', value: '', message: 'The file has a header but no participants.' }]);
		}
		this.emit({ type: 'progress', bytesRead: this.bytesRead, rowsRead: this.rowsRead });
		this.emit({ type: 'done', bytesRead: this.bytesRead, rowsRead: this.rowsRead });
	}

	private broken(error: unknown): void {
		if (!(error instanceof CsvSyntaxError)) throw error;
		// Rows before the broken spot are checked as usual; the rest cannot be read.
		this.take();
		this.flush();
		this.problems([{ row: this.record + 1, column: '', value: '', message: `The file is not valid CSV from here on (${error.message}). Save it again as CSV (UTF-8) and upload that.` }]);
		this.stopped = true;
	}

	/** Checks the records tokenized so far. */
	private take(): void {
		const records = this.records;
		for (let i = 0; i < records.length && !this.stopped; i++) {
			const cells = records[i]!;
			this.record++;
			if (!this.header) {
				this.header = readHeader(cells);
				if (this.header.problems.length > 0) {
					this.problems(this.header.problems);
					this.stopped = true;
					this.emit({ type: 'stop' });
					break;
				}
				this.read = participantRowReader(this.header.map, cells.length);
				continue;
			}
			this.rowsRead++;
			const row = this.read!(cells, this.record, this.found, this.codes, this.rows.length * CODES_PER_ROW);
			if (this.found.length > 0) {
				// A gap in the rows: the group so far is handed on first, so everything stays in row order.
				this.flush();
				this.problems(this.found);
				this.found.length = 0;
			} else if (row) {
				this.rows.push(row);
				if (this.rows.length >= this.groupRows) this.flush();
			}
			if (this.rowsRead % this.progressEvery === 0) this.emit({ type: 'progress', bytesRead: this.bytesRead, rowsRead: this.rowsRead });
		}
		records.length = 0;
	}

	private flush(): void {
		const rows = this.rows;
		if (rows.length === 0) return;
		const group = this.encoder.group(rows, this.codes, 0, rows.length, this.problemsSent === 0, this.read);
		this.rows = [];
		this.emit({ type: 'group', group });
	}

	private problems(list: readonly RowProblem[]): void {
		const room = Math.max(0, this.problemLimit - this.problemsSent);
		const shown = list.slice(0, room);
		this.problemsSent += list.length;
		this.emit({ type: 'problems', problems: shown, more: list.length - shown.length });
	}
}
