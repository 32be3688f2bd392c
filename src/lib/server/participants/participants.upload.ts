/**
 * Receives a multipart upload (a plain HTML form, JavaScript off) and hands the file to a sink as
 * it arrives, in pieces of about 1 MB, so a large participant file never sits in memory and never
 * touches the receiving server's disk: the web upload's sink stores it in the database, where any
 * server's import job can read it (participants.queue.ts). Fields other than the file are small
 * and kept. A refused file (too large, not text, empty, cut off) is discarded from the sink.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { sniff, type Sniffed } from '../http/uploads.js';

/** The largest participant file a form may upload (about 2 million rows of the template). */
export const MAX_PARTICIPANT_UPLOAD_BYTES = 200 * 1024 * 1024;

/** The size of the pieces a file is stored in (the last one is smaller). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Where an arriving file goes. */
export interface UploadSink {
	/** The file starts: returns the id its pieces are stored under. */
	begin(fileName: string): Promise<string>;
	chunk(id: string, seq: number, bytes: Buffer): Promise<void>;
	/** The file was refused or the upload failed: everything stored under `id` goes. */
	discard(id: string): Promise<void>;
}

export interface ReceivedUpload {
	fields: Record<string, string>;
	/** The stored file: its id in the sink, the name it was sent with and its size. */
	file: { id: string; name: string; bytes: number } | null;
	tooLarge: boolean;
	/** What the file's first bytes say it is, when that is not text (a spreadsheet, a picture…). */
	notText: Sniffed | null;
	/** The name the file was sent with (also when it was refused). */
	fileName?: string;
}

/** The first bytes kept to tell what the file is. */
const PROBE_BYTES = 64 * 1024;

export async function receiveUpload(request: Request, fileField: string, sink: UploadSink, maxBytes = MAX_PARTICIPANT_UPLOAD_BYTES, chunkBytes = UPLOAD_CHUNK_BYTES): Promise<ReceivedUpload> {
	const fields: Record<string, string> = {};
	let tooLarge = false;
	let notText: Sniffed | null = null;
	let received: { id: string | null; name: string; bytes: number } | null = null;
	const storing: Promise<void>[] = [];
	const parser = busboy({ headers: Object.fromEntries(request.headers), limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
	parser.on('field', (name, value) => {
		fields[name] = value;
	});
	parser.on('file', (name, stream, info) => {
		if (name !== fileField || !info.filename) {
			stream.resume();
			return;
		}
		const file = { id: null as string | null, name: info.filename.slice(0, 200), bytes: 0 };
		received = file;
		stream.on('limit', () => (tooLarge = true));
		storing.push(
			(async () => {
				let pending: Buffer[] = [];
				let pendingBytes = 0;
				let seq = 0;
				let failure: unknown;
				/** Stores `bytes` bytes of what is pending as one piece (all of it at the end). */
				const flush = async (bytes: number) => {
					const all = Buffer.concat(pending, pendingBytes);
					const piece = all.subarray(0, bytes);
					pending = bytes < all.length ? [all.subarray(bytes)] : [];
					pendingBytes = all.length - piece.length;
					if (seq === 0) {
						const kind = sniff(new Uint8Array(piece.subarray(0, PROBE_BYTES)), { partial: true });
						if (kind !== 'text' && kind !== 'empty') notText = kind;
					}
					if (notText || tooLarge) return;
					file.id ??= await sink.begin(file.name);
					await sink.chunk(file.id, seq, piece);
					seq += 1;
				};
				// Awaiting each store pauses the file stream, and with it the request: memory stays bounded.
				for await (const data of stream as AsyncIterable<Buffer>) {
					file.bytes += data.length;
					if (failure || notText || tooLarge) continue; // read on to the end, storing nothing more
					pending.push(data);
					pendingBytes += data.length;
					while (!failure && pendingBytes >= chunkBytes) await flush(chunkBytes).catch((error: unknown) => (failure = error));
				}
				if (!failure && pendingBytes > 0 && !notText && !tooLarge) await flush(pendingBytes).catch((error: unknown) => (failure = error));
				if (failure) throw failure;
			})()
		);
	});
	const discard = async () => {
		const file = received as { id: string | null } | null;
		if (file?.id) await sink.discard(file.id);
	};
	try {
		if (request.body) await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
		await Promise.all(storing);
	} catch (error) {
		await Promise.allSettled(storing);
		await discard();
		throw error;
	}
	const file = received as { id: string | null; name: string; bytes: number } | null;
	if (!file) return { fields, file: null, tooLarge: false, notText: null };
	if (tooLarge || notText || file.bytes === 0 || !file.id) {
		await discard();
		return { fields, file: null, tooLarge, notText, fileName: file.name };
	}
	return { fields, file: { id: file.id, name: file.name, bytes: file.bytes }, tooLarge, notText };
}
