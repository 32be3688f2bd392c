import { sequence, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import { building } from '$app/env';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import * as m from '#lib/paraglide/messages.js';
import { startRuntime, runtime } from '#lib/server/runtime.js';
import { config } from '#lib/server/config.js';
import { sessionActor } from '#lib/server/auth/sessions.js';
import { publicActor } from '#lib/server/auth/roles.js';
import { CLIENT_IP_HEADER } from '#lib/server/auth/better-auth.js';
import { securityHeaders } from '#lib/server/http/security-headers.js';
import { crossSiteReason, logCrossSiteRefusal } from '#lib/server/http/cross-origin.js';
import { isDatabaseUnavailable, isStorageFull, RETRY_AFTER_SECONDS } from '#lib/server/db/unavailable.js';
import { log } from '#lib/server/log.js';
import { cacheDecision, revalidatable } from '#lib/server/http/revalidation.js';
import { formActionOf, runInRequestScope } from '#lib/server/http/request-scope.js';

export const init: ServerInit = async () => {
	if (!building) await startRuntime();
};

/** Refuses (and logs) writes whose Origin (or Sec-Fetch-Site) says they come from another site. */
const refuseCrossOriginWrites: Handle = async ({ event, resolve }) => {
	const reason = crossSiteReason(event.request, event.url);
	if (reason) {
		logCrossSiteRefusal(event.request, event.url, reason, event.getClientAddress());
		return new Response('Cross-site requests that change data are refused.', {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

const localize: Handle = ({ event, resolve }) =>
	// Locale comes from the cookie or Accept-Language (no URL prefixes), so the request is unchanged.
	paraglideMiddleware(event.request, ({ locale }) => {
		event.locals.locale = locale === 'es' ? 'es' : 'en';
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** better-auth answers /api/auth/*; everything else gets `locals.actor` from the session cookie. */
const authenticate: Handle = async ({ event, resolve }) => {
	const { auth } = runtime();
	const headers = new Headers(event.request.headers);
	// Rate limits key on this header; never trust a client-sent value.
	headers.set(CLIENT_IP_HEADER, event.getClientAddress());
	if (event.url.pathname.startsWith('/api/auth/')) {
		return auth.handler(new Request(event.request, { headers }));
	}
	event.locals.actor = publicActor;
	event.locals.sessionId = null;
	const cfg = config();
	const signedIn = await sessionActor(runtime(), headers, { forAdmins: cfg.TWO_FACTOR_FOR_ADMINS, demo: cfg.DEMO });
	if (signedIn) {
		event.locals.actor = signedIn.actor;
		event.locals.sessionId = signedIn.sessionId;
	}
	return resolve(event);
};

const secure: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	// Signed-out pages get an ETag and a public, must-revalidate policy (304 when unchanged);
	// signed-in ones stay private and carry no validator.
	if (event.locals.actor?.kind !== 'user') {
		const decision = cacheDecision(event.request.method, response.status, response.headers);
		if (decision === 'revalidate') response = await revalidatable(event.request, response);
		else if (decision === 'private') response.headers.set('cache-control', 'private, no-store');
	}
	const https = event.url.protocol === 'https:';
	for (const [name, value] of Object.entries(securityHeaders(https))) {
		// A 304 must not carry a policy: browsers merge its headers into the cached page, and the
		// default-deny policy would then block the page's own stylesheets on the next visit.
		if (name === 'content-security-policy' && response.status === 304) continue;
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Embeds opt out of frame-ancestors 'none'; the legacy header must not contradict them.
	if (/frame-ancestors \*/.test(response.headers.get('content-security-policy') ?? '')) {
		response.headers.delete('x-frame-options');
	}
	// The database is unreachable (handleError chose 503): tell clients and balancers when to retry.
	if (response.status === 503 && !response.headers.has('retry-after')) response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	if (event.locals.actor?.kind === 'user' && !response.headers.has('cache-control')) {
		response.headers.set('cache-control', 'private, no-store');
	}
	if (event.locals.actor?.kind === 'user') response.headers.delete('etag');
	return response;
};

/** Lets validation name the route and action when it logs refused input (ASVS 5.0 V16.3.3). */
const scopeRequest: Handle = ({ event, resolve }) =>
	runInRequestScope({ method: event.request.method, route: event.route.id ?? 'unmatched', action: formActionOf(event.url) }, () => resolve(event));

export const handle = sequence(scopeRequest, secure, refuseCrossOriginWrites, localize, authenticate);

/**
 * Errors raised with error() (kind 'app') and Kit's own (404s) keep their plain-language message.
 * A database that cannot be reached gives 503 (with Retry-After, set in `secure`): nothing was
 * written, since every write is one transaction, and the next request after it returns works.
 * Anything unexpected is logged with a short reference; the page shows only the reference,
 * never a stack trace or internal message.
 */
export const handleError: HandleServerError = (caught) => {
	if (caught.kind !== 'unknown') return;
	if (isDatabaseUnavailable(caught.error)) {
		log('error', 'database unreachable', { method: caught.event.request.method, path: caught.event.url.pathname, error: caught.error });
		return { status: 503, message: m.error_unavailable_message({ seconds: RETRY_AFTER_SECONDS }, { locale: caught.event.locals.locale ?? 'en' }), code: 'unavailable' };
	}
	if (isStorageFull(caught.error)) {
		log('error', "database storage full: free space or raise the database's size limit", { method: caught.event.request.method, path: caught.event.url.pathname, error: caught.error });
		return { status: 507, message: m.error_storage_full_message({}, { locale: caught.event.locals.locale ?? 'en' }), code: 'storage-full' };
	}
	const reference = crypto.randomUUID().slice(0, 8);
	log('error', 'unexpected error', { reference, method: caught.event.request.method, path: caught.event.url.pathname, error: caught.error });
	return { status: 500, message: `Something went wrong on our side (reference ${reference}).`, code: reference };
};

