/**
 * Spools a multipart upload (a plain HTML form, JavaScript off) to a temporary file as it
 * arrives, so a large participant file never sits in memory; the import then reads the file
 * twice (check, then write). Fields other than the file are small and kept.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { newId } from '../util.js';
import { sniff, type Sniffed } from '../http/uploads.js';

/** The largest participant file a form may upload (about 2 million rows of the template). */
export const MAX_PARTICIPANT_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface SpooledUpload {
	fields: Record<string, string>;
	file: { path: string; name: string; bytes: number } | null;
	tooLarge: boolean;
	/** What the file's first bytes say it is, when that is not text (a spreadsheet, a picture…). */
	notText: Sniffed | null;
	/** The name the file was sent with (also when it was refused). */
	fileName?: string;
}

/** The first bytes kept to tell what the file is. */
const PROBE_BYTES = 64 * 1024;

export async function spoolUpload(request: Request, fileField: string, maxBytes = MAX_PARTICIPANT_UPLOAD_BYTES): Promise<SpooledUpload> {
	const dir = join(tmpdir(), 'parity-uploads');
	await mkdir(dir, { recursive: true });
	const fields: Record<string, string> = {};
	let file: SpooledUpload['file'] = null;
	let tooLarge = false;
	const probe: Buffer[] = [];
	const writes: Promise<void>[] = [];
	const parser = busboy({ headers: Object.fromEntries(request.headers), limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
	parser.on('field', (name, value) => {
		fields[name] = value;
	});
	parser.on('file', (name, stream, info) => {
		if (name !== fileField || !info.filename) {
			stream.resume();
			return;
		}
		const path = join(dir, `${newId()}.csv`);
		const spooled = { path, name: info.filename.slice(0, 200), bytes: 0 };
		stream.on('data', (chunk: Buffer) => {
			if (spooled.bytes < PROBE_BYTES) probe.push(chunk.subarray(0, PROBE_BYTES - spooled.bytes));
			spooled.bytes += chunk.length;
		});
		stream.on('limit', () => (tooLarge = true));
		file = spooled;
		writes.push(pipeline(stream, createWriteStream(path)));
	});
	if (!request.body) return { fields, file: null, tooLarge: false, notText: null };
	await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
	await Promise.all(writes);
	const spooled = file as SpooledUpload['file'];
	const kind = sniff(new Uint8Array(Buffer.concat(probe)), { partial: true });
	const notText = kind === 'text' || kind === 'empty' ? null : kind;
	if (spooled && (tooLarge || spooled.bytes === 0 || notText)) {
		await rm(spooled.path, { force: true });
		return { fields, file: null, tooLarge, notText, fileName: spooled.name };
	}
	return { fields, file: spooled, tooLarge, notText };
}
