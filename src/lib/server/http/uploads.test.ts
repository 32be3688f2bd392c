import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { bombPng } from '../testing/image-bomb.js';
import { FORM_OVERHEAD_BYTES, MAX_IMAGE_PIXELS, UPLOADS, imageProblem, readLimitedForm, requestLimitFor, sniff, textFileProblem, uploadLimit } from './uploads.js';
import { DEFAULT_REQUEST_LIMIT, tooLargePage } from './upload-limits.js';

const bytes = (...values: (number | string)[]) => new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('sniff: what a file is comes from its bytes, never its name', () => {
	it.each([
		{ label: 'PDF', file: bytes('%PDF-1.7\n'), expected: 'pdf' },
		{ label: 'PNG', file: bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), expected: 'png' },
		{ label: 'JPEG', file: bytes(0xff, 0xd8, 0xff, 0xe0), expected: 'jpeg' },
		{ label: 'WebP', file: bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), expected: 'webp' },
		{ label: 'a RIFF that is not WebP (WAV)', file: bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), expected: 'binary' },
		{ label: 'GIF', file: bytes('GIF89a'), expected: 'gif' },
		{ label: 'ZIP / Office', file: bytes('PK', 3, 4, 20), expected: 'zip' },
		{ label: 'gzip', file: bytes(0x1f, 0x8b, 8, 0), expected: 'gzip' },
		{ label: 'CSV', file: utf8('name,school\nAna,Lincoln\n'), expected: 'text' },
		{ label: 'CSV with a BOM and CRLF', file: utf8('\ufeffa,b\r\n1,2\r\n'), expected: 'text' },
		{ label: 'JSON with accents', file: utf8('{"name":"Niños en acción"}'), expected: 'text' },
		{ label: 'UTF-16 text (NUL bytes)', file: bytes(0xff, 0xfe, 'a', 0, ',', 0, 'b', 0), expected: 'binary' },
		{ label: 'Latin-1 text', file: bytes('caf', 0xe9), expected: 'binary' },
		{ label: 'a Windows program', file: bytes('MZ', 0x90, 0), expected: 'binary' },
		{ label: 'two bytes of a JPEG', file: bytes(0xff, 0xd8), expected: 'binary' },
		{ label: 'nothing', file: bytes(), expected: 'empty' }
	])('$label → $expected', ({ file, expected }) => {
		expect(sniff(file)).toBe(expected);
	});

	it('a UTF-8 character cut at the end of a probe is text only when the bytes are a prefix', () => {
		const cut = utf8('a,ñ').subarray(0, 3);
		expect(sniff(cut)).toBe('binary');
		expect(sniff(cut, { partial: true })).toBe('text');
	});
});

describe('textFileProblem names what the bytes really are', () => {
	it.each([
		{ name: 'roster.csv', file: bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a), expected: /^“roster\.csv” is a PNG image, not a CSV file\./ },
		{ name: 'C:\\exports\\counts.csv', file: bytes('PK', 3, 4), expected: /^“counts\.csv” is a ZIP archive \(or an Office document\), not a CSV file/ },
		{ name: '', file: bytes('%PDF-1.4'), expected: /^The file is a PDF document, not a CSV file/ }
	])('$name', ({ name, file, expected }) => {
		expect(textFileProblem(file, name, 'a CSV file')).toMatch(expected);
	});
	it('text passes', () => expect(textFileProblem(utf8('a,b\n'), 'a.png', 'a CSV file')).toBeNull());
});

