import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Communication, second part: delivery with back-off and bounces, events that change after
 * people registered, members-only events and group meetings, and the backbone's answer to a
 * partner's proposal.
 *
 * The outbox gains a 'bounced' status. PostgreSQL swaps the check constraint; SQLite cannot
 * alter a constraint, so the table is rebuilt with the same columns (nothing references it).
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	if (pg) {
		await sql`alter table outbox drop constraint if exists outbox_status_check`.execute(db);
		await sql`alter table outbox add constraint outbox_status_check check (status in ('held','queued','sent','failed','bounced'))`.execute(db);
		await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
	} else {
		await db.schema
			.createTable('outbox_new')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ecosystem_id', 'text', (c) => c.references('ecosystem.id').onDelete('set null'))
			.addColumn('to_address', 'text', (c) => c.notNull())
			.addColumn('subject', 'text', (c) => c.notNull())
			.addColumn('body_text', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held','queued','sent','failed','bounced')`))
			.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('last_error', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('sent_at', 'text')
			.addColumn('headers_json', 'text')
			.addColumn('claimed_until', 'text')
			.addColumn('next_attempt_at', 'text')
			.execute();
		await sql`insert into outbox_new (id, ecosystem_id, to_address, subject, body_text, kind, status, attempts, last_error, created_at, sent_at, headers_json, claimed_until)
			select id, ecosystem_id, to_address, subject, body_text, kind, status, attempts, last_error, created_at, sent_at, headers_json, claimed_until from outbox`.execute(db);
		await db.schema.dropTable('outbox').execute();
		await sql`alter table outbox_new rename to outbox`.execute(db);
		await db.schema.createIndex('outbox_ecosystem_time_idx').on('outbox').columns(['ecosystem_id', 'created_at']).execute();
	}
	// The sender picks queued messages whose next attempt is due, oldest first.
	await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

	await db.schema
		.alterTable('event')
		// Bumped on every change that matters to a calendar (time, place, cancellation): the
		// iCalendar SEQUENCE, so calendar programs replace their copy.
		.addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// Why staff cancelled the event, or the backbone's comment on a partner's proposal.
	await db.schema.alterTable('event').addColumn('status_note', 'text').execute();
	await db.schema.alterTable('event').addColumn('decided_at', 'text').execute();
	// Who may see and register: everyone, people with a role in the ecosystem, or a group's members.
	await db.schema
		.alterTable('event')
		.addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public').check(sql`visibility in ('public','members','group')`))
		.execute();
	// A working group's meeting (shown on the group page); required for visibility 'group'.
	await db.schema.alterTable('event').addColumn('group_id', 'text', (c) => c.references('work_group.id').onDelete('set null')).execute();
	// The group page lists its meetings.
	await db.schema.createIndex('event_group_idx').on('event').columns(['group_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('event_group_idx').execute();
	for (const column of ['group_id', 'visibility', 'decided_at', 'status_note', 'sequence']) await db.schema.alterTable('event').dropColumn(column).execute();
	await db.schema.dropIndex('outbox_due_idx').execute();
	await db.schema.alterTable('outbox').dropColumn('next_attempt_at').execute();
}
