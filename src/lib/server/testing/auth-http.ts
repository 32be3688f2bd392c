/**
 * Calling better-auth's HTTP handler from tests as a browser would, and decoding the TOTP
 * secret an authenticator app would read. Shared by the auth tests and the two-factor helpers.
 */
import { randomInt } from 'node:crypto';
import type { AppContext } from '../context.js';

export const testOrigin = 'http://localhost';

/** A private IPv4 address of its own per call, so rate-limit counters never mix between tests. */
export const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** A request to `/api/auth<path>`: POST with a JSON body, or GET when `body` is undefined. */
export function authRequest(ctx: AppContext, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
	return ctx.auth.handler(
		new Request(`${testOrigin}/api/auth${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { origin: testOrigin, 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body)
		})
	);
}

/** RFC 4648 base32 (as in an otpauth:// URI's secret) to bytes; padding and unknown characters are skipped. */
export function base32Bytes(text: string): Uint8Array {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const char of text.replace(/=+$/, '').toUpperCase()) {
		const value = alphabet.indexOf(char);
		if (value >= 0) bits += value.toString(2).padStart(5, '0');
	}
	return Uint8Array.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}
