import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { smtpSuite } from '../testing/smtp.js';
import { uniqueEmail } from '../testing/factories.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { sessionActor } from './sessions.js';
import { describeUserAgent, endMySessions, endSessionsAsAdmin, listMySessions, maskAddress } from './account-sessions.js';
import type { AppContext } from '../context.js';
import { authRequest, testOrigin } from '../testing/auth-http.js';

const origin = testOrigin;
const policy = { forAdmins: 'required', demo: false } as const;
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

describe('how a session is shown', () => {
	it.each([
		['203.0.113.57', '203.0.113.x'],
		['::ffff:198.51.100.4', '198.51.100.x'],
		['2001:db8:85a3:0:0:8a2e:370:7334', '2001:db8:85a3:…'],
		['not an address', null],
		[null, null]
	])('address %s → %s', (address, shown) => expect(maskAddress(address)).toBe(shown));

	it.each([
		[FIREFOX_WINDOWS, { browser: 'Firefox', system: 'Windows' }],
		[SAFARI_IPHONE, { browser: 'Safari', system: 'iOS' }],
		[CHROME_ANDROID, { browser: 'Chrome', system: 'Android' }],
		['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', { browser: 'Edge', system: 'macOS' }],
		['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', system: 'Linux' }],
		['curl/8.5.0', { browser: 'curl', system: null }],
		['something odd', null],
		[null, null]
	])('user agent %s', (agent, device) => expect(describeUserAgent(agent)).toEqual(device));
});

const post = authRequest;

const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='))!.split(';')[0]!;

/** One account signed in from several browsers: a cookie per browser. */
async function personWithBrowsers(ctx: AppContext, agents: string[], password = 'granite lantern orchard') {
	const email = uniqueEmail('browsers');
	const headers = (agent: string) => ({ [CLIENT_IP_HEADER]: `203.0.${randomInt(256)}.${randomInt(1, 255)}`, 'user-agent': agent });
	expect((await post(ctx, '/sign-up/email', { email, password, name: 'Morgan Browsers' }, headers('setup'))).status).toBe(200);
	const cookies: string[] = [];
	for (const agent of agents) {
		const signIn = await post(ctx, '/sign-in/email', { email, password }, headers(agent));
		expect(signIn.status).toBe(200);
		cookies.push(sessionCookie(signIn));
	}
	return { email, password, cookies };
}

const signedIn = (ctx: AppContext, cookie: string) => sessionActor(ctx, new Headers({ cookie }), policy);

