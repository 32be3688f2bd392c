import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makeEvent, registrationInput, uniqueEmail } from '../testing/factories.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { cancelRegistrationByToken, getRegistrationByToken, registerForEvent, sendDueReminders } from './events.service.js';

const origin = 'http://localhost';
const linkIn = (mail: ReceivedMail) => /\/events\/registration\/([A-Za-z0-9_-]+)/.exec(mail.body)?.[1] ?? '';

describeEachDatabase('event email over SMTP', (get) => {
	const received: ReceivedMail[] = [];
	let smtp: TestSmtp | undefined;
	let ctx: AppContext;
	const mailTo = (email: string) => received.filter((m) => m.to.includes(email));
	const register = (ecosystemId: string, slug: string, email: string) =>
		registerForEvent({ ctx, actor: publicActor, ecosystemId, slug, input: registrationInput({ email, name: 'Sam' }), locale: 'en', origin });

	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'Parity <events@parity.example>' });
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	it('emails the seat holder, the wait-listed person, and the promotion with a link that works, in the ecosystem’s name', async () => {
		const eco = await makeEcosystem(ctx.db.kysely, { name: 'Lehigh Valley STEM' });
		const event = await makeEvent(ctx.db.kysely, eco.id, { capacity: 1, title: 'Coding club open house', format: 'hybrid', online_url: 'https://meet.example.org/open-house' });
		const [first, second] = [uniqueEmail('first'), uniqueEmail('second')];
		await register(eco.id, event.slug, first);
		await register(eco.id, event.slug, second);

		const [confirmation] = mailTo(first);
		expect(confirmation!.subject).toBe('You are registered: Coding club open house');
		expect(confirmation!.headers['from']).toBe('Lehigh Valley STEM <events@parity.example>');
		expect(confirmation!.body).toContain('Join online: https://meet.example.org/open-house');
		expect(mailTo(second).map((m) => m.subject)).toEqual(['You are on the waiting list: Coding club open house']);
		expect(mailTo(second)[0]!.body).not.toContain('meet.example.org');

		expect(await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: linkIn(confirmation!), origin })).toEqual({ cancelled: true, promoted: 1 });
		const promotion = mailTo(second)[1]!;
		expect(promotion.subject).toBe('A seat opened up: you are registered for Coding club open house');
		expect(promotion.body).toContain('Join online: https://meet.example.org/open-house');
		expect(await getRegistrationByToken({ db: ctx.db.kysely, ecosystemId: eco.id, token: linkIn(promotion) })).toMatchObject({
			registration: { email: second, status: 'confirmed' },
			onlineUrl: 'https://meet.example.org/open-house'
		});
		expect(await ctx.db.kysely.selectFrom('outbox').select(['kind', 'status']).where('ecosystem_id', '=', eco.id).orderBy('created_at').execute()).toEqual([
			{ kind: 'event_confirmed', status: 'sent' },
			{ kind: 'event_waitlisted', status: 'sent' },
			{ kind: 'event_promoted', status: 'sent' }
		]);
	});

	it('sends each reminder once, however often the reminder run repeats', async () => {
		const eco = await makeEcosystem(ctx.db.kysely);
		const event = await makeEvent(ctx.db.kysely, eco.id, { title: 'Mentor training', starts_at: '2031-09-01T14:00:00.000Z', ends_at: '2031-09-01T16:00:00.000Z', reminder_hours: 48 });
		const emails = [uniqueEmail('r1'), uniqueEmail('r2'), uniqueEmail('r3')];
		for (const email of emails) await register(eco.id, event.slug, email);
		const now = '2031-08-30T15:00:00.000Z';
		const runs = await Promise.all([sendDueReminders({ ctx, origin, now }), sendDueReminders({ ctx, origin, now })]);
		expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(3);
		expect(await sendDueReminders({ ctx, origin, now })).toBe(0);
		for (const email of emails) {
			const reminders = mailTo(email).filter((m) => m.subject === 'Reminder: Mentor training is coming up');
			expect(reminders, email).toHaveLength(1);
			expect(await getRegistrationByToken({ db: ctx.db.kysely, ecosystemId: eco.id, token: linkIn(reminders[0]!) })).toMatchObject({ registration: { email } });
		}
	});

	it('keeps mail queued while SMTP is down and delivers each message exactly once after it returns, even with two senders at once', async () => {
		const eco = await makeEcosystem(ctx.db.kysely);
		const event = await makeEvent(ctx.db.kysely, eco.id, { title: 'Science fair judging' });
		const emails = Array.from({ length: 6 }, (_, i) => uniqueEmail(`down${i}`));
		await register(eco.id, event.slug, emails[0]!);
		const port = smtp!.port;
		await smtp!.stop();
		smtp = undefined;
		for (const email of emails.slice(1)) await register(eco.id, event.slug, email);
		const rows = () => ctx.db.kysely.selectFrom('outbox').select(['to_address', 'status', 'attempts', 'last_error']).where('ecosystem_id', '=', eco.id).orderBy('created_at').execute();
		expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ...emails.slice(1).map(() => ['queued', 1])]);
		expect((await rows())[1]!.last_error).toMatch(/ECONNREFUSED/);

		smtp = await startSmtp(received, port);
		const later = new Date(Date.now() + 61_000); // past the first back-off
		await Promise.all([ctx.mailer.flush({ now: later }), ctx.mailer.flush({ now: later })]);
		expect(await ctx.mailer.flush({ now: later })).toBe(0);
		expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
		for (const email of emails) expect(mailTo(email), email).toHaveLength(1);
	});
});
