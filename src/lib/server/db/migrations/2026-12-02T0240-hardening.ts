import type { Kysely } from 'kysely';

/**
 * Jobs carry the ecosystem they work for (null for deployment-wide work), so a backbone admin sees
 * their own ecosystem's background work. On PostgreSQL pg-boss keeps the id in the job's data.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('job').addColumn('ecosystem_id', 'text').execute();
	await db.schema.createIndex('job_ecosystem').on('job').columns(['ecosystem_id', 'created_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('job_ecosystem').execute();
	await db.schema.alterTable('job').dropColumn('ecosystem_id').execute();
}
