import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { smtpSuite } from '../testing/smtp.js';
import { publicActor } from '../auth/roles.js';
import {
	closeRequest,
	fileRequest,
	getAssistanceOverview,
	getPartnerRequest,
	getRequestForBackbone,
	listPartnerRequests,
	postMessage,
	rateRequest,
	triageRequest
} from './technical-assistance.service.js';

const request = { category: 'grant_writing', subject: 'NSF ITEST proposal budget', description: 'We need help with the budget justification for our ITEST proposal due in March.' };
const origin = 'http://localhost';

describeEachDatabase('technical assistance', (get) => {
	const suite = smtpSuite(get);

	async function setup() {
		const { ctx } = suite;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Lehigh Valley STEM' });
		const partner = await makePartner(db, eco.id, { name: 'Brick and Bolt' });
		const other = await makePartner(db, eco.id, { name: 'Helix Row' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, name: 'Luis Staff' });
		const helper = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, name: 'Ana Helper' });
		const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
		const outsider = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: other.id });
		return { ctx, db, eco, partner, other, staff, helper, member, outsider };
	}
	const mailTo = (email: string) => suite.received.filter((m) => m.to.includes(email));

	it('runs a request from filing to rating, with emails both ways and the times in the report', async () => {
		const { ctx, db, eco, partner, staff, helper, member } = await setup();
		const filed = await fileRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, input: request, origin });
		if (!filed.ok) throw new Error(JSON.stringify(filed.issues));
		const id = filed.value.id;
		expect(mailTo(staff.email).map((m) => m.subject)).toEqual(['New request for help from Brick and Bolt: NSF ITEST proposal budget']);
		expect(mailTo(helper.email)[0]!.body).toContain(`${origin}/e/${eco.slug}/admin/assistance/${id}`);

		expect(await triageRequest({ ctx, actor: staff, ecosystemId: eco.id, requestId: id, input: { priority: 'high', assignee_user_id: helper.userId }, locale: 'es', origin })).toEqual({ ok: true, value: { ok: true } });
		expect(mailTo(helper.email).map((m) => m.subject)).toContain('Asignada a usted: NSF ITEST proposal budget (Brick and Bolt)');

		// Backdate the filing so the times are measurable: filed 26 hours ago.
		const filedAt = new Date(Date.now() - 26 * 3_600_000).toISOString();
		await db.updateTable('ta_request').set({ created_at: filedAt }).where('id', '=', id).execute();

		expect((await postMessage({ ctx, actor: helper, ecosystemId: eco.id, requestId: id, input: { body: 'Send me your draft budget and I will look today.' }, origin })).ok).toBe(true);
		expect(mailTo(member.email).map((m) => m.subject)).toEqual(['New message about “NSF ITEST proposal budget” (Lehigh Valley STEM)']);
		expect(mailTo(member.email)[0]!.body).toContain(`${origin}/e/${eco.slug}/partners/${partner.slug}/assistance/${id}`);
		expect((await postMessage({ ctx, actor: member, ecosystemId: eco.id, requestId: id, partnerSlug: partner.slug, input: { body: 'Attached in our shared folder, thanks!' }, origin })).ok).toBe(true);
		expect(mailTo(helper.email).map((m) => m.subject)).toContain('New message about “NSF ITEST proposal budget” (Lehigh Valley STEM)');
		const firstResponse = (await db.selectFrom('ta_request').select('first_response_at').where('id', '=', id).executeTakeFirstOrThrow()).first_response_at;
		await postMessage({ ctx, actor: staff, ecosystemId: eco.id, requestId: id, input: { body: 'Second reply' } });
		expect((await db.selectFrom('ta_request').select('first_response_at').where('id', '=', id).executeTakeFirstOrThrow()).first_response_at).toBe(firstResponse);

		// Not rateable while open.
		expect(await rateRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, requestId: id, input: { rating: '5' } })).toEqual({
			ok: false,
			issues: [{ field: 'rating', message: 'You can rate the help once the request is closed.' }]
		});
		expect((await closeRequest({ ctx, actor: helper, ecosystemId: eco.id, requestId: id, origin })).ok).toBe(true);
		expect(mailTo(member.email).map((m) => m.subject)).toContain('Your request “NSF ITEST proposal budget” is closed (Lehigh Valley STEM)');
		expect((await closeRequest({ ctx, actor: helper, ecosystemId: eco.id, requestId: id })).ok).toBe(false);
		const closedReply = await postMessage({ ctx, actor: member, ecosystemId: eco.id, requestId: id, partnerSlug: partner.slug, input: { body: 'One more thing' } });
		expect(closedReply.ok ? '' : closedReply.issues[0]!.field).toBe('body');

		expect(await rateRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, requestId: id, input: { rating: '4', comment: 'Quick and useful.' } })).toEqual({ ok: true, value: { rating: 4 } });
		expect((await rateRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, requestId: id, input: { rating: '1' } })).ok).toBe(false);

		const seen = await getPartnerRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, requestId: id });
		expect(seen.messages.map((m) => m.side)).toEqual(['backbone', 'partner', 'backbone']);
		expect(seen.request).toMatchObject({ status: 'closed', rating: 4, rating_comment: 'Quick and useful.', priority: 'high', assignee_name: 'Ana Helper' });

		const { times } = await getAssistanceOverview({ ctx, actor: staff, ecosystemId: eco.id });
		expect(times.map((t) => t.category)).toEqual(['grant_writing', 'all']);
		expect(times[0]).toMatchObject({ requests: 1, open: 0, responded: 1, closed: 1, averageRating: 4 });
		expect(times[0]!.medianFirstResponse!).toBeGreaterThan(25.9);
		expect(times[0]!.medianFirstResponse!).toBeLessThan(26.2);
		expect(times[0]!.medianClose!).toBeGreaterThanOrEqual(times[0]!.medianFirstResponse!);
		expect(await auditActions(db, eco.id)).toEqual([
			'assistance.message.backbone',
			'assistance.message.backbone',
			'assistance.message.partner',
			'assistance.request.close',
			'assistance.request.create',
			'assistance.request.rate',
			'assistance.request.triage'
		]);
		const rows = await db.selectFrom('outbox').select(['status']).where('ecosystem_id', '=', eco.id).execute();
		expect(rows.every((r) => r.status === 'sent')).toBe(true);
	});

	it('lists every problem at once and stores nothing', async () => {
		const { ctx, db, eco, partner, member, staff } = await setup();
		const outcome = await fileRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, input: { category: 'magic', subject: '', description: 'help' } });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['category', 'subject', 'description']);
		expect(await db.selectFrom('ta_request').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
		const filed = await fileRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, input: request });
		if (!filed.ok) throw new Error('not filed');
		const triage = await triageRequest({ ctx, actor: staff, ecosystemId: eco.id, requestId: filed.value.id, input: { priority: 'soon', assignee_user_id: member.userId } });
		expect(triage.ok ? [] : triage.issues.map((i) => i.field)).toEqual(['priority']);
		const notStaff = await triageRequest({ ctx, actor: staff, ecosystemId: eco.id, requestId: filed.value.id, input: { priority: 'low', assignee_user_id: member.userId } });
		expect(notStaff).toEqual({ ok: false, issues: [{ field: 'assignee_user_id', message: 'Choose a member of the backbone team, or nobody yet.' }] });
	});

	it('keeps partners to their own requests and ecosystems apart', async () => {
		const { ctx, eco, partner, other, member, outsider, staff } = await setup();
		const filed = await fileRequest({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, input: request });
		if (!filed.ok) throw new Error('not filed');
		const id = filed.value.id;
		await expect(fileRequest({ ctx, actor: outsider, ecosystemId: eco.id, partnerSlug: partner.slug, input: request })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getPartnerRequest({ ctx, actor: outsider, ecosystemId: eco.id, partnerSlug: other.slug, requestId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(postMessage({ ctx, actor: outsider, ecosystemId: eco.id, partnerSlug: other.slug, requestId: id, input: { body: 'hi' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(postMessage({ ctx, actor: member, ecosystemId: eco.id, requestId: id, input: { body: 'as backbone' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(closeRequest({ ctx, actor: member, ecosystemId: eco.id, requestId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getAssistanceOverview({ ctx, actor: member, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(listPartnerRequests({ ctx, actor: publicActor, ecosystemId: eco.id, partnerSlug: partner.slug })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		expect((await listPartnerRequests({ ctx, actor: outsider, ecosystemId: eco.id, partnerSlug: other.slug })).requests).toEqual([]);

		const elsewhere = await makeEcosystem(ctx.db.kysely);
		const otherStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: elsewhere.id });
		await expect(getRequestForBackbone({ ctx, actor: otherStaff, ecosystemId: elsewhere.id, requestId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(closeRequest({ ctx, actor: otherStaff, ecosystemId: eco.id, requestId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await getAssistanceOverview({ ctx, actor: otherStaff, ecosystemId: elsewhere.id })).requests).toEqual([]);
		expect((await getRequestForBackbone({ ctx, actor: staff, ecosystemId: eco.id, requestId: id })).request.status).toBe('open');
	});
});
