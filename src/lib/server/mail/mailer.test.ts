import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makeUser, uniqueEmail } from '../testing/factories.js';
import { CLIENT_IP_HEADER } from '../auth/better-auth.js';
import { inviteMember } from '../members/members.service.js';
import { smtpSuite, startSmtp } from '../testing/smtp.js';

const origin = 'http://localhost';

describeEachDatabase('email over SMTP', (get) => {
	const suite = smtpSuite(get);
	const { received } = suite;

	it('delivers an invitation and marks its outbox row sent', async () => {
		const eco = await makeEcosystem(suite.ctx.db.kysely, { name: 'Lehigh Valley STEM' });
		const admin = await makeActor(suite.ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const email = uniqueEmail('invitee');
		const outcome = await inviteMember({ ctx: suite.ctx, actor: admin, ecosystemId: eco.id, input: { email, role: 'educator' }, origin, locale: 'en' });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));

		const mail = received.filter((m) => m.to.includes(email));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toBe('You are invited to join Lehigh Valley STEM on Parity');
		expect(mail[0]!.body).toContain(`${origin}/invite/${outcome.value.token}`);
		expect(await suite.ctx.db.kysely.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('to_address', '=', email).execute()).toEqual([
			{ status: 'sent', attempts: 1, last_error: null }
		]);
	});

	it('delivers a password reset requested through better-auth’s HTTP endpoint', async () => {
		const user = await makeUser(suite.ctx);
		const response = await suite.ctx.auth.handler(
			new Request(`${origin}/api/auth/request-password-reset`, {
				method: 'POST',
				headers: { origin, 'content-type': 'application/json', [CLIENT_IP_HEADER]: '192.0.2.10' },
				body: JSON.stringify({ email: user.email, redirectTo: '/reset-password' })
			})
		);
		expect(response.status).toBe(200);

		const mail = received.filter((m) => m.to.includes(user.email));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toBe('Reset your Parity password');
		expect(mail[0]!.body).toMatch(new RegExp(`${origin}/api/auth/reset-password/[A-Za-z0-9_-]+\\?callbackURL=%2Freset-password`));
		expect(await suite.ctx.db.kysely.selectFrom('outbox').select(['status', 'kind']).where('to_address', '=', user.email).execute()).toEqual([
			{ status: 'sent', kind: 'password_reset' }
		]);
	});

	it('keeps a message queued with the error while SMTP is down, and sends it once on the next flush', async () => {
		const eco = await makeEcosystem(suite.ctx.db.kysely);
		const admin = await makeActor(suite.ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const email = uniqueEmail('later');
		const port = suite.smtp!.port;
		await suite.smtp!.stop();
		suite.smtp = undefined;

		const outcome = await inviteMember({ ctx: suite.ctx, actor: admin, ecosystemId: eco.id, input: { email, role: 'educator' }, origin, locale: 'es' });
		expect(outcome.ok).toBe(true);
		const row = () => suite.ctx.db.kysely.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('to_address', '=', email).executeTakeFirstOrThrow();
		expect(await row()).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED/) });
		expect(received.filter((m) => m.to.includes(email))).toEqual([]);

		suite.smtp = await startSmtp(received, port);
		// Backed off: not tried again before a minute has passed.
		const queued = await suite.ctx.db.kysely.selectFrom('outbox').select('next_attempt_at').where('to_address', '=', email).executeTakeFirstOrThrow();
		expect(Date.parse(queued.next_attempt_at!) - Date.now()).toBeGreaterThan(50_000);
		await suite.ctx.mailer.flush();
		expect(await row()).toMatchObject({ status: 'queued', attempts: 1 });
		expect(await suite.ctx.mailer.flush({ now: new Date(Date.now() + 61_000) })).toBeGreaterThanOrEqual(1);
		expect(await row()).toEqual({ status: 'sent', attempts: 2, last_error: null });
		expect(await suite.ctx.mailer.flush({ now: new Date(Date.now() + 61_000) })).toBe(0);
		const mail = received.filter((m) => m.to.includes(email));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toContain('Parity');
	});
});
