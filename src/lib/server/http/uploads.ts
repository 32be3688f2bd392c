/**
 * Every upload Parity takes goes through here: the body is refused past its limit before it is
 * buffered (server.js refuses it even earlier, from the same table in upload-limits.js); what a
 * file is comes from its first bytes, never its name or the browser's claim; and a picture's
 * declared size is read from its header before a pixel is decoded, so a small file declaring an
 * enormous picture (an "image bomb") is refused without the memory it asks for.
 */
import sharp from 'sharp';
import { error } from '@sveltejs/kit';
import { FORM_OVERHEAD_BYTES, UPLOADS } from './upload-limits.js';
import { scanUploadedFiles } from './virus-scan.js';

export { FORM_OVERHEAD_BYTES, UPLOADS, requestLimitFor } from './upload-limits.js';

/** What a file's first bytes say it is. `text`: UTF-8 (with or without BOM), no NUL bytes. */
export type Sniffed = 'pdf' | 'png' | 'jpeg' | 'webp' | 'gif' | 'zip' | 'gzip' | 'text' | 'binary' | 'empty';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/**
 * What the bytes are. `partial`: they are only the start of a longer file (a spooled upload), so a
 * multi-byte character cut at their end is not counted against the text.
 */
export function sniff(bytes: Uint8Array, { partial = false }: { partial?: boolean } = {}): Sniffed {
	if (bytes.length === 0) return 'empty';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
	if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
	if (bytes.includes(0)) return 'binary';
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
		return 'text';
	} catch {
		return 'binary';
	}
}

/** What the bytes are, in words for a message: "“roster.png” is really plain text". */
export const sniffedName: Record<Sniffed, string> = {
	pdf: 'a PDF document',
	png: 'a PNG image',
	jpeg: 'a JPEG image',
	webp: 'a WebP image',
	gif: 'a GIF image',
	zip: 'a ZIP archive (or an Office document)',
	gzip: 'a compressed (gzip) archive',
	text: 'plain text',
	binary: 'binary data that is not text',
	empty: 'empty'
};

/** Office documents are ZIP archives: once the ZIP signature matches, the extension tells which. */
export const OFFICE_TYPES: Readonly<Record<string, string>> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
};

export const IMAGE_KINDS = ['png', 'jpeg', 'webp'] as const satisfies readonly Sniffed[];
export type ImageKind = (typeof IMAGE_KINDS)[number];
export const isImage = (kind: Sniffed): kind is ImageKind => (IMAGE_KINDS as readonly Sniffed[]).includes(kind);

/** Decoding more than this many pixels is refused (a 40-megapixel phone photo still fits). */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type ImageProblem = { problem: 'too_many_pixels'; width: number; height: number } | { problem: 'unreadable' };

/**
 * Reads a picture's header only (sharp's metadata decodes no pixels) and refuses one that declares
 * more than `maxPixels`, or whose header cannot be read or is of another format than its bytes.
 * Null: the picture may be decoded (with `limitInputPixels` set, as a second guard).
 */
export async function imageProblem(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): Promise<ImageProblem | null> {
	const kind = sniff(bytes);
	if (!isImage(kind)) return { problem: 'unreadable' };
	let header;
	try {
		header = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
	} catch {
		return { problem: 'unreadable' };
	}
	if (!header.width || !header.height || header.format !== kind) return { problem: 'unreadable' };
	if (header.width * header.height > maxPixels) return { problem: 'too_many_pixels', width: header.width, height: header.height };
	return null;
}

/** The plain-language refusal of a picture, for uploads whose messages are in English. */
export function imageProblemMessage(problem: ImageProblem): string {
	if (problem.problem === 'too_many_pixels') {
		return `The picture says it is ${problem.width.toLocaleString('en-US')} × ${problem.height.toLocaleString('en-US')} pixels, more than the ${MAX_IMAGE_PIXELS / 1_000_000} million pixels Parity opens. Resize it and upload it again.`;
	}
	return 'The picture cannot be opened: it may be damaged. Export it again as PNG or JPEG.';
}

/**
 * A file that must be text (a CSV, a JSON document): null when it is, otherwise what to tell the
 * person, naming what the bytes really are.
 */
export function textFileProblem(bytes: Uint8Array, fileName: string, expected: string): string | null {
	const kind = sniff(bytes);
	return kind === 'text' || kind === 'empty' ? null : notTextMessage(kind, fileName, expected);
}

/** "“roster.png” is a PNG image, not a CSV file…": what the bytes are, in plain words. */
export function notTextMessage(kind: Sniffed, fileName: string, expected: string): string {
	const name = fileName ? `“${fileName.split(/[\\/]/).pop()}”` : 'The file';
	return `${name} is ${sniffedName[kind]}, not ${expected}. Its name does not decide what it is: choose the ${expected.replace(/^an? /, '')} itself, saved as text (UTF-8).`;
}

/** The largest file (or files, together) an upload takes, from the shared table. */
export function uploadLimit(name: string): number {
	const upload = UPLOADS.find((u) => u.name === name);
	if (!upload) throw new Error(`No upload is named "${name}" in upload-limits.js`);
	return upload.bytes;
}

/**
 * Reads a multipart (or urlencoded) form of at most `maxBytes` plus the form overhead. A body
 * declaring more is refused without reading it; a body without a declared length is counted as
 * it arrives and abandoned once past the limit. Null: too large (answer 413). A body that is not
 * a readable form answers 400 with a plain message, never a 500.
 */
export async function readLimitedForm(request: Request, maxBytes: number): Promise<FormData | null> {
	const limit = maxBytes + FORM_OVERHEAD_BYTES;
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) return null;
	if (!request.body) return scanned(await parsedForm(request));
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			// Past the limit the rest is read and dropped (never kept), so the sender gets the answer;
			// server.js cuts off a body that goes on far past the route's limit.
			if (size <= limit) chunks.push(value);
		}
	} catch {
		return null; // the body was cut off (server.js refused it, or the sender went away)
	}
	if (size > limit) return null;
	const body = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		body.set(chunk, at);
		at += chunk.byteLength;
	}
	return scanned(await parsedForm(new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } })));
}

/** Every upload form passes the virus scanner, when one is configured, before any route sees it. */
async function scanned(form: FormData): Promise<FormData> {
	await scanUploadedFiles(form);
	return form;
}

async function parsedForm(body: Request | Response): Promise<FormData> {
	try {
		return await body.formData();
	} catch {
		error(400, 'The form could not be read: send it again from the page.');
	}
}

/** The bytes of an uploaded file field, or null when none was chosen. */
export async function uploadedFile(form: FormData, field: string): Promise<{ name: string; bytes: Uint8Array } | null> {
	const entry = form.get(field);
	if (!entry || typeof entry === 'string' || entry.size === 0) return null;
	return { name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) };
}
