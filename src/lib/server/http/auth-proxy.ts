import type { RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { runtime } from '../runtime.js';
import { CLIENT_IP_HEADER } from '../auth/better-auth.js';
import { log } from '../log.js';

export interface AuthCall {
	status: number;
	ok: boolean;
	body: Record<string, unknown> | null;
	/** better-auth's error code (e.g. INVALID_EMAIL_OR_PASSWORD) when the call failed. */
	code: string | null;
}

/**
 * Server-rendered forms call better-auth through its HTTP handler, not its direct API, so every
 * sign-in, reset and two-factor attempt passes the same origin checks and database-backed rate
 * limits as a JSON client would. Cookies it sets are copied onto the page response.
 */
export async function callAuth(
	event: RequestEvent,
	path: string,
	body: Record<string, unknown> | null,
	method: 'POST' | 'GET' = 'POST'
): Promise<AuthCall> {
	const headers = new Headers();
	headers.set('origin', event.url.origin);
	headers.set(CLIENT_IP_HEADER, event.getClientAddress());
	const cookie = event.request.headers.get('cookie');
	if (cookie) headers.set('cookie', cookie);
	const agent = event.request.headers.get('user-agent');
	if (agent) headers.set('user-agent', agent);
	if (body) headers.set('content-type', 'application/json');
	const response = await runtime().auth.handler(
		new Request(new URL(`/api/auth${path}`, event.url.origin), {
			method,
			headers,
			body: body && method === 'POST' ? JSON.stringify(body) : undefined
		})
	);
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) {
		for (const [name, attributes] of parseSetCookieHeader(setCookie)) {
			event.cookies.set(name, attributes.value, { ...toCookieOptions(attributes), path: attributes.path || '/' });
		}
	}
	const text = await response.text();
	let parsed: Record<string, unknown> | null = null;
	try {
		parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
	} catch {
		parsed = null;
	}
	const outcome: AuthCall = {
		status: response.status,
		ok: response.ok,
		body: parsed,
		code: !response.ok && parsed && typeof parsed.code === 'string' ? parsed.code : null
	};
	logAuthentication(path, outcome, event.getClientAddress());
	return outcome;
}

/** Authentication operations recorded in the server log (ASVS 5.0 V16.3.1), success or not. */
const AUTHENTICATION_PATHS = new Set(['/sign-in/email', '/two-factor/verify-totp', '/two-factor/verify-backup-code', '/two-factor/enable', '/two-factor/disable', '/reset-password', '/change-password', '/change-email', '/sign-out']);

/**
 * One line per sign-in, second factor, password or address change and sign-out: which operation,
 * its outcome, the user when known and the client address. Never the body: no password, code,
 * token or email address reaches the log (log.ts masks such fields besides).
 */
export function logAuthentication(path: string, outcome: Pick<AuthCall, 'status' | 'ok' | 'body' | 'code'>, client: string): void {
	if (!AUTHENTICATION_PATHS.has(path)) return;
	const user = outcome.body?.user;
	const userId = user && typeof user === 'object' && typeof (user as { id?: unknown }).id === 'string' ? (user as { id: string }).id : undefined;
	log(outcome.ok ? 'info' : 'warn', outcome.ok ? 'authentication succeeded' : 'authentication failed', {
		operation: path,
		status: outcome.status,
		...(outcome.code ? { reason: outcome.code } : {}),
		...(userId ? { userId } : {}),
		client
	});
}
