import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_POLICY, afterFailure, ecosystemOfJob, type JobFilter, cronFor, errorLine, queueName, slotKey, type JobHandler, type JobPolicy, type JobQueue, type JobView, type SendOptions } from './jobs.js';
import { log } from '../log.js';

interface Registered {
	handler: JobHandler<object>;
	policy: JobPolicy;
}

export interface TableQueueOptions {
	/** How often an idle worker looks for due jobs. */
	pollMs?: number;
	now?: () => Date;
}

/**
 * The job queue on SQLite: jobs are rows of `job` in the app's own database, so they survive a
 * restart, and the worker runs in the server process (`npm start` stays one process). A job is
 * claimed by a conditional update of its state, so two workers on one database never both run it;
 * an attempt whose process died is retried once its `expire_in_seconds` has passed.
 */
export class TableQueue implements JobQueue {
	readonly backend = 'sqlite' as const;
	private readonly handlers = new Map<string, Registered>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private running = false;
	private polling: Promise<void> | undefined;
	private readonly pollMs: number;
	private readonly now: () => Date;

	constructor(
		private readonly db: Kysely<Database>,
		options: TableQueueOptions = {}
	) {
		this.pollMs = options.pollMs ?? 1000;
		this.now = options.now ?? (() => new Date());
	}

	async start(): Promise<void> {
		if (this.running) return;
		this.running = true;
		const timer = setInterval(() => void this.poll(), this.pollMs);
		timer.unref();
		this.timers.add(timer);
		const pruning = setInterval(() => void this.prune().catch((error: unknown) => log('error', 'job pruning failed', { error: errorLine(error) })), 3_600_000);
		pruning.unref();
		this.timers.add(pruning);
	}

	/** Finished jobs are kept a week for the admin page, as pg-boss does, then deleted. */
	async prune(keepDays = 7): Promise<number> {
		const cutoff = new Date(this.now().getTime() - keepDays * 86_400_000).toISOString();
		const result = await this.db.deleteFrom('job').where('state', 'in', ['completed', 'failed']).where('completed_on', '<', cutoff).executeTakeFirst();
		return Number(result.numDeletedRows);
	}

	async stop(): Promise<void> {
		this.running = false;
		for (const timer of this.timers) clearInterval(timer);
		this.timers.clear();
		await this.polling;
	}

	async work<T extends object>(name: string, handler: JobHandler<T>, policy: Partial<JobPolicy> = {}): Promise<void> {
		this.handlers.set(queueName(name), { handler: handler as JobHandler<object>, policy: { ...DEFAULT_POLICY, ...policy } });
	}

	async send(name: string, data: object = {}, options: SendOptions = {}): Promise<string | null> {
		const queue = queueName(name);
		const policy = this.handlers.get(queue)?.policy ?? DEFAULT_POLICY;
		const id = randomUUID();
		const now = this.now().toISOString();
		const result = await this.db
			.insertInto('job')
			.values({
				id,
				name: queue,
				data: JSON.stringify(data),
				ecosystem_id: ecosystemOfJob(data),
				state: 'created',
				singleton_key: options.singletonKey ?? null,
				retry_count: 0,
				retry_limit: policy.retryLimit,
				retry_delay_seconds: policy.retryDelaySeconds,
				expire_in_seconds: policy.expireInSeconds,
				start_after: (options.startAfter?.toISOString() ?? now),
				created_on: now
			})
			.onConflict((oc) => oc.columns(['name', 'singleton_key']).doNothing())
			.executeTakeFirst();
		return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
	}

	async every(name: string, everyMs: number): Promise<void> {
		const queue = queueName(name);
		cronFor(everyMs); // the same periods as on PostgreSQL, refused the same way
		const enqueue = () =>
			void this.send(queue, {}, { singletonKey: slotKey(everyMs, this.now()) }).catch((error: unknown) =>
				log('error', 'could not schedule a job', { queue, error: errorLine(error) })
			);
		const timer = setInterval(enqueue, everyMs);
		timer.unref();
		this.timers.add(timer);
	}

