/**
 * Reads a participant CSV as a stream: the file is never held whole. The reading proper (checking
 * rows, packing them into groups: participants.reader.ts) runs in a worker thread when asked
 * (`thread: 'worker'`, for large files) or in this thread; either way this side counts the people
 * of each group and hands groups on to be stored, awaiting each one, so a slow database slows the
 * reading down instead of filling memory (at most READ_AHEAD chunks are with the reader).
 *
 * Every problem is counted (the first ones are kept to show); once one is found no more groups are
 * handed on, but the reading goes on to find the others.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { ProblemList, type PeopleCounter, type RowProblem } from './participants.js';
import type { EncodedBatch } from './participants.batch.js';
import { ParticipantFileReader, type ReaderMessage, type ReaderOptions } from './participants.reader.js';
import { participantWorkerSource } from './worker-source.generated.js';

export interface StreamProgress {
	bytesRead: number;
	rowsRead: number;
}

export interface StreamOutcome extends StreamProgress {
	problems: ProblemList;
}

export interface StreamOptions {
	/** Called with each group of valid rows, packed, while no problem has been found; awaited. */
	onBatch?: (batch: EncodedBatch) => Promise<void>;
	/** Called once, when the first problem is found (not awaited: the reading goes on). */
	onProblem?: () => void;
	/** Called at most every `progressEvery` rows (and at the end); awaited. */
	onProgress?: (progress: StreamProgress) => Promise<void> | void;
	/** Counts people as groups go by, adding a problem for each row that disagrees with its person's first row. */
	people?: PeopleCounter;
	/** Where the rows are read: 'worker' (a thread of its own, for large files) or 'inline' (this thread). */
	thread?: 'worker' | 'inline';
	batchSize?: number;
	progressEvery?: number;
	problemLimit?: number;
}

/** Chunks sent to the reader and not yet read: enough to keep it busy, few enough to bound memory. */
const READ_AHEAD = 4;

type Incoming = ReaderMessage | { type: 'taken' } | { type: 'failed'; message: string };

/** The reader's side, in a worker or in this thread: bytes go in, messages come out in order. */
interface ReaderChannel {
	send(bytes: Uint8Array): void;
	end(): void;
	next(): Promise<Incoming>;
	/** Whether a message is waiting (next() would not wait). */
	ready(): boolean;
	close(): Promise<void>;
}

class Inbox {
	private readonly items: Incoming[] = [];
	private waiting: ((message: Incoming) => void) | undefined;
	push(message: Incoming): void {
		const waiting = this.waiting;
		if (waiting) {
			this.waiting = undefined;
			waiting(message);
		} else this.items.push(message);
	}
	next(): Promise<Incoming> {
		const item = this.items.shift();
		if (item) return Promise.resolve(item);
		return new Promise((resolve) => (this.waiting = resolve));
	}
	get ready(): boolean {
		return this.items.length > 0;
	}
}

function inlineReader(options: ReaderOptions): ReaderChannel {
	const inbox = new Inbox();
	const reader = new ParticipantFileReader((message) => inbox.push(message), options);
	return {
		send(bytes) {
			reader.push(bytes);
			inbox.push({ type: 'taken' });
		},
		end: () => reader.end(),
		next: () => inbox.next(),
		ready: () => inbox.ready,
		close: async () => {}
	};
}

function workerReader(options: ReaderOptions): ReaderChannel {
	const inbox = new Inbox();
	// A young generation of 16 MB: with V8's default the two threads together peaked past 300 MB on
	// a 1M-row import (now about 250 MB), and 4 MB made it slower and larger (rows promoted to the old space).
	const worker = new Worker(participantWorkerSource, { eval: true, workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
	let closing = false;
	worker.on('message', (message: Incoming) => inbox.push(message));
	worker.on('error', (error) => inbox.push({ type: 'failed', message: error.stack ?? error.message }));
	worker.on('exit', (code) => {
		if (!closing) inbox.push({ type: 'failed', message: `the reading thread stopped (exit code ${code})` });
	});
	return {
		send(bytes) {
			// A copy of just these bytes moves to the worker (a chunk may be a view on a larger buffer).
			const copy = new Uint8Array(bytes);
			worker.postMessage({ type: 'bytes', bytes: copy }, [copy.buffer]);
		},
		end: () => worker.postMessage({ type: 'end' }),
		next: () => inbox.next(),
		ready: () => inbox.ready,
		close: async () => {
			closing = true;
			await worker.terminate();
		}
	};
}

export async function readParticipantStream(source: Readable, options: StreamOptions = {}): Promise<StreamOutcome> {
	const { onBatch, onProblem, onProgress, people, thread = 'inline', batchSize, progressEvery, problemLimit = 1000 } = options;
	const problems = new ProblemList(problemLimit);
	const readerOptions: ReaderOptions = { groupRows: batchSize, progressEvery, problemLimit };
	const channel = thread === 'worker' ? workerReader(readerOptions) : inlineReader(readerOptions);
	const addProblems = (list: readonly RowProblem[], more = 0) => {
		if (list.length === 0 && more === 0) return;
		const first = problems.empty;
		problems.add(list);
		problems.total += more;
		if (first) onProblem?.();
	};
	const conflicts: RowProblem[] = [];
	let sent = 0;
	let taken = 0;
	let stopped = false;
	let done: StreamProgress | undefined;

	const handle = async (message: Incoming) => {
		switch (message.type) {
			case 'group': {
				const { group } = message;
				if (people) {
					people.addGroup(group, conflicts);
					addProblems(conflicts);
					conflicts.length = 0;
				}
				if (problems.empty && onBatch && group.payload !== null) {
					await onBatch({ firstRowNumber: group.firstRowNumber, rowCount: group.rowCount, payload: group.payload });
				}
				return;
			}
			case 'problems':
				return addProblems(message.problems, message.more);
			case 'progress':
				await onProgress?.({ bytesRead: message.bytesRead, rowsRead: message.rowsRead });
				return;
			case 'stop':
				stopped = true;
				return;
			case 'taken':
				taken++;
				return;
			case 'done':
				done = { bytesRead: message.bytesRead, rowsRead: message.rowsRead };
				return;
			case 'failed':
				throw new Error(`reading the participant file failed: ${message.message}`);
		}
	};

	try {
		for await (const chunk of source as AsyncIterable<Buffer>) {
			channel.send(chunk);
			sent++;
			// Take in what has come back; wait while the reader is READ_AHEAD chunks behind.
			while (!stopped && (channel.ready() || sent - taken >= READ_AHEAD)) await handle(await channel.next());
			if (stopped) break;
		}
		channel.end();
		while (!done) await handle(await channel.next());
	} finally {
		source.destroy();
		await channel.close();
	}
	return { ...done, problems };
}
