import { sql, type Kysely } from 'kysely';

/**
 * "Hear From Our Youth": stories by young people, the consent behind each one, the private links
 * that give and withdraw consent (stored only as SHA-256 hashes), public reports, and links from a
 * story to the metric or initiative it illustrates.
 *
 * Minimal data by design: an age band, never an age or birth date; a parent's email only while a
 * minor's story exists; the school only for moderators. Deleting a story cascades to everything
 * that names it; the audit log keeps only ids and actions.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('story')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('awaiting_consent','in_review','changes_requested','published','declined','withdrawn','expired')`)
		)
		.addColumn('age_band', 'text', (c) => c.notNull().check(sql`age_band in ('under_13','13_15','16_17','18_24')`))
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en','es')`))
		// Null for an under-13 submission until a parent has consented (COPPA: nothing but the parent's contact before).
		.addColumn('display_name', 'text')
		.addColumn('story_text', 'text')
		// What the author wrote, kept once a moderator edits, so the author can see the change.
		.addColumn('original_text', 'text')
		.addColumn('interests_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('school', 'text')
		.addColumn('parent_email', 'text')
		// The uses the author allows; consent_scopes_json the uses the parent allows (minors); approved_scopes_json what moderators publish.
		.addColumn('requested_scopes_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('consent_scopes_json', 'text')
		.addColumn('approved_scopes_json', 'text')
		.addColumn('moderator_note', 'text')
		.addColumn('consent_expires_at', 'text')
		.addColumn('published_at', 'text')
		.addColumn('featured_at', 'text')
		.addColumn('hidden_at', 'text')
		.addColumn('revoked_at', 'text')
		.addColumn('delete_after', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// The wall: published stories of one ecosystem, newest first.
	await db.schema.createIndex('story_wall_idx').on('story').columns(['ecosystem_id', 'status', 'published_at']).execute();
	// The purge: stories whose deletion date has passed.
	await db.schema.createIndex('story_delete_after_idx').on('story').column('delete_after').execute();

	await db.schema
		.createTable('story_consent')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('youth_assent','parent_consent','parent_verification','revocation','expiry')`))
		.addColumn('method', 'text', (c) =>
			c.notNull().check(sql`method in ('online_form','emailed_link','paper','signed_form','phone_call','video_call','private_link','schedule')`)
		)
		.addColumn('signer_name', 'text')
		.addColumn('relationship', 'text')
		.addColumn('scopes_json', 'text', (c) => c.notNull().defaultTo('[]'))
		// Staff who recorded a paper consent or a verification; null when given online.
		.addColumn('recorded_by_user_id', 'text')
		// The date on a paper form, when it differs from the day it was recorded.
		.addColumn('given_on', 'text')
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();
	// A story's consent history, oldest first.
	await db.schema.createIndex('story_consent_story_idx').on('story_consent').columns(['story_id', 'recorded_at']).execute();

	await db.schema
		.createTable('story_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('parent_consent','withdraw')`))
		.addColumn('holder', 'text', (c) => c.notNull().check(sql`holder in ('author','parent')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('expires_at', 'text')
		.addColumn('used_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('story_report')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		// A keyed hash of the reporter's network address: counts distinct reporters without storing who they are.
		.addColumn('reporter_hash', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('resolved_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('story_report_once_uq', ['story_id', 'reporter_hash'])
		.execute();

	await db.schema
		.createTable('story_link')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('metric','initiative')`))
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('story_link_once_uq', ['story_id', 'target_type', 'target_id'])
		.execute();
	// Stories beside a metric or initiative page.
	await db.schema.createIndex('story_link_target_idx').on('story_link').columns(['ecosystem_id', 'target_type', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['story_link', 'story_report', 'story_token', 'story_consent', 'story']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
