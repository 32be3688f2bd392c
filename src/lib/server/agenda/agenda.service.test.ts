import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { insertDemoMeasurement } from '../demo/demo-measurement.js';
import { insertDemoAgenda } from '../demo/demo-agenda.js';
import { loadDashboard } from '../dashboard/dashboard.service.js';
import type { Executor } from '../audit/audit.repository.js';
import { nowIso } from '../util.js';
import { listRevisions } from './agenda.repository.js';
import { resultView } from './agenda-view.js';
import {
	createAction,
	createActivity,
	createIndicator,
	createMeasure,
	createResult,
	createStrategy,
	getAgendaForBackbone,
	getPartnerContributions,
	getPublicAgenda,
	getIndicatorPage,
	listOverdueActions,
	sendActionReminders,
	setActionStatus,
	getContributionForEdit,
	updateAction,
	updateActivity,
	updateIndicator,
	updateMeasure,
	updateResult,
	updateStrategy
} from './agenda.service.js';

const resultInput = (overrides: Record<string, string | undefined> = {}) => ({
	title: 'Black, Latinx and women Philadelphians in STEM careers',
	statement: 'Black, Latinx and women Philadelphians enter STEM careers in proportion to their share of the working-age population.',
	published: 'on',
	...overrides
});

async function metricId(db: Executor, ecosystemId: string, slug: string) {
	return (await db.selectFrom('metric').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** A new accepted year of the STEM-workforce metric: last year's figures with the Black counts scaled. */
async function acceptYear(db: Executor, ecosystemId: string, year: number, blackFactor: number) {
	const id = await metricId(db, ecosystemId, 'stem-workforce');
	const rows = await db.selectFrom('metric_value').selectAll().where('metric_id', '=', id).where('year', '=', year - 1).execute();
	await db
		.insertInto('metric_value')
		.values(
			rows.map((r) => ({
				...r,
				year,
				value: r.group_key.startsWith('black') ? Math.round(Number(r.value) * blackFactor) : Number(r.value),
				moe: r.moe === null ? null : Number(r.moe),
				updated_at: nowIso()
			}))
		)
		.execute();
}

async function setup(get: () => { ctx: import('../context.js').AppContext; db: import('kysely').Kysely<import('../db/schema.js').Database> }) {
	const { ctx, db } = get();
	const eco = await makeEcosystem(db);
	await insertDemoMeasurement(db, eco.id, 'philadelphia');
	const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
	const result = await createResult({ db, actor: staff, ecosystemId: eco.id, input: resultInput() });
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	return { ctx, db, eco, staff, resultId: result.value.id };
}

describeEachDatabase('common agenda', (get) => {
	describe('results and indicators', () => {
		it('follows an Access Index series with targets filled from the published baseline, the same numbers as the dashboard', async () => {
			const { db, eco, staff, resultId } = await setup(get);
			const outcome = await createIndicator({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: {
					result_id: resultId,
					name: 'Access Index, Black Philadelphians in STEM jobs',
					source: 'access_index',
					metric_id: await metricId(db, eco.id, 'stem-workforce'),
					group_key: 'black',
					unit: 'index',
					polarity: 'up',
					baseline_year: '2015',
					target_year: '2030',
					final_target: '1'
				}
			});
			expect(outcome).toMatchObject({ ok: true, value: { slug: 'access-index-black-philadelphians-in-stem-jobs' } });
			const agenda = await getPublicAgenda({ db, ecosystemId: eco.id });
			const indicator = agenda.results[0]!.indicators[0]!;
			const dashboard = (await loadDashboard({ db, ecosystemId: eco.id }))!;
			const dashboardBlack = dashboard.indexSeries.filter((r) => r.group === 'black').map((r) => (r.index.available ? r.index.index : null));
			expect(indicator.series.map((p) => p.value)).toEqual(dashboardBlack);
			expect(indicator.series.map((p) => p.year)).toEqual([2015, 2016, 2017, 2018]);
			expect(indicator.baseline).toEqual({ year: 2015, value: dashboardBlack[0] });
			expect(indicator.targets.map((t) => t.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
			expect(indicator.targets.at(-1)!.value).toBe(1);
			expect(indicator.progress.status).toBe('off_track');
			expect(indicator.progress.forecast.available).toBe(true);
			expect(await auditActions(db, eco.id)).toEqual(['agenda.indicator.create', 'agenda.result.create']);
		});

		it('turns on track when a new year of data is accepted', async () => {
			const { db, eco, staff, resultId } = await setup(get);
			await createIndicator({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { result_id: resultId, name: 'Black STEM index', source: 'access_index', metric_id: await metricId(db, eco.id, 'stem-workforce'), group_key: 'black', unit: 'index', polarity: 'up', baseline_year: '2015', target_year: '2030', final_target: '1' }
			});
			const before = (await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!.indicators[0]!;
			expect(before.progress.status).toBe('off_track');
			await acceptYear(db, eco.id, 2019, 1.6);
			const after = (await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!.indicators[0]!;
			expect(after.progress.latest?.year).toBe(2019);
			expect(after.progress.latest!.value).toBeGreaterThan(after.progress.expected!);
			expect(after.progress.status).toBe('on_track');
		});

		it('hides small hand-entered counts of people and leaves them out of the forecast', async () => {
			const { db, eco, staff, resultId } = await setup(get);
			const outcome = await createIndicator({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { result_id: resultId, name: 'Apprentices placed', source: 'manual', unit: 'people', polarity: 'up', target_year: '2030', values: '2022: 40\n2023: 7\n2024: 55', targets: '2025: 60\n2030: 100' }
			});
			expect(outcome.ok).toBe(true);
			const indicator = (await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!.indicators[0]!;
			expect(indicator.series).toEqual([
				{ year: 2022, value: 40, suppressed: false, lower: null, upper: null },
				{ year: 2023, value: null, suppressed: true, lower: null, upper: null },
				{ year: 2024, value: 55, suppressed: false, lower: null, upper: null }
			]);
			expect(indicator.progress.forecast.available && indicator.progress.forecast.fittedFrom.map((p) => p.year)).toEqual([2022, 2024]);
			expect(JSON.stringify(indicator)).not.toContain(':7,');
		});

		it('lists every problem at once and stores nothing', async () => {
			const { db, eco, staff } = await setup(get);
			const outcome = await createIndicator({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { result_id: 'nope', name: 'X', source: 'access_index', group_key: 'martian', unit: 'index', polarity: 'sideways', target_year: '1990', targets: '2027 - lots' }
			});
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'polarity', 'target_year', 'targets', 'metric_id', 'group_key']);
			expect(outcome.ok ? '' : outcome.issues.find((i) => i.field === 'targets')!.message).toMatch(/line 1 .*2027: 0\.7/);
			const missingResult = await createIndicator({ db, actor: staff, ecosystemId: eco.id, input: { result_id: 'nope', name: 'Apprentices', source: 'manual', unit: 'people', polarity: 'up', target_year: '2030' } });
			expect(missingResult).toEqual({ ok: false, issues: [{ field: 'result_id', message: 'Choose one of this ecosystem’s results.' }] });
			expect((await getAgendaForBackbone({ db, actor: staff, ecosystemId: eco.id })).results[0]!.indicators).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual(['agenda.result.create']);
		});

		it('keeps every version of an edited indicator and result', async () => {
			const { db, eco, staff, resultId } = await setup(get);
			const created = await createIndicator({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, name: 'Apprentices placed', source: 'manual', unit: 'number', polarity: 'up', target_year: '2030', values: '2023: 5' } });
			if (!created.ok) throw new Error('not created');
			const updated = await updateIndicator({ db, actor: staff, ecosystemId: eco.id, indicatorSlug: created.value.slug, input: { result_id: resultId, name: 'Apprentices placed each year', source: 'manual', unit: 'number', polarity: 'up', target_year: '2030', values: '2023: 5\n2024: 9' } });
			expect(updated).toEqual({ ok: true, value: { version: 2 } });
			const revisions = await listRevisions(db, eco.id, created.value.id);
			expect(revisions.map((r) => [r.version, r.snapshot.name])).toEqual([
				[1, 'Apprentices placed'],
				[2, 'Apprentices placed each year']
			]);
			expect(await updateResult({ db, actor: staff, ecosystemId: eco.id, resultId, input: resultInput({ published: undefined }) })).toEqual({ ok: true, value: { version: 2 } });
			expect((await getPublicAgenda({ db, ecosystemId: eco.id })).results).toEqual([]);
			await expect(getIndicatorPage({ db, ecosystemId: eco.id, slug: created.value.slug, locale: 'en' })).rejects.toMatchObject({ code: 'AGENDA_ITEM_NOT_FOUND' });
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db, eco, resultId } = await setup(get);
			const partner = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'educator' ? null : partner.id });
			await expect(createResult({ db, actor, ecosystemId: eco.id, input: resultInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(updateResult({ db, actor, ecosystemId: eco.id, resultId, input: resultInput({ title: 'Taken over' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getAgendaForBackbone({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createResult({ db, actor: publicActor, ecosystemId: eco.id, input: resultInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});

		it('keeps ecosystems apart: another ecosystem’s staff and ids change nothing', async () => {
			const { ctx, db, eco, staff, resultId } = await setup(get);
			const other = await makeEcosystem(db);
			const otherStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: other.id });
			await expect(updateResult({ db, actor: otherStaff, ecosystemId: eco.id, resultId, input: resultInput({ title: 'Hijacked' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(updateResult({ db, actor: otherStaff, ecosystemId: other.id, resultId, input: resultInput({ title: 'Hijacked' }) })).rejects.toMatchObject({ code: 'AGENDA_ITEM_NOT_FOUND' });
			const crossStrategy = await createStrategy({ db, actor: otherStaff, ecosystemId: other.id, input: { result_id: resultId, title: 'Borrowed result' } });
			expect(crossStrategy.ok).toBe(false);
			const crossIndicator = await createIndicator({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { result_id: resultId, name: 'Foreign metric', source: 'access_index', metric_id: 'x', group_key: 'black', unit: 'index', polarity: 'up', target_year: '2030' }
			});
			expect(crossIndicator).toEqual({ ok: false, issues: [{ field: 'metric_id', message: 'Choose one of this ecosystem’s metrics.' }] });
			expect((await getPublicAgenda({ db, ecosystemId: eco.id })).results.map((r) => r.row.title)).toEqual([resultInput().title]);
			expect((await getPublicAgenda({ db, ecosystemId: other.id })).results).toEqual([]);
		});
	});

	describe('actions', () => {
		it('shows open actions past due as overdue, and reminds their owners once through the outbox', async () => {
			const { ctx, db, eco, staff, resultId } = await setup(get);
			const owner = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, email: `owner-${eco.slug}@test.parity.example` });
			const late = await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, title: 'Convene employers on hiring pipelines', owner_user_id: owner.userId, due_on: '2020-01-31' } });
			const future = await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, title: 'Publish the 2040 plan', owner_user_id: owner.userId, due_on: '2099-01-31', status: 'in_progress' } });
			if (!late.ok || !future.ok) throw new Error('not created');
			expect((await listOverdueActions({ db, actor: staff, ecosystemId: eco.id })).map((a) => a.title)).toEqual(['Convene employers on hiring pipelines']);

			expect(await sendActionReminders({ ctx, actor: staff, ecosystemId: eco.id, locale: 'es', origin: 'http://localhost' })).toEqual({ sent: 1 });
			expect(await sendActionReminders({ ctx, actor: staff, ecosystemId: eco.id, locale: 'es', origin: 'http://localhost' })).toEqual({ sent: 0 });
			const mail = await db.selectFrom('outbox').selectAll().where('ecosystem_id', '=', eco.id).execute();
			expect(mail.map((r) => [r.to_address, r.kind, r.status])).toEqual([[owner.email, 'agenda_action_reminder', 'held']]);
			expect(mail[0]!.body_text).toContain('Convene employers on hiring pipelines');
			expect(mail[0]!.subject).toMatch(/vencida/);

			expect(await setActionStatus({ db, actor: staff, ecosystemId: eco.id, actionId: late.value.id, input: { status: 'done' } })).toEqual({ ok: true, value: { version: 2 } });
			expect(await listOverdueActions({ db, actor: staff, ecosystemId: eco.id })).toEqual([]);
		});

		it('refuses an owner from outside the ecosystem and an indicator of another result', async () => {
			const { ctx, db, eco, staff, resultId } = await setup(get);
			const outsider = await makeActor(ctx, {});
			const outcome = await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, indicator_id: 'nope', title: 'Do it', owner_user_id: outsider.userId, due_on: '31/01/2027' } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['due_on']);
			const second = await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, indicator_id: 'nope', title: 'Do it', owner_user_id: outsider.userId, due_on: '2027-01-31' } });
			expect(second.ok ? [] : second.issues.map((i) => i.field)).toEqual(['indicator_id', 'owner_user_id']);
		});
	});

	describe('partners’ activities and performance measures', () => {
		it('lets a partner attach its own activities and measures to strategies, shown on the public agenda', async () => {
			const { ctx, db, eco, staff, resultId } = await setup(get);
			const strategy = await createStrategy({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, title: 'Paid STEM internships for high-school students' } });
			if (!strategy.ok) throw new Error('no strategy');
			const [own, other] = [await makePartner(db, eco.id, { name: 'Brick and Bolt' }), await makePartner(db, eco.id)];
			const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: own.id });
			const activity = await createActivity({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, input: { strategy_id: strategy.value.id, name: 'Summer maker apprenticeships' } });
			if (!activity.ok) throw new Error('no activity');
			expect(await createMeasure({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, input: { activity_id: activity.value.id, name: 'Apprentices who finished', kind: 'how_well', polarity: 'up', values: '2024: 18\n2025: 24' } })).toMatchObject({ ok: true });
			await expect(createActivity({ db, actor: member, ecosystemId: eco.id, partnerSlug: other.slug, input: { strategy_id: strategy.value.id, name: 'Not ours' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const otherAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: other.id });
			expect(await createMeasure({ db, actor: otherAdmin, ecosystemId: eco.id, partnerSlug: other.slug, input: { activity_id: activity.value.id, name: 'Stolen', kind: 'how_much', polarity: 'up' } })).toMatchObject({ ok: false, issues: [{ field: 'activity_id' }] });

			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(createActivity({ db, actor: educator, ecosystemId: eco.id, partnerSlug: own.slug, input: { strategy_id: strategy.value.id, name: 'Not a partner' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getPartnerContributions({ db, actor: publicActor, ecosystemId: eco.id, partnerSlug: own.slug })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const strategies = (await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!.strategies;
			expect(strategies[0]!.activities.map((a) => [a.partnerName, a.name, a.measures.map((m) => m.name)])).toEqual([['Brick and Bolt', 'Summer maker apprenticeships', ['Apprentices who finished']]]);
			expect((await getPartnerContributions({ db, actor: otherAdmin, ecosystemId: eco.id, partnerSlug: other.slug })).activities).toEqual([]);
			expect((await getAgendaForBackbone({ db, actor: staff, ecosystemId: eco.id })).strategiesWithoutPartners).toEqual([]);
		});
	});

	describe('editing strategies, actions, activities and measures', () => {
		it('keeps every version, refuses other partners’ items, and hides small measure values in public', async () => {
			const { ctx, db, eco, staff, resultId } = await setup(get);
			const strategy = await createStrategy({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, title: 'Paid internships' } });
			if (!strategy.ok) throw new Error('no strategy');
			expect(await updateStrategy({ db, actor: staff, ecosystemId: eco.id, strategyId: strategy.value.id, input: { result_id: resultId, title: 'Paid STEM internships', title_es: 'Pasantías STEM pagadas' } })).toEqual({ ok: true, value: { version: 2 } });
			expect((await listRevisions(db, eco.id, strategy.value.id)).map((r) => [r.version, r.snapshot.title])).toEqual([
				[1, 'Paid internships'],
				[2, 'Paid STEM internships']
			]);
			expect((await updateStrategy({ db, actor: staff, ecosystemId: eco.id, strategyId: strategy.value.id, input: { result_id: 'nope', title: 'x' } })).ok).toBe(false);

			const owner = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const action = await createAction({ db, actor: staff, ecosystemId: eco.id, input: { result_id: resultId, title: 'Convene employers', owner_user_id: owner.userId, due_on: '2020-01-31' } });
			if (!action.ok) throw new Error('no action');
			expect(await updateAction({ db, actor: staff, ecosystemId: eco.id, actionId: action.value.id, input: { result_id: resultId, title: 'Convene employers in spring', owner_user_id: owner.userId, due_on: '2099-04-30', status: 'in_progress' } })).toEqual({
				ok: true,
				value: { version: 2 }
			});
			expect(await listOverdueActions({ db, actor: staff, ecosystemId: eco.id })).toEqual([]);
			const badAction = await updateAction({ db, actor: staff, ecosystemId: eco.id, actionId: action.value.id, input: { result_id: resultId, title: 'x', owner_user_id: 'nobody', due_on: 'soon' } });
			expect(badAction.ok ? [] : badAction.issues.map((i) => i.field)).toEqual(['title', 'due_on']);

			const [own, other] = [await makePartner(db, eco.id, { name: 'Brick and Bolt' }), await makePartner(db, eco.id)];
			const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: own.id });
			const otherAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: other.id });
			const activity = await createActivity({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, input: { strategy_id: strategy.value.id, name: 'Summer apprenticeships' } });
			if (!activity.ok) throw new Error('no activity');
			expect(await updateActivity({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, activityId: activity.value.id, input: { strategy_id: strategy.value.id, name: 'Summer maker apprenticeships' } })).toEqual({ ok: true, value: { version: 2 } });
			await expect(updateActivity({ db, actor: otherAdmin, ecosystemId: eco.id, partnerSlug: other.slug, activityId: activity.value.id, input: { strategy_id: strategy.value.id, name: 'Taken' } })).rejects.toMatchObject({ code: 'AGENDA_ITEM_NOT_FOUND' });

			const measure = await createMeasure({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, input: { activity_id: activity.value.id, name: 'Apprentices who finished', kind: 'how_much', polarity: 'up', values: '2023: 18\n2024: 24' } });
			if (!measure.ok) throw new Error('no measure');
			expect(await updateMeasure({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, measureId: measure.value.id, input: { activity_id: activity.value.id, name: 'Apprentices who finished', kind: 'how_much', polarity: 'up', values: '2023: 18\n2024: 24\n2025: 4' } })).toEqual({
				ok: true,
				value: { version: 2 }
			});
			await expect(getContributionForEdit({ db, actor: otherAdmin, ecosystemId: eco.id, partnerSlug: other.slug, kind: 'measure', id: measure.value.id })).rejects.toMatchObject({ code: 'AGENDA_ITEM_NOT_FOUND' });
			expect((await getContributionForEdit({ db, actor: member, ecosystemId: eco.id, partnerSlug: own.slug, kind: 'measure', id: measure.value.id })).stored.values).toBe('2023: 18\n2024: 24\n2025: 4');
			expect((await listRevisions(db, eco.id, measure.value.id)).map((r) => r.version)).toEqual([1, 2]);

			// In public, 2025's 4 apprentices is a small count: suppressed, and out of the forecast.
			const published = (await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!.strategies[0]!.activities[0]!.measures[0]!;
			expect(published.series.map((p) => [p.year, p.value, p.suppressed])).toEqual([
				[2023, 18, false],
				[2024, 24, false],
				[2025, null, true]
			]);
			expect(published.progress.latest).toEqual({ year: 2024, value: 24 });
			const view = resultView((await getPublicAgenda({ db, ecosystemId: eco.id })).results[0]!, 'es').strategies[0]!.activities[0]!.measures[0]!;
			expect(view.latest).toBe('24');
			expect(view.curve.table.rows.find((r) => r.id === '2025')!.cells[1]).toBe('Suprimido');
			expect(JSON.stringify(view.curve.table)).not.toMatch(/"4"/);
			expect(await auditActions(db, eco.id)).toContain('agenda.measure.update');
		});
	});

	describe('demo agenda', () => {
		it('seeds Philadelphia’s 2030 goal with Access Index indicators on a straight line to parity, strategies and one overdue action', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			await insertDemoMeasurement(db, eco.id, 'philadelphia');
			const partner = await makePartner(db, eco.id, { slug: 'brick-and-bolt-youth-makerspace', name: 'Brick and Bolt' });
			const dana = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			await insertDemoAgenda(db, eco.id, 'philadelphia', { partnerIds: new Map([['brick-and-bolt-youth-makerspace', partner.id]]), userIds: new Map([['dana.admin@philadelphia.demo.parity.example', dana.userId]]) });
			const [result] = (await getPublicAgenda({ db, ecosystemId: eco.id })).results;
			expect(result!.indicators.map((i) => [i.row.group_key, i.targets.at(-1), i.progress.status !== 'no_data'])).toEqual([
				['black', { year: 2030, value: 1 }, true],
				['hispanic', { year: 2030, value: 1 }, true],
				['female', { year: 2030, value: 1 }, true]
			]);
			expect(result!.strategies.map((s) => s.activities.map((a) => a.partnerName))).toEqual([['Brick and Bolt'], [], []]);
			expect((await listOverdueActions({ db, actor: dana, ecosystemId: eco.id })).map((a) => a.title)).toEqual(['Convene STEM employers on skills-based hiring (demo)']);
		});
	});
});