describe('imageProblem reads the declared size before decoding', () => {
	it('refuses an image bomb: a small file declaring 100,000 × 100,000 pixels', async () => {
		const bomb = bombPng(100_000, 100_000);
		expect(bomb.length).toBeLessThan(2_000);
		expect(await imageProblem(bomb)).toEqual({ problem: 'too_many_pixels', width: 100_000, height: 100_000 });
	});
	it('takes a picture at the limit and refuses one pixel row past it', async () => {
		const side = Math.floor(Math.sqrt(MAX_IMAGE_PIXELS));
		expect(await imageProblem(bombPng(side, side))).toBeNull();
		expect(await imageProblem(bombPng(side, side), side * side - 1)).toMatchObject({ problem: 'too_many_pixels' });
	});
	it('takes an ordinary photo', async () => {
		const jpeg = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } }).jpeg().toBuffer());
		expect(await imageProblem(jpeg)).toBeNull();
	});
	it('refuses a picture signature with nothing readable behind it, and a non-picture', async () => {
		expect(await imageProblem(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 'garbage'))).toEqual({ problem: 'unreadable' });
		expect(await imageProblem(utf8('a,b\n'))).toEqual({ problem: 'unreadable' });
	});
});

describe('limits: one table for server.js and the routes', () => {
	it.each([
		['/e/philadelphia/stories/join/story', 8 * 1024 * 1024 + FORM_OVERHEAD_BYTES],
		['/e/philadelphia/groups/measurement-and-evaluation-workgroup', DEFAULT_REQUEST_LIMIT],
		['/e/philadelphia/partners/steam-lab/data/c1/participants', 200 * 1024 * 1024 + FORM_OVERHEAD_BYTES],
		['/e/philadelphia/admin/asset-map/geography', 10 * 1024 * 1024 + FORM_OVERHEAD_BYTES],
		['/e/philadelphia/evidence/suggest', DEFAULT_REQUEST_LIMIT],
		['/sign-in', DEFAULT_REQUEST_LIMIT]
	])('%s → %i bytes', (path, limit) => {
		expect(requestLimitFor(path)).toBe(limit);
	});
	it('every upload has a distinct name and fits under its route limit', () => {
		expect(new Set(UPLOADS.map((u) => u.name)).size).toBe(UPLOADS.length);
		expect(uploadLimit('group file')).toBe(5 * 1024 * 1024);
		expect(() => uploadLimit('avatar')).toThrow(/No upload is named/);
	});
	it('the refusal page says so in English and Spanish', () => {
		expect(tooLargePage(6 * 1024 * 1024)).toMatch(/larger than 6 MB, so nothing was saved[\s\S]*supera los 6 MB/);
	});
});

describe('readLimitedForm refuses before buffering the whole body', () => {
	const multipart = (size: number) => {
		const form = new FormData();
		form.set('note', 'hello');
		form.set('file', new File([new Uint8Array(size).fill(0x41)], 'a.txt'));
		return new Request('http://localhost/x', { method: 'POST', body: form });
	};
	it('reads a form within the limit', async () => {
		const form = await readLimitedForm(multipart(1000), 2000);
		expect(form?.get('note')).toBe('hello');
		expect((form?.get('file') as File).size).toBe(1000);
	});
	it('refuses a declared length over the limit without reading', async () => {
		const request = new Request('http://localhost/x', { method: 'POST', body: 'x', headers: { 'content-length': String(10 * 1024 * 1024), 'content-type': 'text/plain' } });
		expect(await readLimitedForm(request, 1024)).toBeNull();
		expect(request.bodyUsed).toBe(false);
	});
	it('keeps nothing of an undeclared (streamed) body past the limit, and answers too large', async () => {
		let pulled = 0;
		const chunk = 16 * 1024;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (pulled === 40) return controller.close();
				pulled += 1;
				controller.enqueue(new Uint8Array(chunk));
			}
		});
		const request = new Request('http://localhost/x', { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=x' } } as RequestInit);
		expect(await readLimitedForm(request, 100 * 1024)).toBeNull();
		expect(pulled).toBe(40);
	});
	it('answers too large when the body is cut off while being read', async () => {
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new Uint8Array(1024));
				controller.error(new Error('request body too large'));
			}
		});
		const request = new Request('http://localhost/x', { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=x' } } as RequestInit);
		expect(await readLimitedForm(request, 100 * 1024)).toBeNull();
	});
});
