import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { resetConfigForTests } from '../config.js';
import { ScannerUnavailable, clamdScanner, scanUploadedFiles } from './virus-scan.js';
import { readLimitedForm } from './uploads.js';

/** The industry's harmless test file: every antivirus reports it as a virus. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

interface FakeClamd {
	port: number;
	/** What each connection streamed, reassembled from its INSTREAM chunks. */
	streams: Buffer[];
	close(): Promise<void>;
}

/**
 * A small TCP server that speaks clamd's INSTREAM protocol (clamd itself is not installed here):
 * it checks the command, reassembles the length-prefixed chunks up to the zero-length end mark
 * and answers like clamd, flagging the EICAR string. `mode` makes it misbehave like a broken one.
 */
async function fakeClamd(mode: 'scan' | 'silent' | 'error' = 'scan'): Promise<FakeClamd> {
	const streams: Buffer[] = [];
	const server: Server = createServer((socket: Socket) => {
		let pending = Buffer.alloc(0);
		let commandSeen = false;
		const parts: Buffer[] = [];
		socket.on('data', (data) => {
			pending = Buffer.concat([pending, data]);
			if (!commandSeen) {
				const end = pending.indexOf(0);
				if (end < 0) return;
				if (pending.subarray(0, end).toString() !== 'zINSTREAM') return socket.end('UNKNOWN COMMAND\0');
				commandSeen = true;
				pending = pending.subarray(end + 1);
			}
			while (pending.length >= 4) {
				const length = pending.readUInt32BE(0);
				if (length === 0) {
					const stream = Buffer.concat(parts);
					streams.push(stream);
					if (mode === 'silent') return;
					if (mode === 'error') return socket.end('INSTREAM size limit exceeded. ERROR\0');
					return socket.end(stream.includes(EICAR) ? 'stream: Win.Test.EICAR_HDB-1 FOUND\0' : 'stream: OK\0');
				}
				if (pending.length < 4 + length) return;
				parts.push(pending.subarray(4, 4 + length));
				pending = pending.subarray(4 + length);
			}
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		streams,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('clamd INSTREAM client', () => {
	let clamd: FakeClamd;
	beforeAll(async () => {
		clamd = await fakeClamd();
	});
	afterAll(() => clamd.close());

	it('a clean file is clean, and clamd received exactly its bytes', async () => {
		const file = bytes('name,count\nKestrel Park,12\n');
		expect(await clamdScanner({ host: '127.0.0.1', port: clamd.port }).scan(file)).toEqual({ clean: true });
		expect(clamd.streams.at(-1)).toEqual(Buffer.from(file));
	});

	it('the EICAR test file is found, also when it straddles chunk boundaries', async () => {
		const file = bytes('a'.repeat(1000) + EICAR + 'b'.repeat(1000));
		expect(await clamdScanner({ host: '127.0.0.1', port: clamd.port, chunkBytes: 100 }).scan(file)).toEqual({ clean: false, signature: 'Win.Test.EICAR_HDB-1' });
		expect(clamd.streams.at(-1)!.byteLength).toBe(file.byteLength);
	});

	it('an empty file is scanned as one zero-length stream', async () => {
		expect(await clamdScanner({ host: '127.0.0.1', port: clamd.port }).scan(new Uint8Array())).toEqual({ clean: true });
	});

	it('an unreachable, silent or erroring scanner gives no verdict', async () => {
		await expect(clamdScanner({ host: '127.0.0.1', port: await closedPort() }).scan(bytes('x'))).rejects.toBeInstanceOf(ScannerUnavailable);
		const silent = await fakeClamd('silent');
		const erroring = await fakeClamd('error');
		try {
			await expect(clamdScanner({ host: '127.0.0.1', port: silent.port, timeoutMs: 300 }).scan(bytes('x'))).rejects.toBeInstanceOf(ScannerUnavailable);
			await expect(clamdScanner({ host: '127.0.0.1', port: erroring.port }).scan(bytes('x'))).rejects.toThrow(/size limit exceeded/);
		} finally {
			await silent.close();
			await erroring.close();
		}
	});
});

/** The HTTP error a call stopped with, or null when it went through. */
async function stoppedWith(run: () => Promise<unknown>): Promise<{ status: number; message: string } | null> {
	try {
		await run();
		return null;
	} catch (caught) {
		if (isHttpError(caught)) return { status: caught.status, message: caught.body.message };
		throw caught;
	}
}

function uploadForm(name: string, content: string): FormData {
	const form = new FormData();
	form.set('title', 'Minutes');
	form.set('file', new File([content], name, { type: 'text/plain' }));
	return form;
}

describe('uploads pass the scanner before any route sees them', () => {
	let clamd: FakeClamd;
	const saved = { host: process.env.CLAMD_HOST, port: process.env.CLAMD_PORT };
	beforeAll(async () => {
		clamd = await fakeClamd();
	});
	afterAll(() => clamd.close());
	afterEach(() => {
		for (const [key, value] of [['CLAMD_HOST', saved.host], ['CLAMD_PORT', saved.port]] as const) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
		resetConfigForTests();
	});

	it('an infected file is refused with 422 and a plain message naming it; a clean one passes', async () => {
		const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port });
		expect(await stoppedWith(() => scanUploadedFiles(uploadForm('notes.txt', EICAR), scanner))).toEqual({
			status: 422,
			message: '“notes.txt” was refused: the virus scanner found harmful content in it. It was not stored.'
		});
		expect(await stoppedWith(() => scanUploadedFiles(uploadForm('notes.txt', 'meeting notes'), scanner))).toBeNull();
	});

	it('a scanner that cannot answer refuses the upload with 503 “try later”, never letting it through', async () => {
		const scanner = clamdScanner({ host: '127.0.0.1', port: await closedPort() });
		expect(await stoppedWith(() => scanUploadedFiles(uploadForm('roster.csv', 'name\nAna\n'), scanner))).toEqual({
			status: 503,
			message: 'Files cannot be checked for viruses right now, so “roster.csv” was not stored. Please try again in a few minutes.'
		});
	});

	it('without CLAMD_HOST scanning is off; with it, readLimitedForm (every upload route) refuses the infected form', async () => {
		delete process.env.CLAMD_HOST;
		resetConfigForTests();
		const request = () => new Request('http://localhost/e/x/groups/y?/upload', { method: 'POST', body: uploadForm('notes.txt', EICAR) });
		expect((await readLimitedForm(request(), 1_000_000))?.get('title')).toBe('Minutes');

		process.env.CLAMD_HOST = '127.0.0.1';
		process.env.CLAMD_PORT = String(clamd.port);
		resetConfigForTests();
		const before = clamd.streams.length;
		expect(await stoppedWith(() => readLimitedForm(request(), 1_000_000))).toMatchObject({ status: 422 });
		expect(clamd.streams.length).toBe(before + 1);
		const clean = () => new Request('http://localhost/e/x/groups/y?/upload', { method: 'POST', body: uploadForm('notes.txt', 'fine') });
		expect((await readLimitedForm(clean(), 1_000_000))?.get('title')).toBe('Minutes');
	});
});
