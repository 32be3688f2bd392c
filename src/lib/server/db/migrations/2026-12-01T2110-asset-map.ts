import { sql, type Kysely } from 'kysely';

/**
 * The asset map: partners' programs modelled on Open Referral HSDS 3.0, and the ecosystem's ZIP
 * geography. HSDS mapping: `partner` is the HSDS organization; `program` is a service (with its
 * cost_option, language and accessibility details as columns, since Parity offers one cost and a
 * list of language codes per program); `program_location` is a location with its address (one
 * program's sites; each row is also that program's service_at_location); `program_schedule` is
 * a schedule (RFC 5545 parts for recurring sessions, or a single date for a one-off session).
 *
 * Lists (subjects, formats, languages, focus populations) are JSON arrays of fixed codes stored
 * as text, so one query path filters them on both databases with LIKE '%"code"%'.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('program')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('subjects_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('formats_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('populations_json', 'text', (c) => c.notNull().defaultTo('[]'))
		// BCP 47 language codes the program is taught in, e.g. ["en","es"].
		.addColumn('languages_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('min_age', 'integer')
		.addColumn('max_age', 'integer')
		// Grades as numbers: 0 is kindergarten, 12 is twelfth grade.
		.addColumn('grade_min', 'integer')
		.addColumn('grade_max', 'integer')
		.addColumn('cost_kind', 'text', (c) => c.notNull().check(sql`cost_kind in ('free','paid','sliding_scale')`))
		// US dollars for the whole program as advertised (HSDS cost_option.amount).
		.addColumn('fee_amount', 'double precision')
		.addColumn('scholarships', 'text')
		.addColumn('scholarships_es', 'text')
		.addColumn('eligibility', 'text')
		.addColumn('eligibility_es', 'text')
		.addColumn('accessibility', 'text')
		.addColumn('accessibility_es', 'text')
		.addColumn('how_to_apply', 'text')
		.addColumn('how_to_apply_es', 'text')
		.addColumn('capacity', 'integer')
		.addColumn('url', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','inactive')`))
		// Lower-case, accent-folded words of both languages' names and descriptions, for word search.
		.addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
		// Set only when a person confirms the listing is current; staleness counts from here.
		.addColumn('last_verified_at', 'text')
		.addColumn('last_verified_by', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// A partner's program list, and the finder's scan of one ecosystem's active programs.
	await db.schema.createIndex('program_ecosystem_partner_idx').on('program').columns(['ecosystem_id', 'partner_id']).execute();
	await db.schema.createIndex('program_ecosystem_status_idx').on('program').columns(['ecosystem_id', 'status', 'last_verified_at']).execute();

	await db.schema
		.createTable('program_location')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('program_id', 'text', (c) => c.notNull().references('program.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('address_1', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('state_province', 'text', (c) => c.notNull().defaultTo(''))
		// As given: a US ZIP from partners' forms; imported HSDS data may carry other postal codes.
		.addColumn('postal_code', 'text', (c) => c.notNull())
		// Null only for an imported place with neither valid coordinates nor a known ZIP: it is shown
		// on the program page but cannot be found by distance.
		.addColumn('latitude', 'double precision')
		.addColumn('longitude', 'double precision')
		// 'given' (typed or imported coordinates), 'zip_centroid' (the ZIP's internal point) or 'none'.
		.addColumn('geocode_source', 'text', (c) => c.notNull().check(sql`geocode_source in ('given','zip_centroid','none')`))
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// The finder's radius search narrows by a latitude band first.
	await db.schema.createIndex('program_location_ecosystem_lat_idx').on('program_location').columns(['ecosystem_id', 'latitude']).execute();
	await db.schema.createIndex('program_location_program_idx').on('program_location').columns(['program_id']).execute();

	await db.schema
		.createTable('program_schedule')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('program_id', 'text', (c) => c.notNull().references('program.id').onDelete('cascade'))
		// RFC 5545 FREQ ('WEEKLY', 'MONTHLY') for recurring sessions; null for a one-off session on dtstart.
		.addColumn('freq', 'text', (c) => c.check(sql`freq is null or freq in ('WEEKLY','MONTHLY')`))
		.addColumn('interval', 'integer', (c) => c.notNull().defaultTo(1))
		// RFC 5545 BYDAY list, e.g. 'MO,WE'; for a one-off session, the weekday of its date (so one
		// day filter serves both).
		.addColumn('byday', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('dtstart', 'text', (c) => c.notNull())
		.addColumn('until', 'text')
		// Local wall-clock times 'HH:MM'.
		.addColumn('opens_at', 'text', (c) => c.notNull())
		.addColumn('closes_at', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('program_schedule_program_idx').on('program_schedule').columns(['program_id']).execute();

	await db.schema
		.createTable('zip_area')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('zip', 'text', (c) => c.notNull())
		// GeoJSON geometry (Polygon or MultiPolygon, WGS84) as uploaded; null when only a centroid is known.
		.addColumn('geometry_json', 'text')
		.addColumn('intpt_lat', 'double precision', (c) => c.notNull())
		.addColumn('intpt_lon', 'double precision', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('zip_area_pk', ['ecosystem_id', 'zip'])
		.execute();

	await db.schema
		.createTable('zip_youth_population')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('zip', 'text', (c) => c.notNull())
		// 'all' or a group key of the measurement vocabulary ('black', 'hispanic', 'female', …).
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('youth', 'integer', (c) => c.notNull().check(sql`youth >= 0`))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('zip_youth_population_pk', ['ecosystem_id', 'zip', 'group_key'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['zip_youth_population', 'zip_area', 'program_schedule', 'program_location', 'program']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
