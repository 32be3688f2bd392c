import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Continuous communication: events and convenings with registrations; working groups with
 * members, discussion threads and shared files; announcements, per-channel email preferences
 * and weekly digests.
 *
 * Seats are counted on the event row (`seats_taken`) rather than by counting registrations: a
 * registration first updates its event row, which on PostgreSQL locks that row until the
 * transaction ends (SQLite allows one writer at a time anyway), so concurrent registrations for
 * one event queue behind each other and the check constraint below makes overbooking impossible
 * even for a buggy caller.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('ecosystem')
		// IANA zone that event times are entered and shown in, e.g. 'America/Los_Angeles'.
		.addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('America/New_York'))
		.execute();

	await db.schema
		.createTable('event_series')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		// JSON description of the rule, e.g. {"freq":"monthly","weekday":3,"nth":2,"count":6}.
		.addColumn('rule_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_md_es', 'text')
		.addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('audience_es', 'text')
		.addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('in_person','online','hybrid')`))
		.addColumn('location', 'text')
		// Shown only to confirmed registrants (their private page and emails), never on public pages.
		.addColumn('online_url', 'text')
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		// NULL: no limit.
		.addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity >= 1`))
		.addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
		// Incremented by every registration: its value is the registration's place in line.
		.addColumn('registrations_made', 'integer', (c) => c.notNull().defaultTo(0))
		// JSON array of {id, label, label_es, required}.
		.addColumn('questions_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','published','cancelled')`))
		.addColumn('proposed_by_partner_id', 'text', (c) => c.references('partner.id').onDelete('set null'))
		.addColumn('created_by_user_id', 'text')
		.addColumn('approved_at', 'text')
		.addColumn('series_id', 'text', (c) => c.references('event_series.id').onDelete('set null'))
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('event_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.addCheckConstraint('event_seats_within_capacity', sql`seats_taken >= 0 and (capacity is null or seats_taken <= capacity)`)
		.addCheckConstraint('event_ends_after_start', sql`ends_at > starts_at`)
		.execute();
	// The public list and the feed: published events of one ecosystem in time order.
	await db.schema.createIndex('event_ecosystem_status_start_idx').on('event').columns(['ecosystem_id', 'status', 'starts_at']).execute();

	await db.schema
		.createTable('event_registration')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('user_id', 'text')
		.addColumn('name', 'text', (c) => c.notNull())
		// Lower-cased.
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('confirmed','waitlisted','cancelled')`))
		// Place in line (1, 2, …): the waiting list is promoted in this order.
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('answers_json', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('accessibility_request', 'text')
		.addColumn('language_request', 'text')
		// sha256 of the private cancellation link's token; the token itself is only ever emailed.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('checked_in_at', 'text')
		.addColumn('reminder_sent_at', 'text')
		.addColumn('promoted_at', 'text')
		.addColumn('cancelled_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// One live registration per person and event; a cancelled one does not block registering again.
	await db.schema
		.createIndex('event_registration_live_uq')
		.on('event_registration')
		.columns(['event_id', 'email'])
		.unique()
		.where(sql.ref('cancelled_at'), 'is', null)
		.execute();
	// Waiting list order and the per-event lists staff read.
	await db.schema.createIndex('event_registration_event_status_idx').on('event_registration').columns(['event_id', 'status', 'position']).execute();

	await db.schema
		.createTable('work_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('purpose_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('purpose_md_es', 'text')
		// public: anyone sees it, members of the ecosystem join; members: only signed-in members of
		// the ecosystem see it and join; invitation: only its members (and backbone staff) see it.
		.addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public','members','invitation')`))
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('work_group_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('work_group_member')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull().references('work_group.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','member')`))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('work_group_member_pk', ['group_id', 'user_id'])
		.execute();
	// "My groups" and the membership check on every group action.
	await db.schema.createIndex('work_group_member_user_idx').on('work_group_member').columns(['ecosystem_id', 'user_id']).execute();

	await db.schema
		.createTable('group_thread')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull().references('work_group.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('author_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_post_at', 'text', (c) => c.notNull())
		.execute();
	// A group's threads, most recently active first.
	await db.schema.createIndex('group_thread_group_idx').on('group_thread').columns(['group_id', 'last_post_at']).execute();

	await db.schema
		.createTable('group_post')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('thread_id', 'text', (c) => c.notNull().references('group_thread.id').onDelete('cascade'))
		.addColumn('author_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('group_post_thread_idx').on('group_post').columns(['thread_id', 'created_at']).execute();

	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('group_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull().references('work_group.id').onDelete('cascade'))
		.addColumn('uploader_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('filename', 'text', (c) => c.notNull())
		// Decided from the file's bytes, never from what the browser claimed.
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', sql.raw(pg ? 'bytea' : 'blob'), (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('group_file_group_idx').on('group_file').columns(['group_id', 'created_at']).execute();

	await db.schema
		.createTable('announcement')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('body_md', 'text', (c) => c.notNull())
		.addColumn('body_md_es', 'text')
		// Who it is for: everyone in the ecosystem, the people of partners in one sector, or a group.
		.addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('ecosystem','sector','group')`))
		.addColumn('sector', 'text')
		.addColumn('group_id', 'text', (c) => c.references('work_group.id').onDelete('cascade'))
		.addColumn('author_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('published_at', 'text', (c) => c.notNull())
		.addCheckConstraint('announcement_audience_target', sql`(audience = 'sector') = (sector is not null) and (audience = 'group') = (group_id is not null)`)
		.execute();
	// The digest reads each ecosystem's announcements published in a time window.
	await db.schema.createIndex('announcement_ecosystem_published_idx').on('announcement').columns(['ecosystem_id', 'published_at']).execute();

	await db.schema
		.createTable('notification_preference')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('announcements','groups')`))
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('immediate','digest','never')`))
		.addPrimaryKeyConstraint('notification_preference_pk', ['ecosystem_id', 'user_id', 'channel'])
		.execute();

	await db.schema
		.createTable('mail_subscriber')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// Put in every email's unsubscribe link. It only ever turns mail off, so it is kept as is
		// (a hash could not be put back into the next email).
		.addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
		// Everything up to this instant has been in a digest: the next one starts after it.
		.addColumn('digest_through', 'text')
		.addPrimaryKeyConstraint('mail_subscriber_pk', ['ecosystem_id', 'user_id'])
		.execute();

	await db.schema
		.alterTable('outbox')
		// Extra headers as JSON, e.g. {"List-Unsubscribe": "<https://…>"}.
		.addColumn('headers_json', 'text')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('outbox').dropColumn('headers_json').execute();
	for (const table of ['mail_subscriber', 'notification_preference', 'announcement']) await db.schema.dropTable(table).execute();
	for (const table of ['group_file', 'group_post', 'group_thread', 'work_group_member', 'work_group']) await db.schema.dropTable(table).execute();
	await db.schema.dropTable('event_registration').execute();
	await db.schema.dropTable('event').execute();
	await db.schema.dropTable('event_series').execute();
	await db.schema.alterTable('ecosystem').dropColumn('time_zone').execute();
}
