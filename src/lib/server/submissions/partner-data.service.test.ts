import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { listSubmissionVersions } from './submissions.repository.js';
import { cycleTemplate, getPartnerCycle, listPartnerCycles, submitCountsCsv, submitGrid } from './submissions.service.js';
import { reviewSubmission } from './cycles.service.js';
import { getDataQuality, getPartnerDashboard, networkBesideOwn } from './submission-dashboards.service.js';

describe('networkBesideOwn', () => {
	it('hides the network figure where the other partners’ part would be small', () => {
		const own = new Map([['all', 40], ['female', 25], ['male', 15]]);
		const network = new Map([['all', 100], ['female', 30], ['male', 70]]);
		// The rest: all 60, female 5 (small), male 55 → female hidden, and male as its complement.
		expect(Object.fromEntries(networkBesideOwn(own, network, 11))).toEqual({
			all: { own: 40, network: 100 },
			female: { own: 25, network: 'suppressed' },
			male: { own: 15, network: 'suppressed' }
		});
	});

	it('shows the network when the partner is alone in it (the rest is a true zero)', () => {
		expect(Object.fromEntries(networkBesideOwn(new Map([['all', 7]]), new Map([['all', 7]]), 11))).toEqual({ all: { own: 7, network: 7 } });
	});
});

