import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Youth stories, part two.
 *
 * `story_photo`: at most one photo per story, stored as the bytes Parity re-encoded itself (JPEG,
 * at most 1600 px, no metadata), never the uploaded file. Bytes live in the database like the
 * other uploads (`evidence_file`, `group_file`), so backups and deletion cover them.
 *
 * `story_moderator`: partner staff an ecosystem's backbone trusts to moderate stories. A row
 * names the person and the partner they moderate as; it stops counting when they leave that
 * partner (the service checks the membership on every request).
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('story_photo')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('story_id', 'text', (c) => c.notNull().references('story.id').onDelete('cascade'))
		.addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('image/jpeg')`))
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		// One photo per story: a second upload replaces the first in the service.
		.addUniqueConstraint('story_photo_story_uq', ['story_id'])
		.execute();

	await db.schema
		.createTable('story_moderator')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('granted_by_user_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		// Trust is per person and ecosystem; the access check looks it up by both.
		.addUniqueConstraint('story_moderator_person_uq', ['ecosystem_id', 'user_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('story_moderator').execute();
	await db.schema.dropTable('story_photo').execute();
}
