import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { startSmtp, type Received } from '../testing/smtp.js';
import type { AppContext } from '../context.js';
import { createAction, createResult, sendActionReminders } from './agenda.service.js';

describeEachDatabase('action reminders over SMTP', (get) => {
	const received: Received[] = [];
	let smtp: { port: number; stop(): Promise<void> } | undefined;
	let ctx: AppContext;

	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	it('emails the owner of an overdue action in the sender’s language and marks the outbox row sent', async () => {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Lehigh Valley STEM' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const owner = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id });
		const result = await createResult({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Girls in computing', statement: 'Girls take computing courses as often as boys.' } });
		if (!result.ok) throw new Error('no result');
		await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: result.value.id, title: 'Book the spring coding fair', owner_user_id: owner.userId, due_on: '2021-03-01' } });

		expect(await sendActionReminders({ ctx, actor: staff, ecosystemId: eco.id, locale: 'es', origin: 'http://localhost' })).toEqual({ sent: 1 });
		const mail = received.filter((m) => m.to.includes(owner.email));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toBe('Acción vencida: Book the spring coding fair (Lehigh Valley STEM)');
		expect(mail[0]!.body).toContain('Fecha límite: 2021-03-01');
		expect(mail[0]!.body).toContain(`http://localhost/e/${eco.slug}/admin/agenda#actions`);
		const row = await db.selectFrom('outbox').select(['status', 'kind']).where('to_address', '=', owner.email).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'sent', kind: 'agenda_action_reminder' });
	});
});
