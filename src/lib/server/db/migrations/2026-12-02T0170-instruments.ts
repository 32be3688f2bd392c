import { sql, type Kysely } from 'kysely';

/**
 * Program-quality and outcome instruments (pre/post youth surveys, educator self-assessments,
 * observation rubrics): backbone staff define them, partners run them with their participants
 * through anonymous links or staff entry. Also the reason a professional-development
 * certificate was revoked.
 *
 * No table here holds a name: a response carries only the participant code the young person
 * chose (to link pre to post), never who they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('instrument')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('youth_survey','educator_self','observation')`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text', (c) => c.notNull())
		.addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('intro_es', 'text', (c) => c.notNull().defaultTo(''))
		// Items are frozen once published: changing a question would mix answers to two questions.
		.addColumn('published_at', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('instrument_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('instrument_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('instrument_id', 'text', (c) => c.notNull().references('instrument.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('likert','choice')`))
		// The scale a Likert item counts towards (e.g. "STEM interest"); scale scores average its items.
		.addColumn('scale', 'text')
		.addColumn('scale_es', 'text')
		.addColumn('prompt', 'text', (c) => c.notNull())
		.addColumn('prompt_es', 'text', (c) => c.notNull())
		// Multiple-choice options as JSON [{ "label": …, "label_es": … }]; [] for Likert items.
		.addColumn('options_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addUniqueConstraint('instrument_item_position_uq', ['instrument_id', 'position'])
		.execute();

	await db.schema
		.createTable('instrument_run')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('instrument_id', 'text', (c) => c.notNull().references('instrument.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		// SHA-256 of the anonymous links' secrets: a leaked database does not open the surveys.
		.addColumn('pre_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('post_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('closed_at', 'text')
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// A partner's runs of one instrument, for its results page.
	await db.schema.createIndex('instrument_run_partner_idx').on('instrument_run').columns(['ecosystem_id', 'instrument_id', 'partner_id']).execute();

	await db.schema
		.createTable('instrument_response')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('instrument_id', 'text', (c) => c.notNull().references('instrument.id').onDelete('cascade'))
		.addColumn('run_id', 'text', (c) => c.notNull().references('instrument_run.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('pre','post')`))
		// Upper-case letters and digits chosen by the participant; null when they gave none (unpaired).
		.addColumn('participant_code', 'text')
		.addColumn('entry', 'text', (c) => c.notNull().check(sql`entry in ('link','staff')`))
		.addColumn('entered_by_user_id', 'text')
		.addColumn('submitted_at', 'text', (c) => c.notNull())
		.execute();
	// One pre and one post per participant code in a run, so a code pairs with exactly one answer.
	await db.schema
		.createIndex('instrument_response_code_uq')
		.on('instrument_response')
		.columns(['run_id', 'phase', 'participant_code'])
		.unique()
		.where(sql.ref('participant_code'), 'is not', null)
		.execute();
	// Results read every response of one instrument in an ecosystem (the network aggregate).
	await db.schema.createIndex('instrument_response_instrument_idx').on('instrument_response').columns(['ecosystem_id', 'instrument_id']).execute();

	await db.schema
		.createTable('instrument_answer')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('response_id', 'text', (c) => c.notNull().references('instrument_response.id').onDelete('cascade'))
		.addColumn('item_id', 'text', (c) => c.notNull().references('instrument_item.id').onDelete('cascade'))
		// Likert: 1–5; multiple choice: the option's position from 1.
		.addColumn('value', 'integer', (c) => c.notNull().check(sql`value >= 1`))
		.addPrimaryKeyConstraint('instrument_answer_pk', ['response_id', 'item_id'])
		.execute();

	// Why a certificate was revoked (revoked_at already exists), shown to its holder and the provider.
	await db.schema.alterTable('pd_certificate').addColumn('revoked_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('pd_certificate').dropColumn('revoked_reason').execute();
	for (const table of ['instrument_answer', 'instrument_response', 'instrument_run', 'instrument_item', 'instrument']) {
		await db.schema.dropTable(table).execute();
	}
}
