import { afterAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { scheduledWork } from '../scheduled-work.js';
import { createJobQueue } from './index.js';
import { cronFor, queueName, type JobQueue } from './jobs.js';
import { TableQueue } from './table-queue.js';
import { jobKind, jobLabel } from '../../job-labels.js';
import { PARTICIPANT_IMPORT_QUEUE } from '../participants/participants.queue.js';
import { ROLLUP_REFRESH_QUEUE } from '../submissions/rollup-refresh.js';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > end) throw new Error('timed out waiting for the job queue');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

describeEachDatabase('durable job queue', (get) => {
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

	it('uses pg-boss on PostgreSQL and the table queue on SQLite', async () => {
		const queue = await open();
		expect(queue.backend).toBe(get().dialect === 'postgres' ? 'pg-boss' : 'sqlite');
	});

	it('runs each job once with two workers on the same database', async () => {
		const [a, b] = [await open(), await open()];
		const runs: { worker: string; n: number }[] = [];
		const handler = (worker: string) => async (data: { n: number }) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			runs.push({ worker, n: data.n });
		};
		await a.work('once-test', handler('a'), { retryDelaySeconds: 1 });
		await b.work('once-test', handler('b'), { retryDelaySeconds: 1 });
		for (let n = 0; n < 30; n += 1) await (n % 2 ? a : b).send('once-test', { n });
		await until(() => runs.length >= 30);
		// Give a duplicate the time to show itself.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(runs.map((run) => run.n).sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
		const done = (await a.recent(100)).filter((job) => job.name === 'once-test');
		expect(done).toHaveLength(30);
		expect(done.every((job) => job.state === 'completed')).toBe(true);
	});

	it('makes one job of two sends with the same singleton key', async () => {
		const [a, b] = [await open(), await open()];
		let runs = 0;
		await a.work('singleton-test', async () => {
			runs += 1;
		});
		expect(await a.send('singleton-test', {}, { singletonKey: 'slot-1' })).toEqual(expect.any(String));
		expect(await b.send('singleton-test', {}, { singletonKey: 'slot-1' })).toBeNull();
		await until(() => runs === 1);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(runs).toBe(1);
	});

	it('retries a failing job with back-off until it succeeds', async () => {
		const queue = await open();
		const attempts: number[] = [];
		await queue.work(
			'retry-test',
			async () => {
				attempts.push(Date.now());
				if (attempts.length < 3) throw new Error(`SMTP refused (attempt ${attempts.length})`);
				return { ok: true };
			},
			{ retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 10 }
		);
		await queue.send('retry-test', {});
		await until(async () => (await queue.recent(50)).some((job) => job.name === 'retry-test' && job.state === 'completed'), 30_000);
		expect(attempts).toHaveLength(3);
		// Some pause between attempts (pg-boss adds jitter below the doubled delay, so only > 0 is certain).
		expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(400);
		const [job] = (await queue.recent(50)).filter((j) => j.name === 'retry-test');
		expect(job).toMatchObject({ state: 'completed', retryCount: 2, error: null });
	});

	it('marks a job failed, with its error, once the retries are spent', async () => {
		const queue = await open();
		let attempts = 0;
		await queue.work(
			'failing-test',
			async () => {
				attempts += 1;
				throw new Error('The SMTP server said 550\r\nforged line');
			},
			{ retryLimit: 1, retryDelaySeconds: 1 }
		);
		await queue.send('failing-test', {});
		await until(async () => (await queue.recent(50)).some((job) => job.name === 'failing-test' && job.state === 'failed'), 30_000);
		expect(attempts).toBe(2);
		const [job] = (await queue.recent(50)).filter((j) => j.name === 'failing-test');
		expect(job?.error).toContain('The SMTP server said 550');
		expect(job?.error).not.toMatch(/[\r\n]/);
	});

	it('accepts a periodic schedule and refuses a period it cannot keep', async () => {
		const queue = await open();
		await queue.work('periodic-test', async () => undefined);
		await expect(queue.every('periodic-test', 5 * 60_000)).resolves.toBeUndefined();
		await expect(queue.every('periodic-test', 7 * 60_000)).rejects.toThrow(/does not divide an hour/);
	});
});


