const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write (any method but GET/HEAD/OPTIONS, any content type, forms and JSON alike) is
 * cross-origin when its Origin header names another origin, or, without Origin, when the browser
 * marks it Sec-Fetch-Site: cross-site. Requests with neither (curl, server-to-server API clients
 * holding a token) are not browser CSRF and pass through to their own authentication.
 */
export function isCrossOriginWrite(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin;
	const site = request.headers.get('sec-fetch-site');
	return site === 'cross-site' || site === 'same-site';
}