describeEachDatabase('partner data pages', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Brick and Bolt Youth Makerspace' });
		const other = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'participants', name: 'OST participants', name_es: 'Participantes', disaggregations: ['sex', 'disability'] });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id, other.id], name: '2025–26 school year', year: 2026 });
		const keisha = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		const otherAdmin = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: other.id, twoFactor: false });
		const dana = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const scope = { db, actor: keisha, ecosystemId: eco.id, partnerSlug: partner.slug };
		return { ctx, db, eco, partner, other, metric, cycle, keisha, otherAdmin, dana, scope };
	}

	it('lists the partner’s cycles and offers a grid of every group, then keeps what was sent', async () => {
		const { cycle, scope } = await setup();
		const listed = await listPartnerCycles({ ...scope, today: '2026-08-15' });
		expect(listed.cycles.map((c) => [c.name, c.status, c.late])).toEqual([['2025–26 school year', 'not_submitted', true]]);
		const before = await getPartnerCycle({ ...scope, cycleId: cycle.id, locale: 'es' });
		expect(before.metrics[0]!.name).toBe('Participantes');
		expect(before.metrics[0]!.groups.map((g) => [g.key, g.label])).toEqual([
			['all', 'Todas las personas'],
			['female', expect.any(String)],
			['male', expect.any(String)],
			['disability=yes', 'Con discapacidad'],
			['disability=no', 'Sin discapacidad']
		]);
		const outcome = await submitGrid({ ...scope, cycleId: cycle.id, fields: [['c:participants:all', '25'], ['c:participants:female', '14'], ['c:participants:male', ''], ['which', 'grid']] });
		expect(outcome).toMatchObject({ ok: true, value: { version: 1, cellCount: 2 } });
		const after = await getPartnerCycle({ ...scope, cycleId: cycle.id, locale: 'en' });
		expect(after.metrics[0]!.groups.slice(0, 3).map((g) => g.value)).toEqual([25, 14, null]);
		expect(after.versions.map((v) => [v.version, v.method, v.status])).toEqual([[1, 'grid', 'submitted']]);
	});

	it('points grid problems at their inputs and stores nothing', async () => {
		const { db, eco, partner, cycle, scope } = await setup();
		const outcome = await submitGrid({ ...scope, cycleId: cycle.id, fields: [['c:participants:all', 'lots'], ['c:participants:female', '3.5']] });
		expect(outcome.ok ? [] : outcome.problems.map((p) => p.field)).toEqual(['c:participants:all', 'c:participants:female']);
		expect(await listSubmissionVersions(db, eco.id, cycle.id, partner.id)).toEqual([]);
	});

	it('takes a CSV of counts, lists every mistake of a bad one with row and column, and stores nothing then', async () => {
		const { db, eco, partner, cycle, scope } = await setup();
		const template = await cycleTemplate({ ...scope, cycleId: cycle.id, locale: 'en' });
		expect(template.fileName).toBe(`2025-26-school-year-${partner.slug}-template.csv`);
		const filled = template.body.replace('participants,OST participants,all,Everyone,', 'participants,OST participants,all,Everyone,31');
		const bad = 'metric,group,count\r\nparticipants,all,31\r\nparticipants,female,many\r\nparticipants,grade_band=6-8,4\r\nparticipants,all,30\r\nparticipants,male,1,2\r\n';
		const refused = await submitCountsCsv({ ...scope, cycleId: cycle.id, fileName: 'counts.csv', text: bad });
		expect(refused.ok ? [] : refused.problems.map((p) => [p.row, p.column])).toEqual([[3, 'value'], [4, 'group'], [5, 'group'], [6, 'file']]);
		expect(await listSubmissionVersions(db, eco.id, cycle.id, partner.id)).toEqual([]);
		const accepted = await submitCountsCsv({ ...scope, cycleId: cycle.id, fileName: 'counts.csv', text: filled });
		expect(accepted).toMatchObject({ ok: true, value: { version: 1, cellCount: 1 } });
		expect((await listSubmissionVersions(db, eco.id, cycle.id, partner.id)).map((v) => [v.method, v.file_name])).toEqual([['csv', 'counts.csv']]);
	});

	it('keeps partners to their own data, and the cycle pages to partners asked', async () => {
		const { eco, partner, cycle, otherAdmin, dana, scope, db } = await setup();
		await expect(getPartnerCycle({ ...scope, actor: otherAdmin, cycleId: cycle.id, locale: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(submitGrid({ ...scope, actor: otherAdmin, cycleId: cycle.id, fields: [['c:participants:all', '1']] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getPartnerDashboard({ ...scope, actor: otherAdmin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getPartnerDashboard({ ...scope, actor: dana })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const elsewhere = await makeCycle(db, eco.id, { metricIds: [], partnerIds: [] });
		await expect(getPartnerCycle({ ...scope, cycleId: elsewhere.id, locale: 'en' })).rejects.toMatchObject({ code: 'CYCLE_NOT_FOUND' });
		const otherEco = await makeEcosystem(db);
		await expect(listPartnerCycles({ ...scope, ecosystemId: otherEco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(partner.slug).toBe(scope.partnerSlug);
	});

	it('shows the partner its accepted numbers beside the network’s, and the backbone the flags', async () => {
		const { ctx, db, eco, cycle, scope, other, otherAdmin, dana } = await setup();
		const mine = await submitGrid({ ...scope, cycleId: cycle.id, fields: [['c:participants:all', '40'], ['c:participants:female', '25'], ['c:participants:male', '15']] });
		const theirs = await submitGrid({ ...scope, actor: otherAdmin, partnerSlug: other.slug, cycleId: cycle.id, fields: [['c:participants:all', '60'], ['c:participants:female', '5'], ['c:participants:male', '55'], ['c:participants:disability=yes', '70']] });
		if (!mine.ok || !theirs.ok) throw new Error('refused');
		for (const s of [mine, theirs]) await reviewSubmission({ ctx, actor: dana, ecosystemId: eco.id, submissionId: s.value.submissionId, input: { decision: 'accept' }, origin: 'http://localhost' });
		const dashboard = await getPartnerDashboard(scope);
		expect(dashboard.sections).toHaveLength(1);
		expect(Object.fromEntries(dashboard.sections[0]!.years[0]!.cells)).toEqual({
			all: { own: 40, network: 100 },
			female: { own: 25, network: 'suppressed' },
			male: { own: 15, network: 'suppressed' },
			'disability=yes': { own: null, network: 70 }
		});
		const quality = await getDataQuality({ db, actor: dana, ecosystemId: eco.id });
		const row = quality.recent[0]!.rows.find((r) => r.partnerId === other.id)!;
		expect(row.flags.map((f) => f.kind)).toEqual(['exceeds_total']);
		expect(quality.totals[0]!.rows.map((r) => r.byYear)).toEqual(expect.arrayContaining([[40], [60]]));
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, twoFactor: false });
		await expect(getDataQuality({ db, actor: staff, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
	});
});
