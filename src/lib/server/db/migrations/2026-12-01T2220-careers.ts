import { sql, type Kysely } from 'kysely';

/**
 * Careers and partnerships: the O*NET STEM occupation list (reference data shared by every
 * ecosystem, loaded by scripts/import-occupations.ts), opportunities partners post for young
 * people and educators, applications with the poster's review notes and emailed messages, the
 * equipment lending library, needs ↔ offers matchmaking (with ZIP centroids, national
 * reference data like occupations, for distances), and the public commitment register.
 *
 * Lending stock is enforced by the database, not by a check-then-insert: every lendable item has
 * one `lending_unit` row per physical unit, and a reservation claims (unit, day) pairs in
 * `lending_booking`, whose primary key lets a unit be booked once per day and whose foreign key
 * makes a unit that does not exist unbookable. Two simultaneous reservations of the last kit for
 * overlapping days cannot both commit, on SQLite or PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('occupation')
		// The O*NET-SOC code, e.g. '15-1252.00'; its first 7 characters are the 2018 SOC code.
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('soc_code', 'text', (c) => c.notNull())
		// The 2018 SOC major group ('15', '17', '19', '29', …): the STEM career area.
		.addColumn('major_group', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		// SOC Policy Committee STEM types, ';'-separated as O*NET publishes them.
		.addColumn('stem_types', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('imported_at', 'text', (c) => c.notNull())
		.execute();
	// Career pathway pages list the occupations of one career area.
	await db.schema.createIndex('occupation_major_group_idx').on('occupation').column('major_group').execute();

	await db.schema
		.createTable('opportunity')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('internship','apprenticeship','job_shadow','mentoring','site_visit','speaker','externship','scholarship')`)
		)
		.addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('youth','educators')`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_md_es', 'text')
		.addColumn('occupation_code', 'text', (c) => c.references('occupation.code').onDelete('set null'))
		.addColumn('min_age', 'integer')
		.addColumn('max_age', 'integer')
		// Grades as numbers: 0 is kindergarten, 13 is after high school.
		.addColumn('min_grade', 'integer')
		.addColumn('max_grade', 'integer')
		// JSON array of the ZIP codes applicants must live in; '[]' means anywhere.
		.addColumn('zip_codes_json', 'text', (c) => c.notNull().defaultTo('[]'))
		// JSON array of focus populations the poster especially welcomes (never a requirement).
		.addColumn('focus_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('pay_kind', 'text', (c) => c.notNull().check(sql`pay_kind in ('paid','stipend','unpaid')`))
		// Whole US dollars; the period says what the amount is for.
		.addColumn('pay_amount', 'integer', (c) => c.check(sql`pay_amount >= 0`))
		.addColumn('pay_period', 'text', (c) => c.check(sql`pay_period in ('hour','week','month','total')`))
		.addColumn('starts_on', 'text')
		.addColumn('ends_on', 'text')
		// Last day applications are taken (a date; it stays open through that day).
		.addColumn('deadline', 'text', (c) => c.notNull())
		.addColumn('places', 'integer', (c) => c.notNull().check(sql`places > 0`))
		.addColumn('closed_at', 'text')
		.addColumn('closed_reason', 'text', (c) => c.check(sql`closed_reason in ('deadline','poster')`))
		.addColumn('posted_by_user_id', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('opportunity_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();
	// Public search and the expiry sweep: open opportunities of an ecosystem by deadline.
	await db.schema.createIndex('opportunity_open_idx').on('opportunity').columns(['ecosystem_id', 'closed_at', 'deadline']).execute();
	// A poster's own list.
	await db.schema.createIndex('opportunity_partner_idx').on('opportunity').columns(['ecosystem_id', 'partner_id']).execute();

	await db.schema
		.createTable('opportunity_application')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id').onDelete('cascade'))
		// Contact data: shown only to members of the posting partner (see opportunities.service.ts).
		.addColumn('applicant_name', 'text', (c) => c.notNull())
		.addColumn('applicant_email', 'text', (c) => c.notNull())
		.addColumn('applicant_phone', 'text')
		.addColumn('age', 'integer')
		.addColumn('grade', 'integer')
		.addColumn('zip', 'text')
		.addColumn('statement', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('submitted','reviewing','accepted','declined','placed')`)
		)
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('placed_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		// One application per person per opportunity.
		.addUniqueConstraint('opportunity_application_email_uq', ['opportunity_id', 'applicant_email'])
		.execute();
	// The poster's review list.
	await db.schema
		.createIndex('opportunity_application_opportunity_idx')
		.on('opportunity_application')
		.columns(['ecosystem_id', 'opportunity_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('opportunity_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('application_id', 'text', (c) => c.notNull().references('opportunity_application.id').onDelete('cascade'))
		.addColumn('sender_user_id', 'text')
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('opportunity_message_application_idx').on('opportunity_message').columns(['application_id', 'created_at']).execute();

	await db.schema
		.createTable('lending_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
		.addColumn('condition', 'text', (c) => c.notNull().check(sql`condition in ('new','good','fair','worn')`))
		.addColumn('pickup_location', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('lending_item_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('lending_unit')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('item_id', 'text', (c) => c.notNull().references('lending_item.id').onDelete('cascade'))
		.addColumn('unit_no', 'integer', (c) => c.notNull().check(sql`unit_no > 0`))
		.addPrimaryKeyConstraint('lending_unit_pk', ['item_id', 'unit_no'])
		.execute();

	await db.schema
		.createTable('lending_reservation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('item_id', 'text', (c) => c.notNull().references('lending_item.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
		.addColumn('starts_on', 'text', (c) => c.notNull())
		.addColumn('ends_on', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('reserved','picked_up','returned','cancelled')`))
		.addColumn('pickup_note', 'text')
		.addColumn('return_note', 'text')
		.addColumn('return_condition', 'text', (c) => c.check(sql`return_condition in ('new','good','fair','worn','damaged')`))
		.addColumn('picked_up_at', 'text')
		.addColumn('returned_at', 'text')
		.addColumn('reminded_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint('lending_reservation_dates_ck', sql`starts_on <= ends_on`)
		.execute();
	// A borrower's reservations; an item's reservations by date; the overdue sweep.
	await db.schema.createIndex('lending_reservation_user_idx').on('lending_reservation').columns(['ecosystem_id', 'user_id']).execute();
	await db.schema.createIndex('lending_reservation_item_idx').on('lending_reservation').columns(['item_id', 'starts_on']).execute();
	await db.schema.createIndex('lending_reservation_status_idx').on('lending_reservation').columns(['status', 'ends_on']).execute();

	await db.schema
		.createTable('lending_booking')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('item_id', 'text', (c) => c.notNull())
		.addColumn('unit_no', 'integer', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('reservation_id', 'text', (c) => c.notNull().references('lending_reservation.id').onDelete('cascade'))
		// One unit, one borrower per day: this key is what makes double-booking impossible.
		.addPrimaryKeyConstraint('lending_booking_pk', ['item_id', 'unit_no', 'day'])
		// Only units that exist can be booked, so bookings per day never exceed the stock.
		.addForeignKeyConstraint('lending_booking_unit_fk', ['item_id', 'unit_no'], 'lending_unit', ['item_id', 'unit_no'], (fk) => fk.onDelete('cascade'))
		.execute();
	// Freeing a reservation's days when it is cancelled or returned.
	await db.schema.createIndex('lending_booking_reservation_idx').on('lending_booking').column('reservation_id').execute();

	await db.schema
		.createTable('zip_centroid')
		.addColumn('zip', 'text', (c) => c.primaryKey())
		.addColumn('lat', 'double precision', (c) => c.notNull())
		.addColumn('lon', 'double precision', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('need')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('posted_by_user_id', 'text', (c) => c.notNull())
		// The school or organisation of the educator who posted it, when they have one.
		.addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('grade_band', 'text', (c) => c.notNull())
		.addColumn('zip', 'text', (c) => c.notNull())
		.addColumn('needed_from', 'text', (c) => c.notNull())
		.addColumn('needed_by', 'text', (c) => c.notNull())
		.addColumn('focus_share', 'integer', (c) => c.notNull().check(sql`focus_share between 0 and 100`))
		.addColumn('closed_at', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// Open needs of an ecosystem, oldest first (the backbone's "waiting" list).
	await db.schema.createIndex('need_open_idx').on('need').columns(['ecosystem_id', 'closed_at', 'created_at']).execute();

	await db.schema
		.createTable('offer')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('posted_by_user_id', 'text')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('subjects_json', 'text', (c) => c.notNull())
		.addColumn('grade_bands_json', 'text', (c) => c.notNull())
		.addColumn('zip', 'text', (c) => c.notNull())
		.addColumn('available_from', 'text', (c) => c.notNull())
		.addColumn('available_until', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('offer_open_idx').on('offer').columns(['ecosystem_id', 'closed_at']).execute();

	await db.schema
		.createTable('match_connection')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('need_id', 'text', (c) => c.notNull().references('need.id').onDelete('cascade'))
		.addColumn('offer_id', 'text', (c) => c.notNull().references('offer.id').onDelete('cascade'))
		.addColumn('created_by_user_id', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		// One connection per need and offer.
		.addUniqueConstraint('match_connection_pair_uq', ['need_id', 'offer_id'])
		.execute();

	await db.schema
		.createTable('matchmaking_setting')
		.addColumn('ecosystem_id', 'text', (c) => c.primaryKey().references('ecosystem.id').onDelete('cascade'))
		// JSON: subject, grade, distance, timing, priority weights and maxMiles (see matchmaking.ts).
		.addColumn('weights_json', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('commitment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_es', 'text')
		.addColumn('target', 'integer', (c) => c.notNull().check(sql`target > 0`))
		// What is counted, e.g. 'paid internships'.
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('unit_es', 'text')
		.addColumn('due_year', 'integer', (c) => c.notNull())
		.addColumn('created_by_user_id', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('commitment_ecosystem_idx').on('commitment').columns(['ecosystem_id', 'due_year']).execute();

	await db.schema
		.createTable('commitment_update')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('commitment_id', 'text', (c) => c.notNull().references('commitment.id').onDelete('cascade'))
		// Cumulative progress so far (not an increment), so a correction is just a new update.
		.addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress >= 0`))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('note_es', 'text')
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// The latest update of each commitment.
	await db.schema.createIndex('commitment_update_latest_idx').on('commitment_update').columns(['commitment_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['commitment_update', 'commitment', 'matchmaking_setting', 'match_connection', 'offer', 'need', 'zip_centroid', 'lending_booking', 'lending_reservation', 'lending_unit', 'lending_item', 'opportunity_message', 'opportunity_application', 'opportunity', 'occupation']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
