import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem } from '../testing/factories.js';
import { insertDemoMeasurement, demoMeasurement } from '../demo/demo-measurement.js';
import { getDashboardPage, getDashboardView, getPublicChart, loadDashboard } from './dashboard.service.js';
import { dashboardDataVersion } from './dashboard.repository.js';
import type { Dashboard } from './dashboard.js';

const numbersIn = (dashboard: Dashboard) =>
	[...dashboard.indexSeries, ...dashboard.pipeline.groups.flatMap((g) => g.rows)].flatMap((r) =>
		[r.stageCount, r.stageTotal, r.benchmarkCount, r.benchmarkTotal].flatMap((c) => (c && 'value' in c ? [c.value] : []))
	);

describeEachDatabase('the public dashboard', (get) => {
	it('shows ecosystem A only its own metrics, populations and values, never B’s', async () => {
		const { db } = get();
		const a = await makeEcosystem(db);
		const b = await makeEcosystem(db);
		await insertDemoMeasurement(db, a.id, 'philadelphia');
		await insertDemoMeasurement(db, b.id, 'portland');
		// A metric of A that points at B's population must not pull B's figures in.
		const bPopulation = await db.selectFrom('benchmark_population').select('id').where('ecosystem_id', '=', b.id).executeTakeFirstOrThrow();
		await db.updateTable('metric').set({ benchmark_population_id: bPopulation.id }).where('ecosystem_id', '=', a.id).where('slug', '=', 'ap-ib-stem-enrolment').execute();

		const dashboardA = (await loadDashboard({ db, ecosystemId: a.id }))!;
		const aMetricIds = (await db.selectFrom('metric').select('id').where('ecosystem_id', '=', a.id).execute()).map((r) => r.id);
		expect(dashboardA.metrics.map((m) => m.id).sort()).toEqual(aMetricIds.sort());
		expect(dashboardA.populations).toHaveLength(1);
		expect(dashboardA.populations[0]!.name).toMatch(/^Pennsylvania/);
		expect(dashboardA.metrics.find((m) => m.slug === 'ap-ib-stem-enrolment')!.populationId).toBeNull();
		expect(dashboardA.focusGroups).toEqual(demoMeasurement.philadelphia!.focusGroups);

		// Oregon's figures appear nowhere in A's dashboard.
		const oregonOnly = new Set(
			[...demoMeasurement.portland!.metrics.flatMap((m) => m.values.map((v) => v.value)), ...demoMeasurement.portland!.benchmark.values.map((v) => v.estimate)].filter(
				(v) =>
					v > 1000 &&
					!demoMeasurement.philadelphia!.metrics.some((m) => m.values.some((w) => w.value === v)) &&
					!demoMeasurement.philadelphia!.benchmark.values.some((w) => w.estimate === v)
			)
		);
		expect(numbersIn(dashboardA).filter((v) => oregonOnly.has(v))).toEqual([]);
		// …and A's headline figures are Pennsylvania's (ACS 2018, B24010B: 16,749 Black STEM workers).
		expect(dashboardA.indexSeries.find((r) => r.group === 'black' && r.year === 2018)!.stageCount).toEqual({ value: 16749, moe: 2652 });

		const dashboardB = (await loadDashboard({ db, ecosystemId: b.id }))!;
		expect(dashboardB.metrics.every((m) => !aMetricIds.includes(m.id))).toBe(true);
	});

	it('publishes no count from 1 to 10 from the seeded demo data', async () => {
		const { db } = get();
		for (const slug of ['philadelphia', 'portland']) {
			const eco = await makeEcosystem(db);
			await insertDemoMeasurement(db, eco.id, slug);
			const dashboard = (await loadDashboard({ db, ecosystemId: eco.id }))!;
			const small = numbersIn(dashboard).filter((v) => v > 0 && v < 11);
			expect(small, slug).toEqual([]);
			const view = (await getDashboardView({ db, ecosystemId: eco.id, locale: 'en' }))!;
			expect(view.charts.map((c) => c.key)).toEqual(['index', 'shares', 'pipeline']);
		}
	});

	it('gives the page its goal in the page’s language, and one chart to the CSV and embed routes', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		await insertDemoMeasurement(db, eco.id, 'philadelphia');
		await db.updateTable('ecosystem').set({ goal: 'Parity by 2030', goal_es: 'Paridad en 2030' }).where('id', '=', eco.id).execute();
		expect((await getDashboardPage({ db, ecosystemId: eco.id, locale: 'es' })).goal).toBe('Paridad en 2030');
		const page = await getDashboardPage({ db, ecosystemId: eco.id, locale: 'en' });
		expect(page.goal).toBe('Parity by 2030');
		const { chart, ecosystem } = await getPublicChart({ db, slug: eco.slug, chart: 'pipeline', locale: 'en' });
		expect(ecosystem.id).toBe(eco.id);
		expect(chart).toBe(page.view.charts.find((c) => c.key === 'pipeline'));
		await expect(getPublicChart({ db, slug: eco.slug, chart: 'nope', locale: 'en' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(getPublicChart({ db, slug: 'no-such-ecosystem', chart: 'index', locale: 'en' })).rejects.toMatchObject({ code: 'ECOSYSTEM_NOT_FOUND' });
		const empty = await makeEcosystem(db);
		await expect(getPublicChart({ db, slug: empty.slug, chart: 'index', locale: 'en' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('serves the cached view until the data changes', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		await insertDemoMeasurement(db, eco.id, 'philadelphia');
		const first = await getDashboardView({ db, ecosystemId: eco.id, locale: 'en' });
		expect(await getDashboardView({ db, ecosystemId: eco.id, locale: 'en' })).toBe(first);
		const before = await dashboardDataVersion(db, eco.id);
		const metric = await db.selectFrom('metric').select('id').where('ecosystem_id', '=', eco.id).where('stage', '=', 'workforce').executeTakeFirstOrThrow();
		await db
			.updateTable('metric_value')
			.set({ value: 20000, updated_at: new Date(Date.now() + 1000).toISOString() })
			.where('metric_id', '=', metric.id)
			.where('year', '=', 2018)
			.where('group_key', '=', 'black')
			.execute();
		expect(await dashboardDataVersion(db, eco.id)).not.toBe(before);
		const after = (await getDashboardView({ db, ecosystemId: eco.id, locale: 'en' }))!;
		expect(after).not.toBe(first);
		expect(after.charts[0]!.table.rows.find((r) => r.id === 'black-2018')!.cells[4]).toMatch(/^20,000/);
	});
});