describeEachDatabase('a person’s own sessions (ASVS 5.0 V7.5.2)', (get) => {
	it('lists each browser, masked, and ends one other session, then all the others, only with the password', async () => {
		const { ctx } = get();
		const { password, cookies } = await personWithBrowsers(ctx, [FIREFOX_WINDOWS, SAFARI_IPHONE, CHROME_ANDROID]);
		const [here, phone, tablet] = cookies as [string, string, string];
		const me = (await signedIn(ctx, here))!;
		const sessions = await listMySessions({ db: ctx.db.kysely, actor: me.actor, currentSessionId: me.sessionId });
		// Sign-up signed in a fourth browser ("setup"), shown as unknown.
		expect(sessions).toHaveLength(4);
		expect(sessions[0]).toMatchObject({ id: me.sessionId, current: true, device: { browser: 'Firefox', system: 'Windows' } });
		expect(sessions.every((s) => /^203\.0\.\d+\.x$/.test(s.address ?? ''))).toBe(true);
		expect(sessions.map((s) => s.device?.browser ?? null).sort()).toEqual(['Chrome', 'Firefox', 'Safari', null].sort());
		const phoneSession = sessions.find((s) => s.device?.browser === 'Safari')!;

		const headers = new Headers({ cookie: here });
		const wrong = await endMySessions({ ctx, actor: me.actor, headers, currentSessionId: me.sessionId, input: { sessionPassword: 'not my password', end: phoneSession.id } });
		expect(wrong).toEqual({ ok: false, issues: [{ field: 'sessionPassword', message: 'That password is not right.' }] });
		const missing = await endMySessions({ ctx, actor: me.actor, headers, currentSessionId: me.sessionId, input: { end: phoneSession.id } });
		expect(missing.ok).toBe(false);
		expect(await signedIn(ctx, phone)).not.toBeNull();

		expect(await endMySessions({ ctx, actor: me.actor, headers, currentSessionId: me.sessionId, input: { sessionPassword: password, end: phoneSession.id } })).toEqual({ ok: true, value: { ended: 'one', count: 1 } });
		expect(await signedIn(ctx, phone)).toBeNull();
		expect(await signedIn(ctx, tablet)).not.toBeNull();
		expect(await signedIn(ctx, here)).not.toBeNull();

		expect(await endMySessions({ ctx, actor: me.actor, headers, currentSessionId: me.sessionId, input: { sessionPassword: password, end: 'others' } })).toEqual({ ok: true, value: { ended: 'others', count: 2 } });
		expect(await signedIn(ctx, tablet)).toBeNull();
		expect(await signedIn(ctx, here)).not.toBeNull();
		expect((await listMySessions({ db: ctx.db.kysely, actor: me.actor, currentSessionId: me.sessionId })).map((s) => s.id)).toEqual([me.sessionId]);
	});

	it('cannot end someone else’s session, nor its own current one', async () => {
		const { ctx } = get();
		const mine = await personWithBrowsers(ctx, [FIREFOX_WINDOWS]);
		const theirs = await personWithBrowsers(ctx, [SAFARI_IPHONE]);
		const me = (await signedIn(ctx, mine.cookies[0]!))!;
		const them = (await signedIn(ctx, theirs.cookies[0]!))!;
		const headers = new Headers({ cookie: mine.cookies[0]! });
		for (const end of [them.sessionId, me.sessionId]) {
			expect(await endMySessions({ ctx, actor: me.actor, headers, currentSessionId: me.sessionId, input: { sessionPassword: mine.password, end } })).toEqual({ ok: true, value: { ended: 'gone', count: 0 } });
		}
		expect(await signedIn(ctx, theirs.cookies[0]!)).not.toBeNull();
		expect(await signedIn(ctx, mine.cookies[0]!)).not.toBeNull();
	});

	it('stops password guessing through the form after ten tries', async () => {
		const { ctx } = get();
		const { password, cookies } = await personWithBrowsers(ctx, [FIREFOX_WINDOWS, SAFARI_IPHONE]);
		const me = (await signedIn(ctx, cookies[0]!))!;
		const attempt = (sessionPassword: string) => endMySessions({ ctx, actor: me.actor, headers: new Headers({ cookie: cookies[0]! }), currentSessionId: me.sessionId, input: { sessionPassword, end: 'others' } });
		for (let i = 0; i < 10; i++) expect((await attempt(`guess number ${i}`)).ok).toBe(false);
		const eleventh = await attempt(password);
		expect(eleventh).toEqual({ ok: false, issues: [{ field: 'sessionPassword', message: 'Too many password attempts. Wait a few minutes and try again.' }] });
		expect(await signedIn(ctx, cookies[1]!)).not.toBeNull();
	});
});

