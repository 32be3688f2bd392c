import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_POLICY, cronFor, type JobFilter, errorLine, queueName, type JobHandler, type JobPolicy, type JobQueue, type JobState, type JobView, type SendOptions } from './jobs.js';
import { log } from '../log.js';

export interface PgBossQueueOptions {
	/** How often an idle worker asks for jobs (pg-boss allows 0.5 s at the finest). */
	pollingIntervalSeconds?: number;
	/** How often pg-boss looks for attempts past their expiry (a dead worker's); its default is a minute. */
	expiryCheckSeconds?: number;
}

const SCHEMA = 'pgboss';

/**
 * The job queue on PostgreSQL: pg-boss, a maintained queue that claims jobs with
 * `FOR UPDATE SKIP LOCKED`, so any number of app servers can work the same queues and each job
 * runs once; its cron schedules fire once per slot across all of them.
 */
export class PgBossQueue implements JobQueue {
	readonly backend = 'pg-boss' as const;
	private readonly boss: PgBoss;
	private readonly created = new Set<string>();
	private started: Promise<void> | undefined;

	constructor(
		url: string,
		private readonly db: Kysely<Database>,
		private readonly options: PgBossQueueOptions = {}
	) {
		const expiryCheck = options.expiryCheckSeconds === undefined ? {} : { superviseIntervalSeconds: options.expiryCheckSeconds, monitorIntervalSeconds: options.expiryCheckSeconds };
		this.boss = new PgBoss({ connectionString: url, schema: SCHEMA, max: 4, application_name: 'parity-jobs', ...expiryCheck });
		this.boss.on('error', (error: Error) => log('error', 'job queue error', { error: errorLine(error) }));
	}

	start(): Promise<void> {
		this.started ??= this.boss.start().then(() => undefined);
		return this.started;
	}

	async stop(): Promise<void> {
		if (!this.started) return;
		await this.started.catch(() => undefined);
		await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
		this.started = undefined;
	}

	async work<T extends object>(name: string, handler: JobHandler<T>, policy: Partial<JobPolicy> = {}): Promise<void> {
		const queue = await this.ensureQueue(name, policy);
		await this.boss.work<T>(queue, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
			if (job) return handler(job.data);
		});
	}

	async send(name: string, data: object = {}, options: SendOptions = {}): Promise<string | null> {
		const queue = await this.ensureQueue(name);
		return this.boss.send(queue, data, {
			// pg-boss's own singleton keys only bind on special queue policies; a job id derived from
			// the key makes a second send of it a conflict that pg-boss skips (it inserts ON CONFLICT DO NOTHING).
			...(options.singletonKey ? { id: keyedJobId(queue, options.singletonKey), singletonKey: options.singletonKey } : {}),
			...(options.startAfter ? { startAfter: options.startAfter } : {})
		});
	}

	async every(name: string, everyMs: number): Promise<void> {
		const queue = await this.ensureQueue(name);
		await this.boss.schedule(queue, cronFor(everyMs), {}, { tz: 'UTC' });
	}

	async recent(limit: number, filter: JobFilter = {}): Promise<JobView[]> {
		await this.start();
		// pg-boss lists jobs per queue only; its job table is documented, so the admin pages read it.
		const only = filter.ecosystemId === undefined ? sql`` : sql`where data->>'ecosystemId' = ${filter.ecosystemId}`;
		const { rows } = await sql<{ id: string; name: string; ecosystem_id: string | null; state: JobState; retry_count: number; created_on: Date; started_on: Date | null; completed_on: Date | null; output: unknown }>`
			select id, name, data->>'ecosystemId' as ecosystem_id, state, retry_count, created_on, started_on, completed_on, output
			from ${sql.table(`${SCHEMA}.job`)}
			${only}
			order by created_on desc, id
			limit ${limit}`.execute(this.db);
		return rows.map((row) => ({
			id: String(row.id),
			name: row.name,
			ecosystemId: row.ecosystem_id ?? null,
			state: row.state,
			retryCount: Number(row.retry_count),
			createdOn: new Date(row.created_on).toISOString(),
			startedOn: row.started_on ? new Date(row.started_on).toISOString() : null,
			completedOn: row.completed_on ? new Date(row.completed_on).toISOString() : null,
			error: row.state === 'completed' || row.output == null ? null : errorLine(messageOf(row.output))
		}));
	}

	/**
	 * Creates the queue if needed. Only a worker's declaration (`policy` given) sets its retries and
	 * expiry: a server that merely sends to a queue must not reset the policy its workers declared.
	 */
	private async ensureQueue(name: string, policy?: Partial<JobPolicy>): Promise<string> {
		const queue = queueName(name);
		await this.start();
		if (this.created.has(queue) && !policy) return queue;
		const { retryLimit, retryDelaySeconds, retryDelayMaxSeconds, expireInSeconds } = { ...DEFAULT_POLICY, ...policy };
		const options = { retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds };
		if (await this.boss.getQueue(queue)) {
			if (policy) await this.boss.updateQueue(queue, options);
		} else await this.boss.createQueue(queue, { ...options, retryDelayMax: retryDelayMaxSeconds }).catch(async (error: unknown) => {
			// Another server created it between our look and our create.
			if (!(await this.boss.getQueue(queue))) throw error;
		});
		this.created.add(queue);
		return queue;
	}
}

/** A UUID (version 8, name-based) that is the same for the same queue and key. */
export function keyedJobId(queue: string, key: string): string {
	const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function messageOf(output: unknown): string {
	if (output && typeof output === 'object' && 'message' in output) return String((output as { message: unknown }).message);
	return typeof output === 'string' ? output : JSON.stringify(output);
}