describeEachDatabase('table queue (the SQLite backend, run here on both databases)', (get) => {
	it('keeps a job sent before a restart and runs it after', async () => {
		const before = new TableQueue(get().db, { pollMs: 50 });
		await before.send('restart-test', { n: 7 });
		await before.stop();
		const after = new TableQueue(get().db, { pollMs: 50 });
		const seen: number[] = [];
		await after.work<{ n: number }>('restart-test', async (data) => {
			seen.push(data.n);
		});
		expect(await after.drain()).toBe(1);
		expect(seen).toEqual([7]);
		expect(await after.drain()).toBe(0);
	});

	it('retries an attempt whose process died once it has expired', async () => {
		let clock = new Date('2026-12-02T10:00:00.000Z');
		const queue = new TableQueue(get().db, { now: () => clock });
		let runs = 0;
		await queue.work('crash-test', async () => {
			runs += 1;
		}, { expireInSeconds: 60, retryDelaySeconds: 5 });
		const id = (await queue.send('crash-test', {}))!;
		// A worker claimed it, then its process was killed: the row stays 'active'.
		await get().db.updateTable('job').set({ state: 'active', started_on: clock.toISOString() }).where('id', '=', id).execute();
		expect(await queue.drain()).toBe(0);
		clock = new Date('2026-12-02T10:01:01.000Z');
		expect(await queue.drain()).toBe(0); // expired now: back to 'retry', due 5 s later
		const waiting = await get().db.selectFrom('job').select(['state', 'retry_count', 'output']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(waiting).toMatchObject({ state: 'retry', retry_count: 1 });
		expect(waiting.output).toMatch(/did not finish within 60 s/);
		clock = new Date('2026-12-02T10:01:07.000Z');
		expect(await queue.drain()).toBe(1);
		expect(runs).toBe(1);
	});

	it('deletes finished jobs after a week', async () => {
		let clock = new Date('2026-11-01T00:00:00.000Z');
		const queue = new TableQueue(get().db, { now: () => clock });
		await queue.work('prune-test', async () => undefined);
		await queue.send('prune-test', {});
		await queue.drain();
		clock = new Date('2026-11-05T00:00:00.000Z');
		expect(await queue.prune()).toBe(0);
		clock = new Date('2026-11-09T00:00:00.000Z');
		expect(await queue.prune()).toBeGreaterThanOrEqual(1);
		expect(await get().db.selectFrom('job').select('id').where('name', '=', 'prune-test').execute()).toEqual([]);
	});
});

describe('scheduled work', () => {
	it.each(scheduledWork.map((work) => [work.name, work.everyMs] as const))('%s has a period every backend can keep', (name, everyMs) => {
		expect(() => cronFor(everyMs)).not.toThrow();
		expect(queueName(name)).toMatch(/^[a-z0-9][a-z0-9._/-]*$/);
	});
});

describe('job names on the admin pages', () => {
	const kinds = [...scheduledWork.map((work) => work.name), 'sqlite backup'].map(queueName);
	it.each(kinds)('%s has a readable name, also as one ecosystem\'s share', (kind) => {
		expect(jobKind(kind)).toBe(kind);
		expect(jobKind(`${kind}/ecosystem`)).toBe(kind);
	});

	it('names the participant import and the rollup refresh in English', () => {
		expect([jobLabel(queueName(PARTICIPANT_IMPORT_QUEUE)), jobLabel(queueName(ROLLUP_REFRESH_QUEUE))]).toEqual(['Participant file import', 'Network numbers recomputed']);
		expect(jobLabel('weekly-digest/ecosystem', { perEcosystemNoted: true })).toBe('Weekly digest (one ecosystem)');
		expect(jobLabel('some-test-queue')).toBe('some-test-queue');
	});
});
