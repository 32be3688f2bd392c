/**
 * The durable job queue's interface and its pure rules. Background work (mail, reminders, purges,
 * imports…) goes through one `JobQueue`: on PostgreSQL it is pg-boss (pg-boss-queue.ts), on SQLite
 * a table in the same database worked in process (table-queue.ts). Both run each job once even
 * with several workers, retry a failed job with exponential back-off, and keep what happened for
 * the admin page.
 */

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'failed';

export interface JobPolicy {
	/** Retries after the first attempt before the job is marked failed. */
	retryLimit: number;
	/** First retry delay; each later retry doubles it (capped by `retryDelayMaxSeconds`). */
	retryDelaySeconds: number;
	retryDelayMaxSeconds: number;
	/** An attempt running longer than this is taken as dead (its process crashed) and retried. */
	expireInSeconds: number;
}

export const DEFAULT_POLICY: JobPolicy = {
	retryLimit: 3,
	retryDelaySeconds: 30,
	retryDelayMaxSeconds: 3600,
	expireInSeconds: 900
};

export type JobHandler<T extends object = object> = (data: T) => Promise<unknown>;

export interface SendOptions {
	/** Jobs with the same name and key are one job (the first one sent). */
	singletonKey?: string;
	startAfter?: Date;
}

/** What the admin page shows of a job: never its data, which may name people. */
export interface JobView {
	id: string;
	name: string;
	/** The ecosystem the job works for (its data's `ecosystemId`), or null for deployment-wide work. */
	ecosystemId: string | null;
	state: JobState;
	retryCount: number;
	createdOn: string;
	startedOn: string | null;
	completedOn: string | null;
	error: string | null;
}

export interface JobFilter {
	ecosystemId?: string;
}

/** A job works for one ecosystem when its data names it: `{ ecosystemId: … }`. */
export function ecosystemOfJob(data: unknown): string | null {
	const id = data && typeof data === 'object' ? (data as { ecosystemId?: unknown }).ecosystemId : undefined;
	return typeof id === 'string' && id !== '' ? id : null;
}

export interface JobQueue {
	readonly backend: 'pg-boss' | 'sqlite';
	start(): Promise<void>;
	/** Stops taking work and waits for the attempts in progress. */
	stop(): Promise<void>;
	/** Declares a queue and works it in this process. */
	work<T extends object>(name: string, handler: JobHandler<T>, policy?: Partial<JobPolicy>): Promise<void>;
	/** Enqueues one job; resolves to its id, or null when a job with the same singleton key exists. */
	send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
	/** Enqueues the job once every `everyMs`, across every process on the database. */
	every(name: string, everyMs: number): Promise<void>;
	/** The most recent jobs, newest first, for the admin pages: all, or one ecosystem's. */
	recent(limit: number, filter?: JobFilter): Promise<JobView[]>;
}

/** Queue names are shared with pg-boss, which allows letters, digits, `-`, `_`, `.` and `/`. */
export function queueName(label: string): string {
	const name = label
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9._/-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (!name) throw new Error(`"${label}" cannot be a queue name: it has no letters or digits`);
	return name;
}

/** Delay before retry number `retryCount` (0 for the first retry): doubling, capped. */
export function retryDelaySeconds(policy: Pick<JobPolicy, 'retryDelaySeconds' | 'retryDelayMaxSeconds'>, retryCount: number): number {
	const doubled = policy.retryDelaySeconds * 2 ** Math.min(16, Math.max(0, retryCount));
	return Math.min(policy.retryDelayMaxSeconds, doubled);
}

/** What happens to an attempt that failed: another try later, or the end. */
export function afterFailure(
	policy: Pick<JobPolicy, 'retryLimit' | 'retryDelaySeconds' | 'retryDelayMaxSeconds'>,
	retryCount: number,
	now: Date
): { state: 'retry'; retryCount: number; startAfter: Date } | { state: 'failed'; retryCount: number } {
	if (retryCount >= policy.retryLimit) return { state: 'failed', retryCount };
	const delay = retryDelaySeconds(policy, retryCount);
	return { state: 'retry', retryCount: retryCount + 1, startAfter: new Date(now.getTime() + delay * 1000) };
}

/**
 * pg-boss schedules with cron (a minute at the finest). A period must be whole minutes that
 * divide an hour, or whole hours that divide a day, so every process derives the same slots.
 */
export function cronFor(everyMs: number): string {
	const minutes = everyMs / 60_000;
	if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`A scheduled period must be whole minutes (got ${everyMs} ms)`);
	if (minutes === 1) return '* * * * *';
	if (minutes < 60) {
		if (60 % minutes !== 0) throw new Error(`A period of ${minutes} minutes does not divide an hour`);
		return `*/${minutes} * * * *`;
	}
	const hours = minutes / 60;
	if (!Number.isInteger(hours) || 24 % hours !== 0) throw new Error(`A period of ${minutes} minutes is not whole hours dividing a day`);
	return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
}

/** The slot a periodic job belongs to: two processes firing in one period send the same key. */
export function slotKey(everyMs: number, now: Date): string {
	return `every:${Math.floor(now.getTime() / everyMs)}`;
}

/** An error as one line for the admin page: its message, never a stack. */
export function errorLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/[\r\n]+/g, ' ').slice(0, 500);
}
