import { describe, expect, it } from 'vitest';
import { HttpSession, baseURL, signedIn } from '../helpers.js';

/**
 * Public pages can be kept by a CDN or browser and revalidated (issue 10, point 5): a signed-out
 * GET gets an ETag (a hash of the body) and `public, max-age=0, must-revalidate`, varying by
 * language and cookie; the same ETag back in If-None-Match gets 304 with no body; new content
 * gives a new ETag; signed-in pages stay `private, no-store` with no validator.
 */
const eco = '/e/philadelphia';
const publicPages = ['/', eco, `${eco}/dashboard`, `${eco}/programs`, `${eco}/stories`, `${eco}/events`];

async function anonymous(path: string, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(baseURL() + path, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' });
}

describe('public pages: ETag, Cache-Control and 304', () => {
	it.each(publicPages)('%s: 200 with an ETag and a public must-revalidate policy, then 304 to If-None-Match', async (path) => {
		const first = await anonymous(path);
		expect(first.status).toBe(200);
		expect(first.headers.getSetCookie()).toEqual([]);
		const etag = first.headers.get('etag');
		expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
		expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
		const vary = (first.headers.get('vary') ?? '').toLowerCase();
		expect(vary).toContain('accept-language');
		expect(vary).toContain('cookie');
		const body = await first.text();

		// The page is rendered the same way for the next visitor: same bytes, same validator.
		const second = await anonymous(path);
		expect(second.headers.get('etag')).toBe(etag);
		expect(await second.text()).toBe(body);

		for (const validator of [etag!, `W/${etag}`, `"not-it", ${etag}`]) {
			const revalidated = await anonymous(path, { 'if-none-match': validator });
			expect(revalidated.status, validator).toBe(304);
			expect(await revalidated.text()).toBe('');
			expect(revalidated.headers.get('etag')).toBe(etag);
			expect(revalidated.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
			expect(revalidated.headers.get('content-security-policy')).toBeNull();
		}
		const stale = await anonymous(path, { 'if-none-match': '"something-else"' });
		expect(stale.status).toBe(200);
		expect(await stale.text()).toBe(body);
	});

	it('the Spanish page is another representation, with its own ETag', async () => {
		const english = await anonymous(`${eco}/events`, { 'accept-language': 'en' });
		const spanish = await anonymous(`${eco}/events`, { 'accept-language': 'es' });
		expect(await spanish.text()).toContain('lang="es"');
		expect(spanish.headers.get('etag')).not.toBe(english.headers.get('etag'));
		const crossed = await anonymous(`${eco}/events`, { 'accept-language': 'es', 'if-none-match': english.headers.get('etag')! });
		expect(crossed.status).toBe(200);
	});

	it('signed-in pages stay private, no-store, with no validator, even when sent one', async () => {
		const etag = (await anonymous(`${eco}/events`)).headers.get('etag')!;
		const partner = await signedIn('partner_admin');
		for (const path of [`${eco}/events`, `${eco}/dashboard`, '/account']) {
			const response = await partner.request(path, { headers: { 'if-none-match': etag } });
			expect(response.status, path).toBe(200);
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
			expect(response.headers.get('etag'), path).toBeNull();
			expect(await response.text()).toContain('Sign out');
		}
	});

	it('a newly published event changes the events page ETag, so a revalidating cache gets the new page', async () => {
		const before = await anonymous(`${eco}/events`);
		const oldEtag = before.headers.get('etag')!;
		expect((await anonymous(`${eco}/events`, { 'if-none-match': oldEtag })).status).toBe(304);

		const title = `Cache check night ${Date.now().toString(36)}`;
		const staff = await signedIn('backbone_staff');
		const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
		const created = await staff.post(`${eco}/admin/events/new`, {
			title,
			format: 'in_person',
			location: 'Free Library, Parkway Central',
			starts_local: `${day}T18:00`,
			ends_local: `${day}T19:30`,
			repeat: 'none',
			reminder_hours: '24',
			visibility: 'public'
		});
		expect(created.status).toBe(303);

		const after = await anonymous(`${eco}/events`, { 'if-none-match': oldEtag });
		expect(after.status).toBe(200);
		expect(after.headers.get('etag')).not.toBe(oldEtag);
		expect(await after.text()).toContain(title);
		expect((await anonymous(`${eco}/events`, { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
	});

	it('responses that are not public pages keep their own policy', async () => {
		const signIn = await new HttpSession().get('/sign-in');
		expect(signIn.status).toBe(200);
		// A form post answers with a redirect or the form again: never stored by a shared cache.
		const post = await new HttpSession().post('/sign-in', { email: 'nobody@example.org', password: 'wrong-password', next: '/account' });
		expect(post.headers.get('cache-control') ?? '').not.toContain('public');
		const health = await anonymous('/healthz');
		expect(health.headers.get('cache-control')).toBe('no-store');
		expect(health.headers.get('etag')).toBeNull();
	});
});
