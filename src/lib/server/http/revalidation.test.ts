import { describe, expect, it } from 'vitest';
import { cacheDecision, etagOf, ifNoneMatchMatches, mergeVary, PUBLIC_CACHE_CONTROL, revalidatable } from './revalidation.js';

const html = (extra: Record<string, string> = {}) => new Headers({ 'content-type': 'text/html', ...extra });

describe('cacheDecision', () => {
	const cases: [string, string, number, Headers, ReturnType<typeof cacheDecision>][] = [
		['a public page', 'GET', 200, html(), 'revalidate'],
		['a page already marked public (the dashboard)', 'GET', 200, html({ 'cache-control': 'public, max-age=0, must-revalidate' }), 'revalidate'],
		['a page with its own no-store', 'GET', 200, html({ 'cache-control': 'no-store' }), 'leave'],
		['a page with its own private policy', 'GET', 200, html({ 'cache-control': 'private, no-store' }), 'leave'],
		['a page that sets a cookie', 'GET', 200, html({ 'set-cookie': 'a=b' }), 'leave'],
		['a page marked public that sets a cookie', 'GET', 200, html({ 'cache-control': 'public', 'set-cookie': 'a=b' }), 'private'],
		['a form post', 'POST', 200, html(), 'leave'],
		['HEAD (no body to hash)', 'HEAD', 200, html(), 'leave'],
		['a redirect', 'GET', 303, html(), 'leave'],
		['a not-found page', 'GET', 404, html(), 'leave'],
		['JSON', 'GET', 200, new Headers({ 'content-type': 'application/json' }), 'leave'],
		['a file without a type', 'GET', 200, new Headers(), 'leave']
	];
	it.each(cases)('%s', (_label, method, status, headers, expected) => {
		expect(cacheDecision(method, status, headers)).toBe(expected);
	});
});

describe('ifNoneMatchMatches', () => {
	const tag = '"abc"';
	const cases: [string | null, boolean][] = [
		[null, false],
		['', false],
		['"abc"', true],
		['W/"abc"', true],
		['"x", "abc"', true],
		['"x",W/"abc"', true],
		['"abcd"', false],
		['abc', false],
		['*', true]
	];
	it.each(cases)('If-None-Match %s → %s', (header, expected) => {
		expect(ifNoneMatchMatches(header, tag)).toBe(expected);
	});
});

describe('mergeVary', () => {
	it.each([
		[null, 'Accept-Language, Cookie'],
		['cookie, accept-language', 'cookie, accept-language'],
		['Accept-Encoding', 'Accept-Encoding, Accept-Language, Cookie'],
		['*', '*']
	])('%s', (vary, expected) => {
		expect(mergeVary(vary, ['Accept-Language', 'Cookie'])).toBe(expected);
	});
});

describe('revalidatable', () => {
	const page = () => new Response('<p>hello</p>', { status: 200, headers: html() });

	it('adds a body hash ETag and the public policy, and answers 304 to a matching If-None-Match', async () => {
		const first = await revalidatable(new Request('http://x/'), page());
		expect(first.status).toBe(200);
		expect(await first.text()).toBe('<p>hello</p>');
		const etag = first.headers.get('etag')!;
		expect(etag).toBe(etagOf(new TextEncoder().encode('<p>hello</p>')));
		expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		expect(first.headers.get('vary')).toBe('Accept-Language, Cookie');

		const again = await revalidatable(new Request('http://x/', { headers: { 'if-none-match': etag } }), page());
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('etag')).toBe(etag);
		expect(again.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		expect(again.headers.get('content-type')).toBeNull();
	});

	it('a changed body gets another ETag, so an old validator gets the full page', async () => {
		const old = (await revalidatable(new Request('http://x/'), page())).headers.get('etag')!;
		const changed = await revalidatable(new Request('http://x/', { headers: { 'if-none-match': old } }), new Response('<p>hello!</p>', { headers: html() }));
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(old);
		expect(await changed.text()).toBe('<p>hello!</p>');
	});
});
