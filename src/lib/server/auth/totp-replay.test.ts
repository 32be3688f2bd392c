import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { authCall as call, personWithTotp, unusedCode } from '../testing/two-factor.js';
import { TOTP_CODE_USED } from './totp-replay.js';

describeEachDatabase('TOTP codes are usable once (ASVS 5.0 V6.5.1)', (get) => {
	it('accepts a code once, refuses it again (also on a second app server), and accepts a fresh one', async () => {
		const { ctx, db, openContext } = get();
		// Confirming set-up used a code too, and that code is spent.
		const { email, password, headers: ip, secret, used } = await personWithTotp(ctx, uniqueEmail('totp'));
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