describeEachDatabase('a password reset by the emailed link ends every session (ASVS 5.0 V7.4.3, V6.4.3)', (get) => {
	const suite = smtpSuite(get);

	it('the link from the real SMTP message resets the password, and no earlier session works afterwards', async () => {
		const ctx = suite.ctx;
		const { email, password, cookies } = await personWithBrowsers(ctx, [FIREFOX_WINDOWS, SAFARI_IPHONE]);
		expect(await signedIn(ctx, cookies[0]!)).not.toBeNull();
		const requested = await post(ctx, '/request-password-reset', { email, redirectTo: '/reset-password' }, { [CLIENT_IP_HEADER]: '192.0.2.77' });
		expect(requested.status).toBe(200);
		const mail = suite.received.filter((m) => m.to.includes(email) && m.subject === 'Reset your Parity password');
		expect(mail).toHaveLength(1);
		const link = mail[0]!.body.match(/http:\/\/localhost\/api\/auth\/reset-password\/[A-Za-z0-9_-]+\?callbackURL=[^\s"<>]+/)![0];
		// Opening the link redirects to the reset page with the token, as a browser would follow.
		const opened = await ctx.auth.handler(new Request(link, { headers: { [CLIENT_IP_HEADER]: '192.0.2.77' } }));
		expect(opened.status).toBe(302);
		const token = new URL(opened.headers.get('location')!, origin).searchParams.get('token')!;
		expect(token).toBeTruthy();

		const reset = await post(ctx, '/reset-password', { newPassword: 'quartz meadow violin', token }, { [CLIENT_IP_HEADER]: '192.0.2.77' });
		expect(reset.status).toBe(200);
		for (const cookie of cookies) expect(await signedIn(ctx, cookie)).toBeNull();
		expect(await ctx.db.kysely.selectFrom('session').innerJoin('user', 'user.id', 'session.userId').select('session.id').where('user.email', '=', email).execute()).toEqual([]);
		expect((await post(ctx, '/sign-in/email', { email, password }, { [CLIENT_IP_HEADER]: '192.0.2.78' })).status).toBe(401);
		expect((await post(ctx, '/sign-in/email', { email, password: 'quartz meadow violin' }, { [CLIENT_IP_HEADER]: '192.0.2.78' })).status).toBe(200);
	});

	it('a changed password ends the other sessions when asked to, as the account page asks', async () => {
		const ctx = suite.ctx;
		const { password, cookies } = await personWithBrowsers(ctx, [FIREFOX_WINDOWS, SAFARI_IPHONE]);
		const change = await post(ctx, '/change-password', { currentPassword: password, newPassword: 'quartz meadow violin', revokeOtherSessions: true }, { cookie: cookies[0]! });
		expect(change.status).toBe(200);
		// better-auth hands the changing browser a fresh session; the old cookie and the other browser are out.
		expect(await signedIn(ctx, sessionCookie(change))).not.toBeNull();
		expect(await signedIn(ctx, cookies[1]!)).toBeNull();
	});
});

describeEachDatabase('a platform admin ends sessions (ASVS 5.0 V7.4.5)', (get) => {
	it('ends every session of one person at once, audited; nobody else is touched', async () => {
		const { ctx, db } = get();
		const admin = await personWithBrowsers(ctx, [FIREFOX_WINDOWS]);
		await db.insertInto('platform_admin').values({ user_id: (await signedIn(ctx, admin.cookies[0]!))!.actor.userId, created_at: new Date().toISOString() }).execute();
		const me = (await signedIn(ctx, admin.cookies[0]!))!;
		expect(me.actor.isPlatformAdmin).toBe(true);
		const adminActor = { ...me.actor, twoFactorEnabled: true };
		const leaving = await personWithBrowsers(ctx, [SAFARI_IPHONE, CHROME_ANDROID]);
		const staying = await personWithBrowsers(ctx, [FIREFOX_WINDOWS]);

		const outcome = await endSessionsAsAdmin({ db, actor: adminActor, currentSessionId: me.sessionId, input: { scope: 'person', email: leaving.email.toUpperCase() } });
		// Sign-up signed the person in a third time.
		expect(outcome).toEqual({ ok: true, value: { scope: 'person', email: leaving.email, ended: 3 } });
		for (const cookie of leaving.cookies) expect(await signedIn(ctx, cookie)).toBeNull();
		expect(await signedIn(ctx, staying.cookies[0]!)).not.toBeNull();
		expect(await signedIn(ctx, admin.cookies[0]!)).not.toBeNull();
		expect(await db.selectFrom('audit_log').select(['action', 'ecosystem_id']).where('entity_id', '=', (await db.selectFrom('user').select('id').where('email', '=', leaving.email).executeTakeFirstOrThrow()).id).execute()).toEqual([{ action: 'sessions.end_person', ecosystem_id: null }]);

		expect(await endSessionsAsAdmin({ db, actor: adminActor, currentSessionId: me.sessionId, input: { scope: 'person', email: 'nobody@nowhere.example' } })).toEqual({
			ok: false,
			issues: [{ field: 'email', message: 'No account uses nobody@nowhere.example. Check the address.' }]
		});
	});

	it('ends everyone’s sessions but the admin’s own', async () => {
		const { ctx, db } = get();
		const admin = await personWithBrowsers(ctx, [FIREFOX_WINDOWS]);
		const me = (await signedIn(ctx, admin.cookies[0]!))!;
		await db.insertInto('platform_admin').values({ user_id: me.actor.userId, created_at: new Date().toISOString() }).execute();
		const adminActor = { ...(await signedIn(ctx, admin.cookies[0]!))!.actor, twoFactorEnabled: true };
		const other = await personWithBrowsers(ctx, [SAFARI_IPHONE]);
		const outcome = await endSessionsAsAdmin({ db, actor: adminActor, currentSessionId: me.sessionId, input: { scope: 'everyone' } });
		expect(outcome.ok && outcome.value.ended).toBeGreaterThanOrEqual(2);
		expect(await signedIn(ctx, other.cookies[0]!)).toBeNull();
		expect(await signedIn(ctx, admin.cookies[0]!)).not.toBeNull();
		expect(await db.selectFrom('session').select('id').execute()).toEqual([{ id: me.sessionId }]);
	});

	it('is refused to anyone but a platform admin, and to one without two-factor', async () => {
		const { ctx, db } = get();
		const person = await personWithBrowsers(ctx, [FIREFOX_WINDOWS]);
		const me = (await signedIn(ctx, person.cookies[0]!))!;
		await expect(endSessionsAsAdmin({ db, actor: me.actor, currentSessionId: me.sessionId, input: { scope: 'everyone' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await db.insertInto('platform_admin').values({ user_id: me.actor.userId, created_at: new Date().toISOString() }).execute();
		const withoutTwoFactor = (await signedIn(ctx, person.cookies[0]!))!;
		await expect(endSessionsAsAdmin({ db, actor: withoutTwoFactor.actor, currentSessionId: me.sessionId, input: { scope: 'everyone' } })).rejects.toMatchObject({ code: expect.stringMatching(/TWO_FACTOR|FORBIDDEN/) });
		expect(await signedIn(ctx, person.cookies[0]!)).not.toBeNull();
	});
});
