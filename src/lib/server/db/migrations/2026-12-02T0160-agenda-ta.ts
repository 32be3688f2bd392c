import { sql, type Kysely } from 'kysely';

/**
 * Technical assistance: partners ask the backbone for help (data, evaluation, program design,
 * grant writing, equipment, other); backbone staff set a priority, assign someone, write back and
 * close; the partner rates the help. Times to first response and to close are read from the
 * request row itself (`first_response_at`, `closed_at`), so the report needs no message scan.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const eco = (c: any) => c.notNull().references('ecosystem.id').onDelete('cascade');
	await db.schema
		.createTable('ta_request')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('requested_by', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('data','evaluation','program_design','grant_writing','equipment','other')`))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		// Null until the backbone triages the request.
		.addColumn('priority', 'text', (c) => c.check(sql`priority is null or priority in ('low','normal','high','urgent')`))
		.addColumn('assignee_user_id', 'text')
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
		.addColumn('first_response_at', 'text')
		.addColumn('closed_at', 'text')
		.addColumn('rating', 'integer', (c) => c.check(sql`rating is null or (rating >= 1 and rating <= 5)`))
		.addColumn('rating_comment', 'text')
		.addColumn('rated_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// The backbone's queue (open first, newest first) and the report by category.
	await db.schema.createIndex('ta_request_queue_idx').on('ta_request').columns(['ecosystem_id', 'status', 'created_at']).execute();
	// A partner's own requests.
	await db.schema.createIndex('ta_request_partner_idx').on('ta_request').columns(['ecosystem_id', 'partner_id', 'created_at']).execute();
	await db.schema
		.createTable('ta_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('request_id', 'text', (c) => c.notNull().references('ta_request.id').onDelete('cascade'))
		.addColumn('author_user_id', 'text', (c) => c.notNull())
		// Which side wrote it: the first 'backbone' message is the first response.
		.addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('partner','backbone')`))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// A request's thread in order.
	await db.schema.createIndex('ta_message_request_idx').on('ta_message').columns(['ecosystem_id', 'request_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('ta_message').ifExists().execute();
	await db.schema.dropTable('ta_request').ifExists().execute();
}
