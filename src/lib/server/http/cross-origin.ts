import { log } from '../log.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The content types an HTML form can send (SvelteKit's own list, its binary form encoding included). */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];

/** Why a write was refused as cross-site: which header gave it away. */
export type CrossSiteReason = 'origin' | 'sec-fetch-site' | 'form-without-origin';

function isFormType(contentType: string | null): boolean {
	if (!contentType) return true;
	const type = contentType.split(';')[0]!.trim().toLowerCase();
	return FORM_TYPES.includes(type);
}

/**
 * A write (any method but GET/HEAD/OPTIONS, any content type, forms and JSON alike) is
 * cross-site when its Origin header names another origin, or, without Origin, when the browser
 * marks it Sec-Fetch-Site: cross-site or same-site. A form-type body without Origin is refused
 * too: that is the rule SvelteKit's own check applied, which this one replaces so that every
 * refusal is logged in one place. Requests with neither header and a non-form body (JSON API
 * clients holding a token) are not browser CSRF and pass through to their own authentication.
 */
export function crossSiteReason(request: Request, url: URL): CrossSiteReason | null {
	if (SAFE_METHODS.has(request.method)) return null;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin ? 'origin' : null;
	const site = request.headers.get('sec-fetch-site');
	if (site === 'cross-site' || site === 'same-site') return 'sec-fetch-site';
	return isFormType(request.headers.get('content-type')) ? 'form-without-origin' : null;
}

export function isCrossOriginWrite(request: Request, url: URL): boolean {
	return crossSiteReason(request, url) !== null;
}

/**
 * A refused cross-site write is an attempt to get round a control (ASVS 5.0 V16.3.3): one log
 * line with the method, path, the claimed origin and why, and the client address. Never the
 * cookie, Authorization header or body; log.ts escapes CR/LF and masks tokens in paths.
 */
export function logCrossSiteRefusal(request: Request, url: URL, reason: CrossSiteReason, client: string): void {
	log('warn', 'cross-site write refused', {
		method: request.method,
		path: url.pathname,
		reason,
		claimedOrigin: request.headers.get('origin')?.slice(0, 200) ?? null,
		fetchSite: request.headers.get('sec-fetch-site')?.slice(0, 40) ?? null,
		client
	});
}
