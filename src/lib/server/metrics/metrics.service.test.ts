import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { insertPopulation } from '../benchmarks/benchmarks.repository.js';
import { findMetricById, listMetrics } from './metrics.repository.js';
import { createMetric, getMeasurementOverview, getMetricForEdit, metricIdBySlug, prepareMetricForm, setMetricArchived, updateMetric } from './metrics.service.js';

const metricInput = (overrides: Record<string, unknown> = {}) => ({
	name: 'Black women in STEM jobs',
	definition: 'Civilian employed women aged 16 and over in computer, engineering and science occupations.',
	unit: 'people',
	stage: 'workforce',
	frequency: 'annual',
	source: 'ACS 1-year, B24010B',
	disaggregations: ['race_ethnicity', 'sex'],
	...overrides
});

describeEachDatabase('metrics service', (get) => {
	describe('createMetric', () => {
		it('lets backbone staff add metrics with unique web addresses, the stage’s default position, and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const population = await insertPopulation(db, eco.id, 'pa-16', { name: 'PA residents 16+', description: '', geography: 'state:42', source: '' });
			const first = await createMetric({ db, actor: staff, ecosystemId: eco.id, input: metricInput({ benchmark_population_id: population }) });
			const second = await createMetric({ db, actor: staff, ecosystemId: eco.id, input: metricInput({ name_es: 'Mujeres negras en empleos STEM', stage_position: '7' }) });
			expect(first).toMatchObject({ ok: true, value: { slug: 'black-women-in-stem-jobs' } });
			expect(second).toMatchObject({ ok: true, value: { slug: 'black-women-in-stem-jobs-2' } });
			const rows = await listMetrics(db, eco.id);
			expect(rows.map((r) => [r.slug, r.stage_position, r.disaggregations_json, r.benchmark_population_id, r.name_es])).toEqual([
				['black-women-in-stem-jobs', 4, '["race_ethnicity","sex"]', population, null],
				['black-women-in-stem-jobs-2', 7, '["race_ethnicity","sex"]', null, 'Mujeres negras en empleos STEM']
			]);
			expect(await auditActions(db, eco.id)).toEqual(['metric.create', 'metric.create']);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createMetric({ db, actor: staff, ecosystemId: eco.id, input: { name: '', unit: 'kg', stage: 'workforce', frequency: 'daily', disaggregations: ['shoe_size'] } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'definition', 'unit', 'frequency', 'disaggregations']);
			expect(await listMetrics(db, eco.id)).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses a benchmark population of another ecosystem', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const other = await makeEcosystem(db);
			const foreign = await insertPopulation(db, other.id, 'theirs', { name: 'Theirs', description: '', geography: '', source: '' });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createMetric({ db, actor: staff, ecosystemId: eco.id, input: metricInput({ benchmark_population_id: foreign }) });
			expect(outcome).toEqual({ ok: false, issues: [{ field: 'benchmark_population_id', message: expect.any(String) }] });
			expect(await listMetrics(db, eco.id)).toEqual([]);
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'educator' ? null : partner.id });
			await expect(createMetric({ db, actor, ecosystemId: eco.id, input: metricInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getMeasurementOverview({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(prepareMetricForm({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await listMetrics(db, eco.id)).toEqual([]);
		});

		it('sends a signed-out visitor to sign in, and asks a backbone admin without two-factor to set it up', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			await expect(createMetric({ db, actor: publicActor, ecosystemId: eco.id, input: metricInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id, twoFactor: false });
			await expect(createMetric({ db, actor: admin, ecosystemId: eco.id, input: metricInput() })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});
	});

	describe('editing and archiving', () => {
		it('edits a metric, archives it (kept, listed last) and restores it, each audited', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const created = await createMetric({ db, actor: admin, ecosystemId: eco.id, input: metricInput() });
			const other = await createMetric({ db, actor: admin, ecosystemId: eco.id, input: metricInput({ name: 'Zebra course takers', stage: 'k12_course_taking' }) });
			if (!created.ok || !other.ok) throw new Error('setup');
			const edited = await updateMetric({
				db,
				actor: admin,
				ecosystemId: eco.id,
				metricId: created.value.id,
				input: metricInput({ name: 'Women in STEM jobs', unit: 'percent', disaggregations: ['zip'] })
			});
			expect(edited).toEqual({ ok: true, value: null });
			expect(await findMetricById(db, eco.id, created.value.id)).toMatchObject({ name: 'Women in STEM jobs', unit: 'percent', disaggregations_json: '["zip"]', slug: created.value.slug });

			await setMetricArchived({ db, actor: admin, ecosystemId: eco.id, metricId: other.value.id, archived: true });
			const overview = await getMeasurementOverview({ db, actor: admin, ecosystemId: eco.id });
			expect(overview.metrics.map((m) => [m.name, m.archived_at !== null])).toEqual([
				['Women in STEM jobs', false],
				['Zebra course takers', true]
			]);
			await setMetricArchived({ db, actor: admin, ecosystemId: eco.id, metricId: other.value.id, archived: false });
			expect((await findMetricById(db, eco.id, other.value.id))?.archived_at).toBeNull();
			expect(await auditActions(db, eco.id)).toEqual(['metric.archive', 'metric.create', 'metric.create', 'metric.restore', 'metric.update']);

			const page = await getMetricForEdit({ db, actor: admin, ecosystemId: eco.id, slug: created.value.slug });
			expect(page.metric.disaggregations).toEqual(['zip']);
			expect(page.stages).toContain('workforce');
		});

		it('changes nothing when an edit is invalid', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const created = await createMetric({ db, actor: staff, ecosystemId: eco.id, input: metricInput() });
			if (!created.ok) throw new Error('setup');
			const before = await findMetricById(db, eco.id, created.value.id);
			const outcome = await updateMetric({ db, actor: staff, ecosystemId: eco.id, metricId: created.value.id, input: metricInput({ name: 'x', stage: 'nowhere' }) });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'stage']);
			expect(await findMetricById(db, eco.id, created.value.id)).toEqual(before);
		});
	});

	describe('tenant isolation', () => {
		it('never reads or changes another ecosystem’s metric, by id or by address', async () => {
			const { ctx, db } = get();
			const a = await makeEcosystem(db);
			const b = await makeEcosystem(db);
			const adminA = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: a.id });
			const adminB = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: b.id });
			const theirs = await createMetric({ db, actor: adminB, ecosystemId: b.id, input: metricInput() });
			if (!theirs.ok) throw new Error('setup');
			const before = await findMetricById(db, b.id, theirs.value.id);

			await expect(updateMetric({ db, actor: adminA, ecosystemId: a.id, metricId: theirs.value.id, input: metricInput({ name: 'Taken over' }) })).rejects.toMatchObject({ code: 'METRIC_NOT_FOUND' });
			await expect(setMetricArchived({ db, actor: adminA, ecosystemId: a.id, metricId: theirs.value.id, archived: true })).rejects.toMatchObject({ code: 'METRIC_NOT_FOUND' });
			await expect(getMetricForEdit({ db, actor: adminA, ecosystemId: a.id, slug: theirs.value.slug })).rejects.toMatchObject({ code: 'METRIC_NOT_FOUND' });
			await expect(metricIdBySlug({ db, actor: adminA, ecosystemId: a.id, slug: theirs.value.slug })).rejects.toMatchObject({ code: 'METRIC_NOT_FOUND' });
			// Naming B while holding no role there is refused outright.
			await expect(updateMetric({ db, actor: adminA, ecosystemId: b.id, metricId: theirs.value.id, input: metricInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getMeasurementOverview({ db, actor: adminA, ecosystemId: b.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await getMeasurementOverview({ db, actor: adminA, ecosystemId: a.id })).metrics).toEqual([]);
			expect(await findMetricById(db, b.id, theirs.value.id)).toEqual(before);
			expect(await auditActions(db, a.id)).toEqual([]);
		});
	});
});