	async recent(limit: number, filter: JobFilter = {}): Promise<JobView[]> {
		let query = this.db.selectFrom('job').selectAll();
		if (filter.ecosystemId !== undefined) query = query.where('ecosystem_id', '=', filter.ecosystemId);
		const rows = await query.orderBy('created_on', 'desc').orderBy('id').limit(limit).execute();
		return rows.map((row) => ({
			id: row.id,
			name: row.name,
			ecosystemId: row.ecosystem_id,
			state: row.state,
			retryCount: row.retry_count,
			createdOn: row.created_on,
			startedOn: row.started_on,
			completedOn: row.completed_on,
			error: row.state === 'completed' ? null : row.output
		}));
	}

	/** Runs every due job of the queues worked here until none is left (tests, and each poll). */
	async drain(): Promise<number> {
		let ran = 0;
		while (await this.runOne()) ran += 1;
		return ran;
	}

	private poll(): Promise<void> {
		if (!this.running || this.polling) return this.polling ?? Promise.resolve();
		this.polling = this.drain()
			.then(() => undefined)
			.catch((error: unknown) => log('error', 'job queue poll failed', { error: errorLine(error) }))
			.finally(() => {
				this.polling = undefined;
			});
		return this.polling;
	}

	/** Claims and runs one due job; false when nothing is due. */
	private async runOne(): Promise<boolean> {
		const names = [...this.handlers.keys()];
		if (names.length === 0) return false;
		const now = this.now();
		await this.expireDeadAttempts(names, now);
		const due = await this.db
			.selectFrom('job')
			.select(['id', 'name', 'data', 'state', 'retry_count', 'retry_limit', 'retry_delay_seconds'])
			.where('name', 'in', names)
			.where('state', 'in', ['created', 'retry'])
			.where('start_after', '<=', now.toISOString())
			.orderBy('start_after')
			.orderBy('id')
			.limit(1)
			.executeTakeFirst();
		if (!due) return false;
		const claimed = await this.db
			.updateTable('job')
			.set({ state: 'active', started_on: now.toISOString() })
			.where('id', '=', due.id)
			.where('state', '=', due.state)
			.where('retry_count', '=', due.retry_count)
			.executeTakeFirst();
		// Another worker took it between our read and our update: look again.
		if (Number(claimed.numUpdatedRows) !== 1) return true;
		const registered = this.handlers.get(due.name)!;
		try {
			const output = await registered.handler(JSON.parse(due.data) as object);
			await this.db
				.updateTable('job')
				.set({ state: 'completed', completed_on: this.now().toISOString(), output: output === undefined ? null : JSON.stringify(output) ?? null })
				.where('id', '=', due.id)
				.where('state', '=', 'active')
				.execute();
		} catch (error) {
			await this.recordFailure(due, errorLine(error));
		}
		return true;
	}

	private async recordFailure(job: { id: string; retry_count: number; retry_limit: number; retry_delay_seconds: number }, error: string): Promise<void> {
		const policy = { retryLimit: job.retry_limit, retryDelaySeconds: job.retry_delay_seconds, retryDelayMaxSeconds: DEFAULT_POLICY.retryDelayMaxSeconds };
		const next = afterFailure(policy, job.retry_count, this.now());
		await this.db
			.updateTable('job')
			.set(
				next.state === 'retry'
					? { state: 'retry', retry_count: next.retryCount, start_after: next.startAfter.toISOString(), output: error }
					: { state: 'failed', completed_on: this.now().toISOString(), output: error }
			)
			.where('id', '=', job.id)
			.where('state', '=', 'active')
			.execute();
	}

	/** An attempt still 'active' past its expiry belongs to a process that died: retry or fail it. */
	private async expireDeadAttempts(names: string[], now: Date): Promise<void> {
		const active = await this.db
			.selectFrom('job')
			.select(['id', 'retry_count', 'retry_limit', 'retry_delay_seconds', 'expire_in_seconds', 'started_on'])
			.where('name', 'in', names)
			.where('state', '=', 'active')
			.execute();
		for (const job of active) {
			const started = job.started_on ? Date.parse(job.started_on) : 0;
			if (now.getTime() - started < job.expire_in_seconds * 1000) continue;
			await this.recordFailure(job, `The attempt did not finish within ${job.expire_in_seconds} s (its process stopped)`);
		}
	}
}
