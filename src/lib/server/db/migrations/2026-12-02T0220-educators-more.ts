import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Educators, more: a partner coordinator may register her staff for professional development
 * (the registration remembers who made it, so she sees and can cancel those), and PD sessions
 * appear in calendar feeds with an iCalendar SEQUENCE that goes up when a session moves.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('pd_registration')
		// Null when the educator registered themselves; otherwise the coordinator who registered them.
		.addColumn('registered_by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema.alterTable('pd_session').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	// Sessions are listed in the feed by offering publication and time.
	await db.schema.createIndex('pd_session_time_idx').on('pd_session').columns(['ecosystem_id', 'ends_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('pd_session_time_idx').execute();
	await db.schema.alterTable('pd_session').dropColumn('sequence').execute();
	// SQLite cannot drop a column that carries a foreign key; there it stays (always null afterwards is harmless).
	if (db.getExecutor().adapter instanceof PostgresAdapter) await db.schema.alterTable('pd_registration').dropColumn('registered_by_user_id').execute();
}
