import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { auditActions } from '../testing/assertions.js';
import { smtpSuite } from '../testing/smtp.js';
import { listMetricValues } from '../metrics/metrics.repository.js';
import { dashboardDataVersion } from '../dashboard/dashboard.repository.js';
import { listSubmissionVersions } from './submissions.repository.js';
import { submitCells } from './submissions.service.js';
import {
	getCycleBoard,
	getSubmissionForReview,
	listCyclesForBackbone,
	openCycle,
	prepareCycleForm,
	remindPartnersNow,
	reviewSubmission,
	sendDueReminders
} from './cycles.service.js';

const origin = 'http://localhost';

describeEachDatabase('collection cycles', (get) => {
	const suite = smtpSuite(get);
	const { received } = suite;

	async function network(partnerCount = 2) {
		const db = suite.ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Test STEM Collective' });
		const partners = [];
		for (let i = 0; i < partnerCount; i++) partners.push(await makePartner(db, eco.id, { sector: i % 2 === 0 ? 'ost' : 'k12' }));
		const metric = await makeMetric(db, eco.id, { slug: 'participants', name: 'Participants' });
		const dana = await makeActor(suite.ctx, { role: 'backbone_admin', ecosystemId: eco.id, name: 'Dana Reviewer' });
		const people = [];
		for (const partner of partners) people.push(await makeActor(suite.ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false }));
		return { db, eco, partners, metric, dana, people };
	}

	const cycleInput = (metricIds: string[], extra: Record<string, unknown> = {}) => ({
		name: '2025–26 school year',
		year: '2026',
		period_start: '2025-07-01',
		period_end: '2026-06-30',
		due_on: '2026-07-31',
		metric_ids: metricIds,
		...extra
	});

	describe('openCycle', () => {
		it('asks every partner, whole sectors, or chosen partners, and records it', async () => {
			const { db, eco, partners, metric, dana } = await network(4);
			const form = await prepareCycleForm({ db, actor: dana, ecosystemId: eco.id });
			expect(form.metrics.map((m) => m.id)).toEqual([metric.id]);
			expect(form.sectors).toEqual(['k12', 'ost']);

			const all = await openCycle({ db, actor: dana, ecosystemId: eco.id, input: cycleInput([metric.id], { all_partners: '1' }) });
			expect(all).toMatchObject({ ok: true, value: { partners: 4 } });
			const bySector = await openCycle({ db, actor: dana, ecosystemId: eco.id, input: cycleInput([metric.id], { sectors: ['k12'], partner_ids: [partners[0]!.id] }) });
			expect(bySector).toMatchObject({ ok: true, value: { partners: 3 } });
			expect(await auditActions(db, eco.id)).toEqual(['cycle.open', 'cycle.open']);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { db, eco, dana } = await network(1);
			const hours = await makeMetric(db, eco.id, { unit: 'percent' });
			const outcome = await openCycle({ db, actor: dana, ecosystemId: eco.id, input: { name: 'x', year: 'soon', period_start: '2026-02-30', period_end: '2025-01-01', due_on: '', metric_ids: [] } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'year', 'period_start', 'due_on', 'metric_ids', 'partner_ids']);
			const unusable = await openCycle({ db, actor: dana, ecosystemId: eco.id, input: cycleInput([hours.id]) });
			expect(unusable.ok ? [] : unusable.issues.map((i) => i.field)).toEqual(['metric_ids', 'partner_ids']);
			expect(await listCyclesForBackbone({ db, actor: dana, ecosystemId: eco.id })).toEqual([]);
		});

		it('refuses partners, and another ecosystem’s metrics and partners', async () => {
			const { db, eco, metric, people } = await network(1);
			await expect(openCycle({ db, actor: people[0]!, ecosystemId: eco.id, input: cycleInput([metric.id], { all_partners: '1' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const other = await network(1);
			const outcome = await openCycle({ db, actor: other.dana, ecosystemId: other.eco.id, input: cycleInput([metric.id], { partner_ids: [other.partners[0]!.id] }) });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['metric_ids']);
			await expect(getCycleBoard({ db, actor: other.dana, ecosystemId: other.eco.id, cycleId: (await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [] })).id })).rejects.toMatchObject({ code: 'CYCLE_NOT_FOUND' });
		});
	});

	describe('board, review and rollups', () => {
		it('shows who submitted and who is late; accepting sums the latest accepted numbers into the dashboard', async () => {
			const { db, eco, partners, metric, dana, people } = await network(3);
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: partners.map((p) => p.id), year: 2026, dueOn: '2026-07-31' });
			const submit = (i: number, all: string, black: string) =>
				submitCells({ db, actor: people[i]!, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partners[i]!.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: all }, { metric: 'participants', group: 'black', value: black }] });
			const first = await submit(0, '100', '40');
			const second = await submit(1, '50', '30');
			if (!first.ok || !second.ok) throw new Error('submission refused');

			const board = await getCycleBoard({ db, actor: dana, ecosystemId: eco.id, cycleId: cycle.id, today: '2026-08-02' });
			expect(board.rows.map((r) => [r.id, r.status, r.late])).toEqual(
				expect.arrayContaining([[partners[0]!.id, 'submitted', false], [partners[1]!.id, 'submitted', false], [partners[2]!.id, 'not_submitted', true]])
			);

			const versionBefore = await dashboardDataVersion(db, eco.id);
			const accepted = await reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: first.value.submissionId, input: { decision: 'accept' }, origin });
			expect(accepted).toEqual({ ok: true, value: { status: 'accepted', rollups: 2 } });
			expect((await listMetricValues(db, eco.id, metric.id)).map((v) => [v.year, v.group_key, v.value, v.origin])).toEqual([[2026, 'all', 100, 'partners'], [2026, 'black', 40, 'partners']]);
			expect(await dashboardDataVersion(db, eco.id)).not.toBe(versionBefore);

			await reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: second.value.submissionId, input: { decision: 'accept' }, origin });
			expect((await listMetricValues(db, eco.id, metric.id)).map((v) => [v.group_key, v.value])).toEqual([['all', 150], ['black', 70]]);

			// A resubmission not yet accepted leaves the accepted numbers on the dashboard.
			const third = await submit(0, '120', '45');
			if (!third.ok) throw new Error('resubmission refused');
			await expect(reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: first.value.submissionId, input: { decision: 'accept' }, origin })).rejects.toMatchObject({ code: 'SUBMISSION_ALREADY_REVIEWED' });
			expect((await listMetricValues(db, eco.id, metric.id)).map((v) => [v.group_key, v.value])).toEqual([['all', 150], ['black', 70]]);
			await reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: third.value.submissionId, input: { decision: 'accept' }, origin });
			expect((await listMetricValues(db, eco.id, metric.id)).map((v) => [v.group_key, v.value])).toEqual([['all', 170], ['black', 75]]);

			const cycles = await listCyclesForBackbone({ db, actor: dana, ecosystemId: eco.id, today: '2026-08-02' });
			expect(cycles.map((c) => [c.asked, c.counts, c.late])).toEqual([[3, { not_submitted: 1, submitted: 0, accepted: 2, returned: 0 }, 1]]);
			expect(await auditActions(db, eco.id)).toEqual(['submission.accept', 'submission.accept', 'submission.accept', 'submission.create', 'submission.create', 'submission.create']);
		});

		it('returns a submission with a comment, emails the partner’s people, and refuses to review it twice', async () => {
			const { db, eco, partners, metric, dana, people } = await network(1);
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partners[0]!.id], name: 'Spring 2026' });
			const sent = await submitCells({ db, actor: people[0]!, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partners[0]!.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: '10' }, { metric: 'participants', group: 'black', value: '400' }] });
			if (!sent.ok) throw new Error('refused');
			const review = await getSubmissionForReview({ db, actor: dana, ecosystemId: eco.id, submissionId: sent.value.submissionId });
			expect(review.flags.map((f) => f.kind)).toEqual(['exceeds_total']);

			const noComment = await reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: sent.value.submissionId, input: { decision: 'return' }, origin });
			expect(noComment.ok ? [] : noComment.issues.map((i) => i.field)).toEqual(['comment']);
			const returned = await reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: sent.value.submissionId, input: { decision: 'return', comment: 'Black participants are more than the total.' }, origin });
			expect(returned).toMatchObject({ ok: true, value: { status: 'returned', rollups: 0 } });
			const mail = received.filter((m) => m.to.includes(people[0]!.email));
			expect(mail).toHaveLength(1);
			expect(mail[0]!.subject).toBe('Your numbers for Spring 2026 need a change');
			expect(mail[0]!.body).toContain('Black participants are more than the total.');
			expect(mail[0]!.body).toContain(`${origin}/e/${eco.slug}/partners/`);
			await expect(reviewSubmission({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, submissionId: sent.value.submissionId, input: { decision: 'accept' }, origin })).rejects.toMatchObject({ code: 'SUBMISSION_ALREADY_REVIEWED' });
			expect((await listSubmissionVersions(db, eco.id, cycle.id, partners[0]!.id)).map((v) => [v.status, v.review_comment, v.reviewed_by_name])).toEqual([['returned', 'Black participants are more than the total.', 'Dana Reviewer']]);
			expect(await listMetricValues(db, eco.id, metric.id)).toEqual([]);
		});

		it('keeps partner-level detail to backbone staff with two-factor sign-in, and tenants apart', async () => {
			const { db, eco, partners, metric, people } = await network(1);
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partners[0]!.id] });
			const sent = await submitCells({ db, actor: people[0]!, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partners[0]!.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: '10' }] });
			if (!sent.ok) throw new Error('refused');
			const staffNo2fa = await makeActor(suite.ctx, { role: 'backbone_staff', ecosystemId: eco.id, twoFactor: false });
			await expect(getSubmissionForReview({ db, actor: staffNo2fa, ecosystemId: eco.id, submissionId: sent.value.submissionId })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
			await expect(getSubmissionForReview({ db, actor: people[0]!, ecosystemId: eco.id, submissionId: sent.value.submissionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const other = await network(1);
			await expect(getSubmissionForReview({ db, actor: other.dana, ecosystemId: other.eco.id, submissionId: sent.value.submissionId })).rejects.toMatchObject({ code: 'SUBMISSION_NOT_FOUND' });
			await expect(reviewSubmission({ ctx: suite.ctx, actor: other.dana, ecosystemId: other.eco.id, submissionId: sent.value.submissionId, input: { decision: 'accept' }, origin })).rejects.toMatchObject({ code: 'SUBMISSION_NOT_FOUND' });
			expect((await listSubmissionVersions(db, eco.id, cycle.id, partners[0]!.id)).map((v) => v.status)).toEqual(['submitted']);
		});
	});

	describe('reminders', () => {
		it('emails partners that owe numbers N days before the due date, once, over SMTP', async () => {
			const { db, eco, partners, metric, people } = await network(2);
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: partners.map((p) => p.id), name: 'Reminder test cycle', dueOn: '2031-03-10' });
			await submitCells({ db, actor: people[1]!, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partners[1]!.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: '10' }] });
			const mailTo = (email: string) => received.filter((m) => m.to.includes(email) && m.subject.includes('Reminder test cycle'));

			expect(await sendDueReminders({ ctx: suite.ctx, now: new Date('2031-03-01T08:00:00Z'), origin })).toBe(0);
			expect(await sendDueReminders({ ctx: suite.ctx, now: new Date('2031-03-04T08:00:00Z'), origin })).toBe(1);
			expect(await sendDueReminders({ ctx: suite.ctx, now: new Date('2031-03-05T08:00:00Z'), origin })).toBe(0);
			expect(mailTo(people[0]!.email).map((m) => m.subject)).toEqual(['Reminder: your numbers for Reminder test cycle are due on Mar 10, 2031']);
			expect(mailTo(people[1]!.email)).toEqual([]);
			expect(await suite.ctx.db.kysely.selectFrom('outbox').select(['status', 'kind']).where('to_address', '=', people[0]!.email).execute()).toEqual([{ status: 'sent', kind: 'submission_reminder' }]);
		});

		it('lets backbone staff remind the late ones now', async () => {
			const { db, eco, partners, metric, dana, people } = await network(1);
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partners[0]!.id], name: 'Manual reminder cycle', dueOn: '2020-01-31' });
			expect(await remindPartnersNow({ ctx: suite.ctx, actor: dana, ecosystemId: eco.id, cycleId: cycle.id, origin })).toBe(1);
			expect(received.filter((m) => m.to.includes(people[0]!.email) && m.subject.includes('Manual reminder cycle'))).toHaveLength(1);
			await expect(remindPartnersNow({ ctx: suite.ctx, actor: people[0]!, ecosystemId: eco.id, cycleId: cycle.id, origin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await auditActions(db, eco.id)).toEqual(['cycle.remind']);
		});
	});
});
