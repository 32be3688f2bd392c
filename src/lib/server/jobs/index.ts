import type { Db } from '../db/connection.js';
import type { JobQueue } from './jobs.js';
import { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import { TableQueue, type TableQueueOptions } from './table-queue.js';

export type { JobQueue, JobView, JobPolicy, JobHandler } from './jobs.js';

/** pg-boss on PostgreSQL, the in-process table queue on SQLite: one interface. */
export function createJobQueue(db: Db, options: TableQueueOptions & PgBossQueueOptions = {}): JobQueue {
	if (db.dialect === 'postgres') {
		if (!db.url) throw new Error('The PostgreSQL connection has no URL for the job queue');
		return new PgBossQueue(db.url, db.kysely, options);
	}
	return new TableQueue(db.kysely, options);
}
