import { sql, type Kysely } from 'kysely';

/**
 * Shared measurement, second part: partner data submissions.
 *
 * Backbone staff open a collection cycle (a period, the metrics asked for, the partners asked,
 * a due date). A partner's submission to a cycle is versioned: every resubmission is a new row
 * with the next version number and the previous one becomes 'superseded', so history is never
 * overwritten. A submission holds aggregate cells (metric × group × count) whatever way it came
 * in (web grid, CSV, JSON API, or participant-level rows Parity aggregated itself). Participant
 * rows are kept, pseudonymous, only so aggregates can be recomputed; they never leave the server.
 *
 * Imports of large files run as import jobs so a page can show progress; a job's rows are
 * written in the same transaction as its submission, so a killed import leaves nothing behind.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('collection_cycle')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		// The year accepted values roll up under on dashboards (e.g. the 2025–26 school year → 2026).
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('period_start', 'text', (c) => c.notNull())
		.addColumn('period_end', 'text', (c) => c.notNull())
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('closed_at', 'text')
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// Cycle lists are per ecosystem, newest first.
	await db.schema.createIndex('collection_cycle_ecosystem_idx').on('collection_cycle').columns(['ecosystem_id', 'due_on']).execute();

	await db.schema
		.createTable('collection_cycle_metric')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('cycle_id', 'text', (c) => c.notNull().references('collection_cycle.id').onDelete('cascade'))
		.addColumn('metric_id', 'text', (c) => c.notNull().references('metric.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('collection_cycle_metric_pk', ['cycle_id', 'metric_id'])
		.execute();

	await db.schema
		.createTable('collection_cycle_partner')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('cycle_id', 'text', (c) => c.notNull().references('collection_cycle.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		// When the last due-date reminder went out, so a reminder is sent once per window.
		.addColumn('reminded_at', 'text')
		.addPrimaryKeyConstraint('collection_cycle_partner_pk', ['cycle_id', 'partner_id'])
		.execute();
	// A partner's own list of cycles it was asked to report to.
	await db.schema.createIndex('collection_cycle_partner_partner_idx').on('collection_cycle_partner').columns(['partner_id']).execute();

	await db.schema
		.createTable('partner_api_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		// SHA-256 of the secret; the secret itself is shown once and never stored.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		// The first characters of the secret, so people can tell their tokens apart.
		.addColumn('token_prefix', 'text', (c) => c.notNull())
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text')
		.addColumn('revoked_at', 'text')
		.execute();

	await db.schema
		.createTable('submission')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('cycle_id', 'text', (c) => c.notNull().references('collection_cycle.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('grid','csv','api','participants')`))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted','accepted','returned','superseded')`))
		.addColumn('submitted_by_user_id', 'text')
		.addColumn('api_token_id', 'text', (c) => c.references('partner_api_token.id').onDelete('set null'))
		// Idempotency-Key of an API request, and a hash of its body: the same key with the same
		// body returns the first submission; with another body it is refused.
		.addColumn('idempotency_key', 'text')
		.addColumn('request_fingerprint', 'text')
		.addColumn('file_name', 'text')
		// Participant rows read (participant-level submissions) or data rows (CSV).
		.addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reviewed_by_user_id', 'text')
		.addColumn('reviewed_at', 'text')
		.addColumn('review_comment', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		// Two people resubmitting at once cannot both become version n.
		.addUniqueConstraint('submission_cycle_partner_version_uq', ['cycle_id', 'partner_id', 'version'])
		.addUniqueConstraint('submission_partner_idempotency_uq', ['partner_id', 'idempotency_key'])
		.execute();
	// Backbone status board: every submission of one cycle.
	await db.schema.createIndex('submission_ecosystem_cycle_idx').on('submission').columns(['ecosystem_id', 'cycle_id', 'status']).execute();

	await db.schema
		.createTable('submission_value')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('submission_id', 'text', (c) => c.notNull().references('submission.id').onDelete('cascade'))
		.addColumn('metric_id', 'text', (c) => c.notNull().references('metric.id').onDelete('cascade'))
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addPrimaryKeyConstraint('submission_value_pk', ['submission_id', 'metric_id', 'group_key'])
		.execute();
	// Rollups read the accepted cells of one metric across partners.
	await db.schema.createIndex('submission_value_metric_idx').on('submission_value').columns(['ecosystem_id', 'metric_id']).execute();

	await db.schema
		.createTable('participant_record')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('submission_id', 'text', (c) => c.notNull().references('submission.id').onDelete('cascade'))
		.addColumn('row_number', 'integer', (c) => c.notNull())
		// The partner's pseudonymous id: never a name, email or student number.
		.addColumn('pseudonym', 'text', (c) => c.notNull())
		.addColumn('program', 'text', (c) => c.notNull().defaultTo(''))
		// SPD-15 category key (after the 1997 → 2024 crosswalk), or null when not reported.
		.addColumn('race_ethnicity', 'text')
		.addColumn('sex', 'text')
		.addColumn('zip', 'text')
		.addColumn('grade_band', 'text')
		.addColumn('age_band', 'text')
		// 1 yes, 0 no, null not reported.
		.addColumn('disability', 'integer')
		.addColumn('english_learner', 'integer')
		.addColumn('low_income', 'integer')
		.addColumn('started_on', 'text')
		.addColumn('ended_on', 'text')
		.addPrimaryKeyConstraint('participant_record_pk', ['submission_id', 'row_number'])
		.execute();

	await db.schema
		.createTable('import_job')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('cycle_id', 'text', (c) => c.notNull().references('collection_cycle.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('csv','participants')`))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','running','succeeded','failed')`))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('bytes_total', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('bytes_read', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
		// Every problem found, as JSON [{row, column, value, message}], when the import failed.
		.addColumn('problems_json', 'text')
		.addColumn('submission_id', 'text', (c) => c.references('submission.id').onDelete('set null'))
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'import_job',
		'participant_record',
		'submission_value',
		'submission',
		'partner_api_token',
		'collection_cycle_partner',
		'collection_cycle_metric',
		'collection_cycle'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
