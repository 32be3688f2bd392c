import { createOTP } from '@better-auth/utils/otp';
import { expect } from 'vitest';
import { CLIENT_IP_HEADER } from '../auth/better-auth.js';
import type { AppContext } from '../context.js';
import { authRequest, base32Bytes, freshIp } from './auth-http.js';

/** Calls better-auth's HTTP handler as a browser would; `cookie` holds the cookies it set. */
export async function authCall(ctx: AppContext, path: string, body: unknown, headers: Record<string, string>) {
	const response = await authRequest(ctx, path, body, headers);
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
	return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null, cookie: cookies.join('; ') };
}

/**
 * A code better-auth accepts now (previous, current or next 30-second step, RFC 6238), none of
 * those already used. The previous step's code stops being accepted when the current step ends,
 * so it is given only with 10 s to spare; nearer the end this waits for the next step. (A test
 * that had used two codes failed about once in 40 runs under load: its third code, the previous
 * step's, was checked after the step had turned.)
 */
export async function unusedCode(secret: Uint8Array, used: Set<string>): Promise<string> {
	const otp = createOTP(secret, { digits: 6, period: 30 });
	for (;;) {
		const now = Date.now();
		const step = Math.floor(now / 30_000);
		for (const candidate of [step, step + 1]) {
			const code = await otp.hotp(candidate);
			if (!used.has(code)) return code;
		}
		const left = (step + 1) * 30_000 - now;
		const previous = await otp.hotp(step - 1);
		if (!used.has(previous) && left >= 10_000) return previous;
		await new Promise((resolve) => setTimeout(resolve, left + 50));
	}
}

/**
 * Signs a new person up and turns TOTP two-factor on for them through better-auth, as the
 * account page does. `used` already holds the code that confirmed the set-up.
 */
export async function personWithTotp(ctx: AppContext, email: string, password = 'a long test password') {
	const headers = { [CLIENT_IP_HEADER]: freshIp() };
	expect((await authCall(ctx, '/sign-up/email', { email, password, name: 'Tess Totp' }, headers)).status).toBe(200);
	const session = await authCall(ctx, '/sign-in/email', { email, password }, headers);
	const enable = await authCall(ctx, '/two-factor/enable', { password }, { ...headers, cookie: session.cookie });
	expect(enable.status).toBe(200);
	const secret = base32Bytes(new URL(String(enable.body!.totpURI)).searchParams.get('secret')!);
	const used = new Set<string>();
	const setUpCode = await unusedCode(secret, used);
	const confirmed = await authCall(ctx, '/two-factor/verify-totp', { code: setUpCode }, { ...headers, cookie: session.cookie });
	expect(confirmed.status).toBe(200);
	used.add(setUpCode);
	// Turning two-factor on replaces the session with a new one.
	const sessionCookie = confirmed.cookie.split('; ').find((c) => c.startsWith('parity.session_token='))!;
	expect(sessionCookie).toBeDefined();
	return { email, password, headers, secret, used, sessionCookie };
}
