import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { publicActor } from '../auth/roles.js';
import { updateSiteContent } from '../ecosystems/ecosystems.service.js';
import { insertOutboxMessage } from '../mail/mail.repository.js';
import { readAuditLog, readOutbox } from './audit.service.js';

describeEachDatabase('audit log and outbox', (get) => {
	it('shows a backbone admin who changed what, newest first', async () => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		await updateSiteContent({ db, actor: staff, ecosystemId: eco.id, input: { name: 'First name', region: 'Here' } });
		await new Promise((resolve) => setTimeout(resolve, 5));
		await updateSiteContent({ db, actor: admin, ecosystemId: eco.id, input: { name: 'Second name', region: 'Here' } });
		const entries = await readAuditLog({ db, actor: admin, ecosystemId: eco.id });
		expect(entries.map((e) => [e.action, e.actorEmail])).toEqual([
			['ecosystem.site.update', admin.email],
			['ecosystem.site.update', staff.email]
		]);
		expect(entries[0]!.createdAt > entries[1]!.createdAt).toBe(true);
	});

	it('shows a backbone admin the outbox of their ecosystem', async () => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		await insertOutboxMessage(db, { ecosystemId: eco.id, to: 'a@example.org', subject: 'Hello', text: 'Body', kind: 'invitation' }, 'held');
		expect(await readOutbox({ db, actor: admin, ecosystemId: eco.id })).toMatchObject([{ to: 'a@example.org', subject: 'Hello', status: 'held', lastError: null }]);
	});

	it.each(['backbone_staff', 'partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const actor = await makeActor(ctx, { role, ecosystemId: eco.id });
		await expect(readAuditLog({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(readOutbox({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});

	it('asks a backbone admin without two-factor sign-in to set it up first', async () => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id, twoFactor: false });
		await expect(readAuditLog({ db, actor: admin, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		await expect(readOutbox({ db, actor: admin, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
	});

	it('sends a signed-out visitor to sign in', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		await expect(readAuditLog({ db, actor: publicActor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		await expect(readOutbox({ db, actor: publicActor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
	});
});
