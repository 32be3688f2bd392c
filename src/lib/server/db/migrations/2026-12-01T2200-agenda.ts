import { sql, type Kysely } from 'kysely';

/**
 * The common agenda (results-based accountability) and the collective-health self-check.
 *
 * A result is a plain-language condition the collective works toward; its population indicators
 * follow an Access Index series (a metric and a group, read from shared measurement) or values
 * entered by hand, with a baseline, yearly targets and a polarity. Strategies belong to a result;
 * partners attach their activities to strategies, and performance measures to their activities.
 * Actions (the turn-the-curve action plan) have an owner, a due date and a status.
 *
 * Versioning: results, indicators, strategies and actions carry a version number raised on every
 * change, and each version's full content is kept in agenda_revision, so the agenda's history
 * can be read back (the audit log says who and when; the revision says what it was).
 */
export async function up(db: Kysely<any>): Promise<void> {
	const eco = (c: any) => c.notNull().references('ecosystem.id').onDelete('cascade');

	await db.schema
		.createTable('agenda_result')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('statement', 'text', (c) => c.notNull())
		.addColumn('statement_es', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		// Shown on the public agenda page only once published (each ecosystem chooses).
		.addColumn('published_at', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('agenda_result_slug_unique', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('agenda_indicator')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('result_id', 'text', (c) => c.notNull().references('agenda_result.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('access_index','manual')`))
		// For source 'access_index': the metric and group whose published index is the series.
		.addColumn('metric_id', 'text', (c) => c.references('metric.id').onDelete('set null'))
		.addColumn('group_key', 'text')
		.addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('index','people','percent','number')`))
		.addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('up','down')`))
		.addColumn('baseline_year', 'integer')
		.addColumn('baseline_value', 'double precision')
		.addColumn('target_year', 'integer', (c) => c.notNull())
		.addColumn('forecast_window', 'integer', (c) => c.notNull().defaultTo(5))
		.addColumn('story_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('story_md_es', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('agenda_indicator_slug_unique', ['ecosystem_id', 'slug'])
		.execute();
	// A result's page lists its indicators.
	await db.schema.createIndex('agenda_indicator_result_idx').on('agenda_indicator').columns(['result_id']).execute();

	for (const table of ['agenda_target', 'agenda_indicator_value'] as const) {
		await db.schema
			.createTable(table)
			.addColumn('ecosystem_id', 'text', eco)
			.addColumn('indicator_id', 'text', (c) => c.notNull().references('agenda_indicator.id').onDelete('cascade'))
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('value', 'double precision', (c) => c.notNull())
			.addPrimaryKeyConstraint(`${table}_pk`, ['indicator_id', 'year'])
			.execute();
	}

	await db.schema
		.createTable('agenda_strategy')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('result_id', 'text', (c) => c.notNull().references('agenda_result.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('agenda_strategy_result_idx').on('agenda_strategy').columns(['result_id']).execute();

	await db.schema
		.createTable('agenda_action')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('result_id', 'text', (c) => c.notNull().references('agenda_result.id').onDelete('cascade'))
		.addColumn('indicator_id', 'text', (c) => c.references('agenda_indicator.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('owner_user_id', 'text', (c) => c.notNull())
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned','in_progress','done','dropped')`))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		// When the owner was last reminded, so one reminder goes out per due date.
		.addColumn('reminded_at', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// Overdue actions: open ones by due date, per ecosystem.
	await db.schema.createIndex('agenda_action_due_idx').on('agenda_action').columns(['ecosystem_id', 'status', 'due_on']).execute();

	await db.schema
		.createTable('agenda_activity')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('strategy_id', 'text', (c) => c.notNull().references('agenda_strategy.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// Who works on a strategy; a partner's own activities.
	await db.schema.createIndex('agenda_activity_strategy_idx').on('agenda_activity').columns(['strategy_id']).execute();
	await db.schema.createIndex('agenda_activity_partner_idx').on('agenda_activity').columns(['partner_id']).execute();

	await db.schema
		.createTable('agenda_measure')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('activity_id', 'text', (c) => c.notNull().references('agenda_activity.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		// Results-based accountability's three questions.
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('how_much','how_well','better_off')`))
		.addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('up','down')`))
		.addColumn('values_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('agenda_measure_activity_idx').on('agenda_measure').columns(['activity_id']).execute();

	await db.schema
		.createTable('agenda_revision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('snapshot_json', 'text', (c) => c.notNull())
		.addColumn('actor_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('agenda_revision_unique', ['entity_id', 'version'])
		.execute();

	await db.schema
		.createTable('health_check_round')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('opened_at', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('health_check_round_ecosystem_idx').on('health_check_round').columns(['ecosystem_id', 'year']).execute();

	await db.schema
		.createTable('health_check_response')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', eco)
		.addColumn('round_id', 'text', (c) => c.notNull().references('health_check_round.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		// condition → rung of the participation ladder (1 informed … 5 empowered).
		.addColumn('answers_json', 'text', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('submitted_by_user_id', 'text')
		.addColumn('submitted_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('health_check_response_unique', ['round_id', 'partner_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'health_check_response',
		'health_check_round',
		'agenda_revision',
		'agenda_measure',
		'agenda_activity',
		'agenda_action',
		'agenda_strategy',
		'agenda_indicator_value',
		'agenda_target',
		'agenda_indicator',
		'agenda_result'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
