import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { getCommitment, listRegister, publishCommitment, reportProgress } from './commitments.service.js';

const year = new Date().getUTCFullYear() + 1;
const input = { title: '200 paid internships for Philadelphia youth', target: '200', unit: 'paid internships', due_year: String(year) };

describeEachDatabase('commitments service', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const employer = await makePartner(db, eco.id, { name: 'Helix Row' });
		const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: employer.id });
		return { ctx, db, eco, employer, admin };
	}

	it('publishes a commitment and shows its latest progress on the public register', async () => {
		const s = await setup();
		const made = await publishCommitment({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.employer.slug, input });
		if (!made.ok) throw new Error('not published');
		expect(await listRegister({ db: s.db, ecosystemId: s.eco.id })).toMatchObject([{ title: input.title, progress: null, percent: 0, partner_name: 'Helix Row' }]);
		expect(await reportProgress({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, id: made.value.id, input: { progress: '40', note: 'Summer cohort hired.' } })).toEqual({ ok: true, value: null });
		await new Promise((r) => setTimeout(r, 5));
		expect(await reportProgress({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, id: made.value.id, input: { progress: '90' } })).toEqual({ ok: true, value: null });
		expect(await listRegister({ db: s.db, ecosystemId: s.eco.id })).toMatchObject([{ progress: 90, percent: 45 }]);
		const view = await getCommitment({ db: s.db, actor: publicActor, ecosystemId: s.eco.id, id: made.value.id });
		expect(view.updates.map((u) => u.progress)).toEqual([90, 40]);
		expect(view.canUpdate).toBe(false);
		expect(await auditActions(s.db, s.eco.id)).toEqual(['commitment.progress', 'commitment.progress', 'commitment.publish']);
	});

	it('lets only the committing partner’s admin or backbone staff publish and report', async () => {
		const s = await setup();
		const other = await makePartner(s.db, s.eco.id);
		const member = await makeActor(s.ctx, { role: 'partner_member', ecosystemId: s.eco.id, partnerId: s.employer.id });
		const outsider = await makeActor(s.ctx, { role: 'partner_admin', ecosystemId: s.eco.id, partnerId: other.id });
		await expect(publishCommitment({ db: s.db, actor: member, ecosystemId: s.eco.id, partnerSlug: s.employer.slug, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const made = await publishCommitment({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.employer.slug, input });
		if (!made.ok) throw new Error('not published');
		await expect(reportProgress({ db: s.db, actor: outsider, ecosystemId: s.eco.id, id: made.value.id, input: { progress: '1' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const staff = await makeActor(s.ctx, { role: 'backbone_staff', ecosystemId: s.eco.id });
		expect((await reportProgress({ db: s.db, actor: staff, ecosystemId: s.eco.id, id: made.value.id, input: { progress: '5' } })).ok).toBe(true);
		expect(await reportProgress({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, id: made.value.id, input: { progress: '-1' } })).toMatchObject({ ok: false, issues: [{ field: 'progress' }] });
		const elsewhere = await makeEcosystem(s.db);
		await expect(getCommitment({ db: s.db, actor: publicActor, ecosystemId: elsewhere.id, id: made.value.id })).rejects.toMatchObject({ code: 'COMMITMENT_NOT_FOUND' });
		expect(await listRegister({ db: s.db, ecosystemId: elsewhere.id })).toEqual([]);
	});
});
