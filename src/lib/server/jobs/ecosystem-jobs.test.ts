import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, unique } from '../testing/factories.js';
import { perEcosystemQueue, scheduleWork, scheduledWork, type ScheduledWork } from '../scheduled-work.js';
import { createJobQueue } from './index.js';
import { queueName, type JobQueue, type JobView } from './jobs.js';
import { readEcosystemJobs, readRecentJobs } from './jobs.service.js';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > end) throw new Error('timed out waiting for the job queue');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

describeEachDatabase('background work seen per ecosystem', (get) => {
	const queues: JobQueue[] = [];
	const open = async () => {
		const queue = createJobQueue(get().ctx.db, { pollMs: 50, pollingIntervalSeconds: 0.5 });
		await queue.start();
		queues.push(queue);
		return queue;
	};
	afterAll(async () => {
		for (const queue of queues) await queue.stop();
	});

	it("a backbone admin sees their ecosystem's jobs (state, attempts, last error) and no other's", async () => {
		const { ctx } = get();
		const db = ctx.db.kysely;
		const [mine, theirs] = [await makeEcosystem(db), await makeEcosystem(db)];
		const queue = await open();
		const name = unique('scoped-test');
		await queue.work<{ ecosystemId?: string; fail?: boolean }>(name, async (data) => {
			if (data.fail) throw new Error(`could not reach the mail server\r\nfor ${data.ecosystemId}`);
		}, { retryLimit: 0, retryDelaySeconds: 1 });
		await queue.send(name, { ecosystemId: mine.id });
		await queue.send(name, { ecosystemId: mine.id, fail: true });
		await queue.send(name, { ecosystemId: theirs.id });
		await queue.send(name, {});
		const ours = (jobs: JobView[]) => jobs.filter((job) => job.name === queueName(name));
		await until(async () => ours(await queue.recent(100)).filter((job) => job.state === 'completed' || job.state === 'failed').length === 4);

		const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: mine.id });
		const seen = ours((await readEcosystemJobs({ jobs: queue, actor: admin, ecosystemId: mine.id })).jobs);
		expect(seen).toHaveLength(2);
		expect(seen.every((job) => job.ecosystemId === mine.id)).toBe(true);
		expect(seen.map((job) => job.state).sort()).toEqual(['completed', 'failed']);
		const failed = seen.find((job) => job.state === 'failed')!;
		// The last error, on one line, with its timings; attempts are retries + 1.
		expect(failed.error).toBe(`could not reach the mail server for ${mine.id}`);
		expect([failed.retryCount, typeof failed.startedOn, typeof failed.completedOn]).toEqual([0, 'string', 'string']);

		// The platform admin's page still lists every job, ecosystem or not.
		const platform = await makeActor(ctx, { platformAdmin: true });
		expect(ours((await readRecentJobs({ jobs: queue, actor: platform })).jobs)).toHaveLength(4);
	});

	it('is refused to other roles, to another ecosystem and without two-factor sign-in', async () => {
		const { ctx } = get();
		const db = ctx.db.kysely;
		const [mine, theirs] = [await makeEcosystem(db), await makeEcosystem(db)];
		const partner = await makePartner(db, mine.id);
		const queue = await open();
		const read = async (actor: Awaited<ReturnType<typeof makeActor>>) =>
			readEcosystemJobs({ jobs: queue, actor, ecosystemId: mine.id }).then(
				() => 'allowed',
				(error: { code?: string }) => error.code
			);
		expect(await read(await makeActor(ctx, { role: 'backbone_admin', ecosystemId: mine.id }))).toBe('allowed');
		expect(await read(await makeActor(ctx, { role: 'backbone_admin', ecosystemId: mine.id, twoFactor: false }))).toBe('TWO_FACTOR_REQUIRED');
		expect(await read(await makeActor(ctx, { role: 'backbone_staff', ecosystemId: mine.id }))).toBe('FORBIDDEN');
		expect(await read(await makeActor(ctx, { role: 'partner_admin', ecosystemId: mine.id, partnerId: partner.id }))).toBe('FORBIDDEN');
		expect(await read(await makeActor(ctx, { role: 'backbone_admin', ecosystemId: theirs.id }))).toBe('FORBIDDEN');
	});

	it('a per-ecosystem scheduled run becomes one job per ecosystem, once per period, retried with back-off', async () => {
		const { ctx } = get();
		const db = ctx.db.kysely;
		const [a, b] = [await makeEcosystem(db), await makeEcosystem(db)];
		const queue = await open();
		const runs: string[] = [];
		let failuresLeft = 1;
		const work: ScheduledWork = {
			name: unique('fan-out-test'),
			everyMs: 60 * 60_000,
			perEcosystem: true,
			policy: { retryDelaySeconds: 1 },
			run: async ({ ecosystemId }) => {
				if (ecosystemId !== a.id && ecosystemId !== b.id) return; // other tests' ecosystems
				if (ecosystemId === b.id && failuresLeft-- > 0) throw new Error('the first attempt fails');
				runs.push(ecosystemId);
			}
		};
		const clock = new Date('2026-12-02T03:10:00.000Z');
		await scheduleWork(queue, ctx, 'http://localhost', [work], () => clock);
		// Two servers' timers fire in the same period: two fan-outs, one job per ecosystem.
		await queue.send(work.name, {}, { singletonKey: 'tick-1' });
		await queue.send(work.name, {}, { singletonKey: 'tick-2' });
		await until(() => runs.includes(a.id) && runs.includes(b.id));
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(runs.filter((id) => id === a.id || id === b.id).sort()).toEqual([a.id, b.id].sort());

		const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: b.id });
		const jobs = (await readEcosystemJobs({ jobs: queue, actor: admin, ecosystemId: b.id })).jobs;
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({ name: queueName(perEcosystemQueue(work)), state: 'completed', retryCount: 1, ecosystemId: b.id });
	}, 90_000);

	it('the built-in reminders, purges and notices are scheduled per ecosystem', () => {
		const perEcosystem = scheduledWork.filter((work) => work.perEcosystem).map((work) => work.name);
		expect(perEcosystem).toEqual(expect.arrayContaining(['due-date reminders', 'event reminders', 'story purge', 'stale program listing notices']));
	});
});
