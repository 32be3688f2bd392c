import fc from 'fast-check';
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { readLimitedForm, sniff, textFileProblem } from '../http/uploads.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, fuzzParams } from './fuzz.js';

vi.setConfig({ testTimeout: FUZZ_TIMEOUT_MS });

const kinds = ['pdf', 'png', 'jpeg', 'webp', 'gif', 'zip', 'gzip', 'text', 'binary', 'empty'];
/** Bytes that often start with a real signature, so every branch of the sniffing is reached. */
const signature = fc.constantFrom([], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04], [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], [0xef, 0xbb, 0xbf]);
const fileBytes = fc.tuple(signature, fc.uint8Array({ maxLength: 2048 })).map(([head, rest]) => new Uint8Array([...head, ...rest]));

describe(`fuzzing the upload checks (${FUZZ_RUNS} cases each)`, () => {
	it('sniff names every byte string, and a text check answers null or one plain sentence', () => {
		fc.assert(
			fc.property(fileBytes, fc.string({ maxLength: 80 }), (bytes, name) => {
				expect(kinds).toContain(sniff(bytes));
				const problem = textFileProblem(bytes, name, 'a CSV file');
				if (problem !== null) expect(problem).toMatch(/, not a CSV file\. /);
			}),
			fuzzParams()
		);
	});

	it('any request body is a form, a 413 (null) or a plain 400: never a throw of another kind', async () => {
		const body = fc.oneof(
			fc.uint8Array({ maxLength: 4096 }),
			fc.tuple(fc.constantFrom('--x\r\n', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n', '--x--\r\n', 'a=1&b=2'), fc.string({ maxLength: 400 })).map(([a, b]) => new TextEncoder().encode(a + b))
		);
		const type = fc.constantFrom('multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain', '');
		await fc.assert(
			fc.asyncProperty(body, type, fc.integer({ min: 0, max: 3000 }), async (bytes, contentType, limit) => {
				const request = new Request('http://localhost/upload', { method: 'POST', body: bytes, headers: contentType ? { 'content-type': contentType } : {} });
				try {
					const form = await readLimitedForm(request, limit);
					expect(form === null || form instanceof FormData).toBe(true);
				} catch (caught) {
					expect(isHttpError(caught) && caught.status === 400 && caught.body.message.startsWith('The form could not be read')).toBe(true);
				}
			}),
			fuzzParams()
		);
	});
});
