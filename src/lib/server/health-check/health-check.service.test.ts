import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { answerSelfCheck, closeRound, getNetworkResults, getPartnerAnswers, getPartnerSelfCheck, openRound } from './health-check.service.js';

const answers = (a: number, b: number, c: number, d: number, e: number, comment?: string) => ({
	common_agenda: String(a),
	shared_measurement: String(b),
	mutually_reinforcing_activities: String(c),
	continuous_communication: String(d),
	backbone_support: String(e),
	comment
});

describeEachDatabase('collective-health self-check', (get) => {
	async function network() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const partners = await Promise.all([1, 2, 3].map(() => makePartner(db, eco.id)));
		const admins = await Promise.all(partners.map((p) => makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: p.id })));
		return { ctx, db, eco, staff, partners, admins };
	}

	it('shows the network only the count until three partners answered, then the aggregate; answers stay with the backbone', async () => {
		const { ctx, db, eco, staff, partners, admins } = await network();
		expect(await openRound({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Spring 2027 self-check', year: '2027' } })).toMatchObject({ ok: true });
		const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await answerSelfCheck({ db, actor: admins[0]!, ecosystemId: eco.id, partnerSlug: partners[0]!.slug, input: answers(1, 5, 3, 2, 4, 'We mostly hear about decisions afterwards.') });
		await answerSelfCheck({ db, actor: admins[1]!, ecosystemId: eco.id, partnerSlug: partners[1]!.slug, input: answers(2, 5, 3, 2, 4) });
		const early = (await getNetworkResults({ db, actor: educator, ecosystemId: eco.id })).rounds[0]!;
		expect(early.aggregate).toMatchObject({ responses: 2, shown: false });
		expect(early.aggregate.conditions.every((c) => c.mean === null)).toBe(true);

		await answerSelfCheck({ db, actor: admins[2]!, ecosystemId: eco.id, partnerSlug: partners[2]!.slug, input: answers(3, 4, 3, 5, 1) });
		// Answering again replaces the partner's answer.
		await answerSelfCheck({ db, actor: admins[2]!, ecosystemId: eco.id, partnerSlug: partners[2]!.slug, input: answers(3, 4, 3, 5, 1) });
		const round = (await getNetworkResults({ db, actor: educator, ecosystemId: eco.id })).rounds[0]!;
		expect(round.aggregate.responses).toBe(3);
		expect(round.aggregate.conditions.find((c) => c.condition === 'common_agenda')).toEqual({ condition: 'common_agenda', mean: 2, distribution: [1, 1, 1, 0, 0] });

		await expect(getPartnerAnswers({ db, actor: educator, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getPartnerAnswers({ db, actor: admins[0]!, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const individual = await getPartnerAnswers({ db, actor: staff, ecosystemId: eco.id });
		expect(individual[0]!.responses.map((r) => r.comment).filter(Boolean)).toEqual(['We mostly hear about decisions afterwards.']);
		expect(await auditActions(db, eco.id)).toEqual(['health_check.answer', 'health_check.answer', 'health_check.answer', 'health_check.answer', 'health_check.round.open']);
	});

	it('lets a partner admin answer only for their own partner, only while a round is open, listing every missing answer', async () => {
		const { ctx, db, eco, staff, partners, admins } = await network();
		expect(await answerSelfCheck({ db, actor: admins[0]!, ecosystemId: eco.id, partnerSlug: partners[0]!.slug, input: answers(1, 1, 1, 1, 1) })).toEqual({
			ok: false,
			issues: [{ field: 'form', message: 'There is no open self-check to answer right now.' }]
		});
		const opened = await openRound({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Autumn', year: '2027' } });
		if (!opened.ok) throw new Error('not opened');
		await expect(answerSelfCheck({ db, actor: admins[0]!, ecosystemId: eco.id, partnerSlug: partners[1]!.slug, input: answers(1, 1, 1, 1, 1) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partners[0]!.id });
		await expect(getPartnerSelfCheck({ db, actor: member, ecosystemId: eco.id, partnerSlug: partners[0]!.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getPartnerSelfCheck({ db, actor: publicActor, ecosystemId: eco.id, partnerSlug: partners[0]!.slug })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		const bad = await answerSelfCheck({ db, actor: admins[0]!, ecosystemId: eco.id, partnerSlug: partners[0]!.slug, input: { common_agenda: '2' } });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['shared_measurement', 'mutually_reinforcing_activities', 'continuous_communication', 'backbone_support']);
		await closeRound({ db, actor: staff, ecosystemId: eco.id, roundId: opened.value.id });
		expect((await getPartnerSelfCheck({ db, actor: admins[0]!, ecosystemId: eco.id, partnerSlug: partners[0]!.slug })).round).toBeNull();
	});

	it('keeps ecosystems apart', async () => {
		const { ctx, db, eco, staff } = await network();
		const other = await makeEcosystem(db);
		const otherStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: other.id });
		const opened = await openRound({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Ours', year: '2027' } });
		if (!opened.ok) throw new Error('not opened');
		await expect(closeRound({ db, actor: otherStaff, ecosystemId: other.id, roundId: opened.value.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(closeRound({ db, actor: otherStaff, ecosystemId: eco.id, roundId: opened.value.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await getNetworkResults({ db, actor: otherStaff, ecosystemId: other.id })).rounds).toEqual([]);
		expect((await getNetworkResults({ db, actor: staff, ecosystemId: eco.id })).rounds[0]!.open).toBe(true);
	});
});
