import { randomInt } from 'node:crypto';
import { createOTP } from '@better-auth/utils/otp';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { TOTP_CODE_USED } from './totp-replay.js';
import type { AppContext } from '../context.js';

const origin = 'http://localhost';
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function call(ctx: AppContext, path: string, body: unknown, headers: Record<string, string>) {
	const response = await ctx.auth.handler(
		new Request(`${origin}/api/auth${path}`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body)
		})
	);
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
	return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null, cookie: cookies.join('; ') };
}

function base32Bytes(text: string): Uint8Array {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const char of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
	return Uint8Array.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

/** Codes better-auth accepts now (previous, current and next 30-second step), none of those already used. */
async function unusedCode(secret: Uint8Array, used: Set<string>): Promise<string> {
	const otp = createOTP(secret, { digits: 6, period: 30 });
	const step = Math.floor(Date.now() / 30_000);
	for (const candidate of [step, step + 1, step - 1]) {
		const code = await otp.hotp(candidate);
		if (!used.has(code)) return code;
	}
	throw new Error('no unused code in the window');
}

describeEachDatabase('TOTP codes are usable once', (get) => {
	it('accepts a code once, refuses it again (also on a second app server), and accepts a fresh one', async () => {
		const { ctx, db, openContext } = get();
		const ip = { [CLIENT_IP_HEADER]: freshIp() };
		const email = uniqueEmail('totp');
		const password = 'a long test password';
		const signUp = await call(ctx, '/sign-up/email', { email, password, name: 'Tess Totp' }, ip);
		expect(signUp.status).toBe(200);
		const session = await call(ctx, '/sign-in/email', { email, password }, ip);
		const enable = await call(ctx, '/two-factor/enable', { password }, { ...ip, cookie: session.cookie });
		expect(enable.status).toBe(200);
		const secret = base32Bytes(new URL(String(enable.body!.totpURI)).searchParams.get('secret')!);
		const used = new Set<string>();

		// Confirming set-up uses a code too, and that code is spent.
		const setUpCode = await unusedCode(secret, used);
		expect((await call(ctx, '/two-factor/verify-totp', { code: setUpCode }, { ...ip, cookie: session.cookie })).status).toBe(200);
		used.add(setUpCode);
		const user = await db.selectFrom('user').select(['id', 'twoFactorEnabled']).where('email', '=', email).executeTakeFirstOrThrow();
		expect(Boolean(user.twoFactorEnabled)).toBe(true);

		const halfSignIn = async () => {
			const signIn = await call(ctx, '/sign-in/email', { email, password }, ip);
			expect(signIn.body).toMatchObject({ twoFactorRedirect: true });
			return signIn.cookie;
		};

		const code = await unusedCode(secret, used);
		const first = await call(ctx, '/two-factor/verify-totp', { code }, { ...ip, cookie: await halfSignIn() });
		expect(first.status).toBe(200);
		expect(first.cookie).toContain('parity.session_token=');
		used.add(code);

		const again = await call(ctx, '/two-factor/verify-totp', { code }, { ...ip, cookie: await halfSignIn() });
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({ code: TOTP_CODE_USED });
		expect(again.cookie).not.toContain('parity.session_token=');

		// Another app server on the same database knows the code is spent.
		const secondServer = await openContext();
		const elsewhere = await call(secondServer, '/two-factor/verify-totp', { code }, { ...ip, cookie: await halfSignIn() });
		expect(elsewhere.body).toMatchObject({ code: TOTP_CODE_USED });

		// Only a keyed hash is stored, never the code.
		const rows = await db.selectFrom('totp_used_code').selectAll().where('user_id', '=', user.id).execute();
		expect(rows).toHaveLength(2);
		for (const row of rows) expect([...used].some((c) => row.code_hash.includes(c))).toBe(false);

		// A wrong code is refused as wrong, and is not remembered as used.
		const wrong = [...Array(10).keys()].map((i) => `${i}${i}${i}${i}${i}${i}`).find((c) => !used.has(c))!;
		const wrongAttempt = await call(ctx, '/two-factor/verify-totp', { code: wrong }, { ...ip, cookie: await halfSignIn() });
		expect(wrongAttempt.status).toBe(401);
		expect(await db.selectFrom('totp_used_code').select('code_hash').where('user_id', '=', user.id).execute()).toHaveLength(2);

		const fresh = await unusedCode(secret, used);
		const freshAttempt = await call(ctx, '/two-factor/verify-totp', { code: fresh }, { ...ip, cookie: await halfSignIn() });
		expect(freshAttempt.status).toBe(200);
	});
});
