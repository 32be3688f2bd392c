import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpSession, signedIn } from '../helpers.js';
import { bombPng } from '../../../src/lib/server/testing/image-bomb.js';

/**
 * Uploads against the production server (server.js): a body over its limit is answered 413 with a
 * plain page before the app reads it (declared or streamed without a length); a file is what its
 * bytes say, not its name; a picture declaring an enormous size is refused unopened. After each
 * refusal nothing is stored: the group's file list and the moderation queue are unchanged.
 */
const eco = '/e/philadelphia';
const group = `${eco}/groups/youth-advisory-council`;
// Luis leads the invitation-only youth advisory council (demo-groups.ts): he may share files there.
const MB = 1024 * 1024;

const png = bombPng(16, 16); // a real, small PNG
const csv = new TextEncoder().encode('name,school\nAna,Lincoln\n');
const bomb = bombPng(100_000, 100_000);

function multipart(session: HttpSession, path: string, fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Uint8Array }) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	form.append(file.field, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
	return session.request(path, { method: 'POST', body: form, headers: { origin: session.origin } });
}

/** A body of `size` bytes streamed without Content-Length (chunked), as a client may send it. */
function streamed(session: HttpSession, path: string, size: number) {
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= size) return controller.close();
			const chunk = new Uint8Array(Math.min(256 * 1024, size - sent)).fill(0x41);
			sent += chunk.length;
			controller.enqueue(chunk);
		}
	});
	return session.request(path, {
		method: 'POST',
		body,
		headers: { origin: session.origin, 'content-type': 'multipart/form-data; boundary=----parity' },
		duplex: 'half'
	} as RequestInit);
}

const text = async (response: Response) => (await response.text()).replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
const fileLinks = async (session: HttpSession) => ((await (await session.get(group)).text()).match(/\/files\/[\w-]+"/g) ?? []).length;

describe('uploads are refused by size, by their bytes and by their declared picture size', () => {
	it('group files: oversized bodies get 413 before they are read, wrong and bomb files a clear message, and nothing is stored', async () => {
		const luis = await signedIn('backbone_staff');
		const before = await fileLinks(luis);

		// Over the server's limit for the page (6 MB), declared: refused by server.js with its page.
		const huge = await multipart(luis, `${group}?/file`, {}, { field: 'file', name: 'big.pdf', type: 'application/pdf', bytes: new Uint8Array(7 * MB).fill(0x25) });
		expect(huge.status).toBe(413);
		expect(huge.headers.get('content-type')).toContain('text/html');
		const hugePage = await text(huge);
		expect(hugePage).toContain('larger than 6 MB, so nothing was saved');
		expect(hugePage).toContain('no se guardó nada');

		// The same, streamed without a length: counted as it arrives and refused past the limit.
		const chunked = await streamed(luis, `${group}?/file`, 8 * MB);
		expect(chunked.status).toBe(413);
		expect(await text(chunked)).toContain('nothing was saved');
		// A streamed body within the limit still reaches the page whole (here it is not a readable form: 400, plainly).
		const small = await streamed(luis, `${group}?/file`, 300 * 1024);
		expect(small.status).toBe(400);
		expect(await text(small)).toContain('The form could not be read');

		// Over the group file limit (5 MB) but under the page's: the form says so, with 413.
		const over = await multipart(luis, `${group}?/file`, {}, { field: 'file', name: 'plan.pdf', type: 'application/pdf', bytes: new Uint8Array(5 * MB + 100 * 1024).fill(0x25) });
		expect(over.status).toBe(413);
		expect(await text(over)).toContain('The file is larger than 5 MB.');

		// A PNG named .csv, and a CSV named .png: the bytes decide, and must agree with the name.
		for (const wrong of [
			{ name: 'roster.csv', type: 'text/csv', bytes: png },
			{ name: 'chart.png', type: 'image/png', bytes: csv }
		]) {
			const response = await multipart(luis, `${group}?/file`, {}, { field: 'file', ...wrong });
			expect(response.status, wrong.name).toBe(422);
			expect(await text(response), wrong.name).toContain('the file must really be of the type its name says');
		}

		// An image bomb: a tiny PNG declaring 100,000 × 100,000 pixels.
		expect(bomb.length).toBeLessThan(2_000);
		const bombed = await multipart(luis, `${group}?/file`, {}, { field: 'file', name: 'poster.png', type: 'image/png', bytes: bomb });
		expect(bombed.status).toBe(422);
		expect(await text(bombed)).toContain('The picture says it is 100,000 × 100,000 pixels');

		expect(await fileLinks(luis)).toBe(before);

		// The same route still takes a real picture.
		const fine = await multipart(luis, `${group}?/file`, {}, { field: 'file', name: 'small.png', type: 'image/png', bytes: bombPng(16, 16) });
		expect(fine.status).toBe(200);
		expect(await fileLinks(luis)).toBe(before + 1);
	});

	it('story photos: oversized bodies get 413, a CSV named .png and an image bomb are refused, and no story is stored', async () => {
		const youth = new HttpSession();
		expect((await youth.post(`${eco}/stories/join`, { age: '20' })).status).toBe(303);
		const marker = `Uploadcheck ${Math.random().toString(36).replace(/\d/g, 'x').slice(2, 10)}`;
		const story = async () => {
			const html = await (await youth.get(`${eco}/stories/join/story`)).text();
			const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1];
			expect(stamp, 'the story form carries a stamp').toBeTruthy();
			await sleep(3_100); // the form refuses answers quicker than a person could type
			return { stamp: stamp!, website: '', display_name: 'Sam', story_text: `${marker}: the robotics club showed me I can build things.`, scopes: 'wall', assent: 'yes', language: 'en' };
		};
		const path = `${eco}/stories/join/story`;

		const huge = await multipart(youth, path, {}, { field: 'photo', name: 'big.jpg', type: 'image/jpeg', bytes: new Uint8Array(9 * MB).fill(0xff) });
		expect(huge.status).toBe(413);
		expect(await text(huge)).toContain('larger than 8 MB, so nothing was saved');
		expect((await streamed(youth, path, 10 * MB)).status).toBe(413);

		const renamed = await multipart(youth, path, await story(), { field: 'photo', name: 'me.png', type: 'image/png', bytes: csv });
		expect(renamed.status).toBe(422);
		expect(await text(renamed)).toContain('That file is not a JPEG, PNG or WebP photo (its contents say otherwise, whatever its name)');

		const bombed = await multipart(youth, path, await story(), { field: 'photo', name: 'me.png', type: 'image/png', bytes: bomb });
		expect(bombed.status).toBe(422);
		expect(await text(bombed)).toContain('That picture says it is far too big to open safely');

		const admin = await signedIn('backbone_admin');
		const queue = await (await admin.get(`${eco}/admin/stories`)).text();
		expect(queue).toContain('<h1');
		expect(queue).not.toContain(marker);
	}, 60_000);
});
