// Plain JavaScript so that both the Kit bundle (hooks.server.ts) and server.js, which serves
// static files outside Kit, share one definition.

/** Default-deny policy for everything that is not a page; pages get Kit's nonce-based CSP. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Headers every response carries.
 * @param {boolean} https whether the public origin is https (adds HSTS)
 * @returns {Record<string, string>}
 */
export function securityHeaders(https) {
	/** @type {Record<string, string>} */
	const headers = {
		'content-security-policy': DEFAULT_CSP,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
	};
	if (https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}
