import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { closeNeed, closeOffer, connectNeedAndOffer, editOffer, getNeedWithSuggestions, getOfferForEdit, listBoard, postNeed, postOffer, saveMatchmakingWeights } from './matchmaking.service.js';

const need = { kind: 'speaker', title: 'A scientist for 9th-grade biology', subject: 'biology', grade_band: '9_12', zip: '19121', needed_from: '2027-03-01', needed_by: '2027-03-31', focus_share: '85' };
const offer = (o: Record<string, unknown> = {}) => ({ kind: 'speaker', title: 'Our lab scientists visit classrooms', subjects: ['biology', 'chemistry'], grade_bands: ['9_12'], zip: '19122', available_from: '2027-01-01', available_until: '2027-06-30', ...o });

describeEachDatabase('matchmaking service', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const [lab, farLab, other] = [await makePartner(db, eco.id, { name: 'Helix Lab' }), await makePartner(db, eco.id, { name: 'Far Lab' }), await makePartner(db, eco.id)];
		const teacher = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Ms. Lee' });
		const labStaff = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: lab.id });
		const farStaff = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: farLab.id });
		return { ctx, db, eco, lab, farLab, other, teacher, labStaff, farStaff };
	}

	it('suggests the nearer, better-fitting offer first and explains why', async () => {
		const s = await setup();
		const posted = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		if (!posted.ok) throw new Error('need not posted');
		expect((await postOffer({ db: s.db, actor: s.farStaff, ecosystemId: s.eco.id, partnerSlug: s.farLab.slug, input: offer({ zip: '19154' }) })).ok).toBe(true);
		expect((await postOffer({ db: s.db, actor: s.labStaff, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer() })).ok).toBe(true);
		expect((await postOffer({ db: s.db, actor: s.labStaff, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer({ kind: 'equipment', title: 'Microscopes to borrow' }) })).ok).toBe(true);
		const view = await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id });
		expect(view.suggestions.map((x) => x.offer.partnerName)).toEqual(['Helix Lab', 'Far Lab']);
		expect(view.suggestions[0]!.reasons).toEqual([
			{ code: 'subject', subject: 'biology' },
			{ code: 'grade', band: '9_12' },
			{ code: 'distance', miles: 1.5 },
			{ code: 'timing', from: '2027-03-01', until: '2027-03-31' },
			{ code: 'priority', share: 85 }
		]);
		expect(view.suggestions.every((x) => x.canConnect)).toBe(true);
	});

	it('connects the two sides once, emails the other side, and the backbone sees who is still waiting', async () => {
		const s = await setup();
		const first = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		const second = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: { ...need, title: 'Robotics coach after school', kind: 'coach' } });
		const made = await postOffer({ db: s.db, actor: s.labStaff, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer() });
		if (!first.ok || !second.ok || !made.ok) throw new Error('not posted');
		const connect = (actor = s.labStaff) => connectNeedAndOffer({ ctx: s.ctx, actor, ecosystemId: s.eco.id, needId: first.value.id, offerId: made.value.id, message: 'We can come on March 12.' });
		const stranger = await makeActor(s.ctx, { role: 'partner_admin', ecosystemId: s.eco.id, partnerId: s.other.id });
		await expect(connect(stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await connect()).toEqual({ ok: true, value: null });
		expect(await connect(s.teacher)).toMatchObject({ ok: false, issues: [{ field: 'offer' }] });
		const mail = await s.db.selectFrom('outbox').select(['to_address', 'kind', 'body_text']).where('ecosystem_id', '=', s.eco.id).execute();
		expect(mail).toMatchObject([{ to_address: s.teacher.email, kind: 'match_connection' }]);
		expect(mail[0]!.body_text).toContain('We can come on March 12.');
		const staff = await makeActor(s.ctx, { role: 'backbone_staff', ecosystemId: s.eco.id });
		const later = new Date(Date.now() + 3 * 86_400_000 + 60_000);
		const board = await listBoard({ db: s.db, actor: staff, ecosystemId: s.eco.id, now: later });
		expect(board.unanswered!.map((n) => [n.title, n.waitingDays])).toEqual([['Robotics coach after school', 3]]);
		expect((await listBoard({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id })).unanswered).toBeNull();
		expect(await auditActions(s.db, s.eco.id)).toEqual(['match.connect', 'need.post', 'need.post', 'offer.post']);
	});

	it('uses the ecosystem’s weights once backbone staff change them', async () => {
		const s = await setup();
		const posted = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		await postOffer({ db: s.db, actor: s.labStaff, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer() });
		if (!posted.ok) throw new Error('not posted');
		const staff = await makeActor(s.ctx, { role: 'backbone_staff', ecosystemId: s.eco.id });
		await expect(saveMatchmakingWeights({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await saveMatchmakingWeights({ db: s.db, actor: staff, ecosystemId: s.eco.id, input: { subject: '100', grade: '0', distance: '0', timing: '0', priority: '0', maxMiles: '10' } })).toEqual({ ok: true, value: null });
		const view = await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id });
		expect(view.suggestions.map((x) => x.score)).toEqual([100]);
	});

	it('lets the poster close a need as answered or no longer needed; the board and the waiting list drop it', async () => {
		const s = await setup();
		const posted = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		if (!posted.ok) throw new Error('not posted');
		const close = (actor: typeof s.teacher, input: unknown) => closeNeed({ db: s.db, actor, ecosystemId: s.eco.id, needId: posted.value.id, input });
		await expect(close(s.labStaff, { reason: 'answered' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await close(s.teacher, { reason: 'maybe' })).toMatchObject({ ok: false, issues: [{ field: 'reason' }] });
		expect((await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id })).canClose).toBe(true);
		expect(await close(s.teacher, { reason: 'not_needed' })).toEqual({ ok: true, value: null });
		expect(await close(s.teacher, { reason: 'answered' })).toMatchObject({ ok: false, issues: [{ field: 'reason', message: 'This need is already closed.' }] });
		const view = await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id });
		expect(view.need).toMatchObject({ closed_reason: 'not_needed', closed_at: expect.any(String) });
		expect(view.canClose).toBe(false);
		const staff = await makeActor(s.ctx, { role: 'backbone_staff', ecosystemId: s.eco.id });
		const board = await listBoard({ db: s.db, actor: staff, ecosystemId: s.eco.id });
		expect([board.needs, board.unanswered]).toEqual([[], []]);
		// Backbone staff may close someone else's need.
		const second = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		if (!second.ok) throw new Error('not posted');
		expect(await closeNeed({ db: s.db, actor: staff, ecosystemId: s.eco.id, needId: second.value.id, input: { reason: 'answered' } })).toEqual({ ok: true, value: null });
		expect(await auditActions(s.db, s.eco.id)).toEqual(['need.close', 'need.close', 'need.post', 'need.post']);
	});

	it('lets the offering partner edit and close an offer, which is then no longer suggested', async () => {
		const s = await setup();
		const posted = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
		const made = await postOffer({ db: s.db, actor: s.labStaff, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer() });
		if (!posted.ok || !made.ok) throw new Error('not posted');
		const args = { db: s.db, ecosystemId: s.eco.id, offerId: made.value.id };
		await expect(getOfferForEdit({ ...args, actor: s.farStaff })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(editOffer({ ...args, actor: s.teacher, input: offer() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await editOffer({ ...args, actor: s.labStaff, input: offer({ title: 'Lab scientists visit (spring only)', available_until: '2027-03-15' }) })).toEqual({ ok: true, value: null });
		expect(await getOfferForEdit({ ...args, actor: s.labStaff })).toMatchObject({ title: 'Lab scientists visit (spring only)', subjects: ['biology', 'chemistry'] });
		const bad = await editOffer({ ...args, actor: s.labStaff, input: offer({ subjects: [], zip: '1' }) });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['zip', 'subjects']);
		const before = await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id });
		expect(before.suggestions[0]!.reasons.find((r) => r.code === 'timing')).toEqual({ code: 'timing', from: '2027-03-01', until: '2027-03-15' });
		await closeOffer({ ...args, actor: s.labStaff });
		await closeOffer({ ...args, actor: s.labStaff });
		expect((await getNeedWithSuggestions({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, needId: posted.value.id })).suggestions).toEqual([]);
		expect(await editOffer({ ...args, actor: s.labStaff, input: offer() })).toMatchObject({ ok: false, issues: [{ field: 'title' }] });
		const elsewhere = await makeEcosystem(s.db);
		await expect(getOfferForEdit({ db: s.db, actor: s.labStaff, ecosystemId: elsewhere.id, offerId: made.value.id })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|OFFER_NOT_FOUND/) });
		expect(await auditActions(s.db, s.eco.id)).toEqual(['need.post', 'offer.close', 'offer.edit', 'offer.post']);
	});

	describe('access and tenancy', () => {
		it('refuses the public and other ecosystems; lists every problem in a need', async () => {
			const s = await setup();
			await expect(postNeed({ db: s.db, actor: publicActor, ecosystemId: s.eco.id, input: need })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			await expect(postOffer({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, partnerSlug: s.lab.slug, input: offer() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const bad = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: { ...need, zip: 'x', subject: 'astrology' } });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['zip', 'subject']);
			const posted = await postNeed({ db: s.db, actor: s.teacher, ecosystemId: s.eco.id, input: need });
			if (!posted.ok) throw new Error('not posted');
			const elsewhere = await makeEcosystem(s.db);
			const outsider = await makeActor(s.ctx, { role: 'backbone_admin', ecosystemId: elsewhere.id });
			await expect(getNeedWithSuggestions({ db: s.db, actor: outsider, ecosystemId: elsewhere.id, needId: posted.value.id })).rejects.toMatchObject({ code: 'NEED_NOT_FOUND' });
			expect((await listBoard({ db: s.db, actor: outsider, ecosystemId: elsewhere.id })).needs).toEqual([]);
		});
	});
});
