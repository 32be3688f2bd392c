import { sql, type Kysely } from 'kysely';

/**
 * Shared measurement, first part: the metric dictionary, benchmark populations with their
 * values by group and year (Census or CSV), accepted metric values by group and year (the
 * rollups public dashboards read), and each ecosystem's measurement settings.
 *
 * Group keys are stable strings: 'all', a sex ('female'), a race/ethnicity in the 2024 OMB
 * SPD-15 categories ('black', 'hispanic', 'white', …), or an intersection joined by ':'
 * ('black:female'). Numbers are stored as double precision: ACS estimates and margins are whole
 * numbers, but rates and shares are not.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('ecosystem')
		// Public small-cell threshold: counts 1..threshold-1 are never shown (never below 5).
		.addColumn('suppression_threshold', 'integer', (c) => c.notNull().defaultTo(11).check(sql`suppression_threshold >= 5`))
		.execute();
	await db.schema
		.alterTable('ecosystem')
		// JSON array of group keys the ecosystem leads with, e.g. ["black","hispanic","female"].
		.addColumn('focus_groups_json', 'text')
		.execute();

	await db.schema
		.createTable('metric')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('definition_es', 'text')
		.addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('people','percent','rate','hours','other')`))
		.addColumn('stage', 'text', (c) =>
			c.notNull().check(sql`stage in ('k12_course_taking','ost_participation','postsecondary','workforce','custom')`)
		)
		// Order of the stage in the pipeline view (classroom → career).
		.addColumn('stage_position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('annual','semester','quarterly','monthly','one_time')`))
		// JSON array of dimensions: race_ethnicity, sex, zip, disability, english_learner, low_income, grade_band, age_band.
		.addColumn('disaggregations_json', 'text', (c) => c.notNull().defaultTo('[]'))
		// The benchmark population the Access Index of this metric divides by.
		.addColumn('benchmark_population_id', 'text')
		.addColumn('archived_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('metric_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('benchmark_population')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		// Census geography, e.g. 'state:42/county:101', or free text for other sources.
		.addColumn('geography', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('benchmark_population_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('benchmark_value')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('population_id', 'text', (c) => c.notNull().references('benchmark_population.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('estimate', 'double precision', (c) => c.notNull())
		.addColumn('moe', 'double precision')
		// e.g. 'ACS 2017 1-year, table C23002B'.
		.addColumn('vintage', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('imported_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('benchmark_value_pk', ['population_id', 'year', 'group_key'])
		.execute();
	// Dashboards read one ecosystem's benchmarks for a range of years.
	await db.schema.createIndex('benchmark_value_ecosystem_year_idx').on('benchmark_value').columns(['ecosystem_id', 'year']).execute();

	// Accepted values of a metric by year and group: what dashboards and the index read.
	await db.schema
		.createTable('metric_value')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('metric_id', 'text', (c) => c.notNull().references('metric.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addColumn('moe', 'double precision')
		// 'census' (imported), 'partners' (rolled up from accepted submissions) or 'manual'.
		.addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('census','partners','manual')`))
		.addColumn('source_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('metric_value_pk', ['metric_id', 'year', 'group_key'])
		.execute();
	await db.schema.createIndex('metric_value_ecosystem_year_idx').on('metric_value').columns(['ecosystem_id', 'year']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['metric_value', 'benchmark_value', 'benchmark_population', 'metric']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema.alterTable('ecosystem').dropColumn('focus_groups_json').execute();
	await db.schema.alterTable('ecosystem').dropColumn('suppression_threshold').execute();
}
