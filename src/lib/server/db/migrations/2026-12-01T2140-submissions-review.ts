import type { Kysely } from 'kysely';

/**
 * Reviews of submissions. A resubmission supersedes the earlier version, but an accepted version
 * must keep counting on dashboards until the new one is accepted, so acceptance is recorded on
 * its own (`accepted_at`) instead of being read from `status`, which moves on to 'superseded'.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('submission').addColumn('accepted_at', 'text').execute();
	// Rollups read, per cycle and partner, the latest version that was ever accepted.
	await db.schema.createIndex('submission_accepted_idx').on('submission').columns(['ecosystem_id', 'cycle_id', 'partner_id', 'accepted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('submission_accepted_idx').ifExists().execute();
	await db.schema.alterTable('submission').dropColumn('accepted_at').execute();
}
