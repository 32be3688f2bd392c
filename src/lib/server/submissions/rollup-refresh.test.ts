import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { listMetricValues } from '../metrics/metrics.repository.js';
import { dashboardDataVersion } from '../dashboard/dashboard.repository.js';
import { createJobQueue } from '../jobs/index.js';
import { queueName, type JobQueue } from '../jobs/jobs.js';
import { submitCells } from './submissions.service.js';
import { reviewSubmission } from './cycles.service.js';
import { ROLLUP_REFRESH_QUEUE, requestRollupRefresh, workRollupRefreshes } from './rollup-refresh.js';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > end) throw new Error('timed out waiting for the job queue');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

describeEachDatabase('rollups refreshed by a queue job', (get) => {
	const queues: JobQueue[] = [];
	afterEach(async () => {
		for (const queue of queues.splice(0)) await queue.stop();
	});

	/** An ecosystem with accepted numbers for two years (the accept refreshed each year at once). */
	async function acceptedNetwork() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'participants' });
		const reviewer = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const staff = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		for (const [year, all] of [[2025, '80'], [2026, '100']] as const) {
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id], year });
			const sent = await submitCells({ db, actor: staff, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: all }] });
			if (!sent.ok) throw new Error('submission refused');
			await reviewSubmission({ ctx, actor: reviewer, ecosystemId: eco.id, submissionId: sent.value.submissionId, input: { decision: 'accept' }, origin: 'http://localhost' });
		}
		const values = async () => (await listMetricValues(db, eco.id, metric.id)).map((v) => [v.year, v.group_key, v.value, v.origin]);
		return { db, eco, metric, values };
	}

	it('recomputes every year of one ecosystem from its accepted submissions, and no other ecosystem', async () => {
		const mine = await acceptedNetwork();
		const theirs = await acceptedNetwork();
		const expected = [[2025, 'all', 80, 'partners'], [2026, 'all', 100, 'partners']];
		expect(await mine.values()).toEqual(expected);
		// Rollups gone astray (a repair made by hand, a change outside the review).
		await mine.db.updateTable('metric_value').set({ value: 1 }).where('ecosystem_id', '=', mine.eco.id).execute();
		await theirs.db.updateTable('metric_value').set({ value: 2 }).where('ecosystem_id', '=', theirs.eco.id).execute();
		const version = await dashboardDataVersion(mine.db, mine.eco.id);

		const queue = createJobQueue(get().ctx.db, { pollMs: 50, pollingIntervalSeconds: 0.5 });
		queues.push(queue);
		await queue.start();
		await workRollupRefreshes(queue, mine.db);
		expect(await requestRollupRefresh(queue, { ecosystemId: mine.eco.id })).toEqual(expect.any(String));
		await until(async () => (await queue.recent(20, { ecosystemId: mine.eco.id })).some((job) => job.state === 'completed'));
		expect(await mine.values()).toEqual(expected);
		// The cached charts are rebuilt: the numbers moved the data version.
		expect(await dashboardDataVersion(mine.db, mine.eco.id)).not.toBe(version);
		expect((await theirs.values()).map((v) => v[2])).toEqual([2, 2]);
		const [job] = await queue.recent(20, { ecosystemId: mine.eco.id });
		expect(job).toMatchObject({ name: queueName(ROLLUP_REFRESH_QUEUE), state: 'completed', ecosystemId: mine.eco.id });
	}, 60_000);

	it('recomputes one year when asked for one', async () => {
		const net = await acceptedNetwork();
		await net.db.updateTable('metric_value').set({ value: 1 }).where('ecosystem_id', '=', net.eco.id).execute();
		const queue = createJobQueue(get().ctx.db, { pollMs: 50, pollingIntervalSeconds: 0.5 });
		queues.push(queue);
		await queue.start();
		await workRollupRefreshes(queue, net.db);
		await requestRollupRefresh(queue, { ecosystemId: net.eco.id, year: 2026 });
		await until(async () => (await queue.recent(20, { ecosystemId: net.eco.id })).some((job) => job.state === 'completed'));
		expect(await net.values()).toEqual([[2025, 'all', 1, 'partners'], [2026, 'all', 100, 'partners']]);
	}, 60_000);
});
