import type { RequestEvent } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { runtime } from '../runtime.js';
import { CLIENT_IP_HEADER } from '../auth/better-auth.js';

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
	return {
		status: response.status,
		ok: response.ok,
		body: parsed,
		code: !response.ok && parsed && typeof parsed.code === 'string' ? parsed.code : null
	};
}
