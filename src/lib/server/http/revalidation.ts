import { createHash } from 'node:crypto';

/**
 * Conditional GETs for public pages (issue 10, point 5): a signed-out visitor's page is the same
 * for everyone per language, so a CDN or browser may keep it and revalidate it with
 * If-None-Match; the server still renders the page, but answers 304 with no body when it has not
 * changed. Signed-in pages stay `private, no-store` (hooks.server.ts).
 */

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** Public pages differ by language: Accept-Language, or the locale cookie (which also marks sign-in). */
export const PUBLIC_VARY = ['Accept-Language', 'Cookie'];

/** A strong validator: the SHA-256 of the exact bytes sent (128 bits, base64url). */
export function etagOf(body: Uint8Array): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether an If-None-Match header matches `etag` (RFC 9110 §13.1.2: a list, `*`, and the weak
 * comparison, so `W/"x"` matches `"x"`).
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
	if (!header) return false;
	const wanted = etag.replace(/^W\//, '');
	if (header.trim() === '*') return true;
	return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === wanted);
}

/** `vary` with `names` added (case-insensitively, each once). */
export function mergeVary(vary: string | null, names: readonly string[]): string {
	const present = (vary ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	if (present.includes('*')) return '*';
	const lower = new Set(present.map((name) => name.toLowerCase()));
	return [...present, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', ');
}

export type CacheDecision = 'revalidate' | 'private' | 'leave';

/**
 * What a response to a signed-out request may tell caches:
 * - `revalidate`: a public HTML page (GET, 200, no cookie set, no cache policy of its own other
 *   than `public`), which gets an ETag and `public, max-age=0, must-revalidate`;
 * - `private`: a response that sets a cookie but was marked public: it must not be shared;
 * - `leave`: anything else (errors, redirects, files and feeds with their own policy, POSTs).
 */
export function cacheDecision(method: string, status: number, headers: Headers): CacheDecision {
	const cacheControl = headers.get('cache-control');
	const markedPublic = cacheControl !== null && /(^|,)\s*public\s*(,|$)/i.test(cacheControl);
	if (headers.getSetCookie().length > 0) return markedPublic ? 'private' : 'leave';
	if (method !== 'GET' || status !== 200) return 'leave';
	if (!/^text\/html\b/i.test(headers.get('content-type') ?? '')) return 'leave';
	if (cacheControl !== null && !markedPublic) return 'leave';
	return 'revalidate';
}

/**
 * Gives a public page its validator and cache policy, and answers 304 when the request's
 * If-None-Match already names it. The headers of a 304 are the ones RFC 9110 §15.4.5 asks for.
 */
export async function revalidatable(request: Request, response: Response): Promise<Response> {
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	const etag = etagOf(body);
	headers.set('etag', etag);
	if (!headers.has('cache-control')) headers.set('cache-control', PUBLIC_CACHE_CONTROL);
	headers.set('vary', mergeVary(headers.get('vary'), PUBLIC_VARY));
	if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag)) {
		const notModified = new Headers();
		for (const name of ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary']) {
			const value = headers.get(name);
			if (value !== null) notModified.set(name, value);
		}
		return new Response(null, { status: 304, headers: notModified });
	}
	headers.set('content-length', String(body.byteLength));
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
