import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Participant files uploaded through the web form are kept in the database until their import
 * job has run, so any app server's worker can import a file another server received (with
 * several servers, a file on one server's disk is out of reach of the others). The file is
 * stored as it arrives, in chunks of about 1 MB, and removed when its import ends.
 * `import_job.metric_id` is the metric the partner chose, so the job needs only the import's id.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('import_file_chunk')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('import_job_id', 'text', (c) => c.notNull().references('import_job.id').onDelete('cascade'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('bytes', sql.raw(pg ? 'bytea' : 'blob'), (c) => c.notNull())
		// Read in order by (job, seq) while importing; also the one index the cascade needs.
		.addPrimaryKeyConstraint('import_file_chunk_pk', ['import_job_id', 'seq'])
		.execute();
	await db.schema.alterTable('import_job').addColumn('metric_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('import_job').dropColumn('metric_id').execute();
	await db.schema.dropTable('import_file_chunk').execute();
}
