import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { authCall, personWithTotp, unusedCode } from '../testing/two-factor.js';
import { sessionActor } from './sessions.js';
import { resetTwoFactorAsAdmin } from './two-factor-reset.js';
import type { AppContext } from '../context.js';

const policy = { forAdmins: 'required', demo: false } as const;
const signedIn = (ctx: AppContext, cookie: string) => sessionActor(ctx, new Headers({ cookie }), policy);

describeEachDatabase('a platform admin resets a lost second factor (ASVS 5.0 V6.4.4)', (get) => {
	async function platformAdmin(ctx: AppContext) {
		const admin = await personWithTotp(ctx, uniqueEmail('admin'));
		const me = (await signedIn(ctx, admin.sessionCookie))!;
		await get().db.insertInto('platform_admin').values({ user_id: me.actor.userId, created_at: new Date().toISOString() }).execute();
		return { ...admin, ...(await signedIn(ctx, admin.sessionCookie))! };
	}

	it('removes the secret and backup codes, ends every session, audits; the password alone then signs in', async () => {
		const { ctx, db } = get();
		const admin = await platformAdmin(ctx);
		expect(admin.actor).toMatchObject({ isPlatformAdmin: true, twoFactorEnabled: true });
		const lost = await personWithTotp(ctx, uniqueEmail('lost'));
		const bystander = await personWithTotp(ctx, uniqueEmail('bystander'));
		const person = await db.selectFrom('user').select('id').where('email', '=', lost.email).executeTakeFirstOrThrow();
		expect(await signedIn(ctx, lost.sessionCookie)).not.toBeNull();

		const outcome = await resetTwoFactorAsAdmin({ db, actor: admin.actor, currentSessionId: admin.sessionId, input: { email: lost.email.toUpperCase() } });
		// Sign-up and the set-up sign-in each left a session.
		expect(outcome).toEqual({ ok: true, value: { email: lost.email, sessionsEnded: 2 } });

		expect(await db.selectFrom('twoFactor').select('id').where('userId', '=', person.id).execute()).toEqual([]);
		expect(Boolean((await db.selectFrom('user').select('twoFactorEnabled').where('id', '=', person.id).executeTakeFirstOrThrow()).twoFactorEnabled)).toBe(false);
		expect(await db.selectFrom('session').select('id').where('userId', '=', person.id).execute()).toEqual([]);
		expect(await signedIn(ctx, lost.sessionCookie)).toBeNull();
		expect(await db.selectFrom('audit_log').select(['action', 'ecosystem_id', 'actor_user_id']).where('entity_id', '=', person.id).execute()).toEqual([
			{ action: 'two_factor.reset', ecosystem_id: null, actor_user_id: admin.actor.userId }
		]);

		// The password now signs in without a code, so the person can set two-factor up again.
		const signIn = await authCall(ctx, '/sign-in/email', { email: lost.email, password: lost.password }, lost.headers);
		expect(signIn.status).toBe(200);
		expect(signIn.body).not.toMatchObject({ twoFactorRedirect: true });
		expect(signIn.cookie).toContain('parity.session_token=');

		// Nobody else is touched: the bystander still needs a code, and the admin stays signed in.
		const other = await authCall(ctx, '/sign-in/email', { email: bystander.email, password: bystander.password }, bystander.headers);
		expect(other.body).toMatchObject({ twoFactorRedirect: true });
		const code = await unusedCode(bystander.secret, bystander.used);
		expect((await authCall(ctx, '/two-factor/verify-totp', { code }, { ...bystander.headers, cookie: other.cookie })).status).toBe(200);
		expect(await signedIn(ctx, admin.sessionCookie)).not.toBeNull();
	});

	it('says plainly when there is no such person or nothing to reset', async () => {
		const { ctx, db } = get();
		const admin = await platformAdmin(ctx);
		expect(await resetTwoFactorAsAdmin({ db, actor: admin.actor, currentSessionId: admin.sessionId, input: { email: 'nobody@nowhere.example' } })).toEqual({
			ok: false,
			issues: [{ field: 'email', message: 'No account uses nobody@nowhere.example. Check the address.' }]
		});
		const email = uniqueEmail('plain');
		expect((await authCall(ctx, '/sign-up/email', { email, password: 'a long test password', name: 'Pat Plain' }, {})).status).toBe(200);
		expect(await resetTwoFactorAsAdmin({ db, actor: admin.actor, currentSessionId: admin.sessionId, input: { email } })).toEqual({
			ok: false,
			issues: [{ field: 'email', message: `${email} does not use two-factor sign-in, so there is nothing to reset.` }]
		});
		const plain = await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
		expect(await db.selectFrom('audit_log').select('id').where('entity_id', '=', plain.id).execute()).toEqual([]);
	});

	it('is refused to anyone but a platform admin, and to a platform admin without two-factor', async () => {
		const { ctx, db } = get();
		const lost = await personWithTotp(ctx, uniqueEmail('target'));
		const someone = await personWithTotp(ctx, uniqueEmail('someone'));
		const actor = (await signedIn(ctx, someone.sessionCookie))!;
		await expect(resetTwoFactorAsAdmin({ db, actor: actor.actor, currentSessionId: actor.sessionId, input: { email: lost.email } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const email = uniqueEmail('admin-no-2fa');
		const signUp = await authCall(ctx, '/sign-up/email', { email, password: 'a long test password', name: 'Ada Admin' }, {});
		const adminWithout = (await signedIn(ctx, signUp.cookie))!;
		await db.insertInto('platform_admin').values({ user_id: adminWithout.actor.userId, created_at: new Date().toISOString() }).execute();
		const refreshed = (await signedIn(ctx, signUp.cookie))!;
		expect(refreshed.actor).toMatchObject({ isPlatformAdmin: true, twoFactorEnabled: false });
		await expect(resetTwoFactorAsAdmin({ db, actor: refreshed.actor, currentSessionId: refreshed.sessionId, input: { email: lost.email } })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		expect(await db.selectFrom('twoFactor').innerJoin('user', 'user.id', 'twoFactor.userId').select('twoFactor.id').where('user.email', '=', lost.email).execute()).toHaveLength(1);
	});
});
