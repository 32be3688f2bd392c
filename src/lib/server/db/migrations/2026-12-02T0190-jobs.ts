import type { Kysely } from 'kysely';

/**
 * The durable job queue's table on SQLite (src/lib/server/jobs/table-queue.ts). On PostgreSQL
 * Parity uses pg-boss, which keeps its own schema (`pgboss`); the table exists there too, unused,
 * so both databases have one schema.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('job')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull())
		// Two senders of the same key (two servers' timers in one slot) make one job.
		.addColumn('singleton_key', 'text')
		.addColumn('retry_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('retry_limit', 'integer', (c) => c.notNull())
		.addColumn('retry_delay_seconds', 'integer', (c) => c.notNull())
		.addColumn('expire_in_seconds', 'integer', (c) => c.notNull())
		.addColumn('start_after', 'text', (c) => c.notNull())
		.addColumn('started_on', 'text')
		.addColumn('completed_on', 'text')
		.addColumn('created_on', 'text', (c) => c.notNull())
		.addColumn('output', 'text')
		.execute();
	await db.schema.createIndex('job_singleton').on('job').columns(['name', 'singleton_key']).unique().execute();
	await db.schema.createIndex('job_due').on('job').columns(['state', 'start_after']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('job').execute();
}
