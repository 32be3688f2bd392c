import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Educators: professional development (offerings, sessions, registrations, attendance,
 * certificates, evaluations, credit types per ecosystem), the evidence library (resources,
 * stored files, full-text search) and STEM school transformation (rubric domains, school
 * self-assessments by year).
 *
 * Capacity is enforced by the database, not only by the service: a trigger refuses a
 * registration once the offering's active registrations reach its capacity. On SQLite writes
 * are serialised, so counting in the trigger is race-free; on PostgreSQL the trigger first locks
 * the offering row, so two concurrent registrations for the last seat queue behind each other.
 *
 * Full-text search uses each database's own engine: an FTS5 table kept in step by triggers on
 * SQLite, a generated tsvector column with a GIN index on PostgreSQL. The repository hides the
 * difference behind one function.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;

	await db.schema
		.createTable('pd_credit_type')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('pd_credit_type_code_uq', ['ecosystem_id', 'code'])
		.execute();

	await db.schema
		.createTable('pd_offering')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		// The partner that provides it; null when the backbone does.
		.addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_md_es', 'text')
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull())
		// JSON array of grade bands, e.g. ["6-8","9-12"].
		.addColumn('grade_bands', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('workshop','course','series','self_paced')`))
		.addColumn('hours', 'double precision', (c) => c.notNull().check(sql`hours > 0`))
		.addColumn('credit_type_id', 'text', (c) => c.references('pd_credit_type.id').onDelete('set null'))
		.addColumn('cost_cents', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cost_cents >= 0`))
		.addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 1`))
		// Share of sessions (percent) an educator must attend to complete.
		.addColumn('attendance_threshold', 'integer', (c) =>
			c.notNull().defaultTo(100).check(sql`attendance_threshold between 1 and 100`)
		)
		.addColumn('reflection_required', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('published_at', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by_user_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('pd_offering_slug_uq', ['ecosystem_id', 'slug'])
		.execute();
	// A provider's own offerings.
	await db.schema.createIndex('pd_offering_partner_idx').on('pd_offering').columns(['ecosystem_id', 'partner_id']).execute();

	await db.schema
		.createTable('pd_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('offering_id', 'text', (c) => c.notNull().references('pd_offering.id').onDelete('cascade'))
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	// Sessions are always read per offering, in time order.
	await db.schema.createIndex('pd_session_offering_idx').on('pd_session').columns(['offering_id', 'starts_at']).execute();

	await db.schema
		.createTable('pd_registration')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('offering_id', 'text', (c) => c.notNull().references('pd_offering.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('registered_at', 'text', (c) => c.notNull())
		.addColumn('cancelled_at', 'text')
		.addColumn('completed_at', 'text')
		.addColumn('reflection', 'text')
		.execute();
	// One active registration per person per offering (a cancelled one may be followed by another).
	await db.schema
		.createIndex('pd_registration_active_uq')
		.on('pd_registration')
		.columns(['offering_id', 'user_id'])
		.unique()
		.where(sql.ref('cancelled_at'), 'is', null)
		.execute();
	// An educator's own registrations and transcript.
	await db.schema.createIndex('pd_registration_user_idx').on('pd_registration').columns(['ecosystem_id', 'user_id']).execute();

	if (pg) {
		await sql`
			create function pd_registration_capacity() returns trigger language plpgsql as $$
			declare
				seats integer;
				taken integer;
			begin
				select capacity into seats from pd_offering where id = new.offering_id for update;
				select count(*) into taken from pd_registration
					where offering_id = new.offering_id and cancelled_at is null and id <> new.id;
				if taken >= seats then
					raise exception 'pd_capacity_full' using errcode = 'P0001';
				end if;
				return new;
			end $$`.execute(db);
		await sql`
			create trigger pd_registration_capacity before insert or update of cancelled_at on pd_registration
			for each row when (new.cancelled_at is null) execute function pd_registration_capacity()`.execute(db);
	} else {
		await sql`
			create trigger pd_registration_capacity_insert before insert on pd_registration
			when new.cancelled_at is null and
				(select count(*) from pd_registration where offering_id = new.offering_id and cancelled_at is null)
				>= (select capacity from pd_offering where id = new.offering_id)
			begin select raise(abort, 'pd_capacity_full'); end`.execute(db);
		await sql`
			create trigger pd_registration_capacity_update before update of cancelled_at on pd_registration
			when new.cancelled_at is null and old.cancelled_at is not null and
				(select count(*) from pd_registration where offering_id = new.offering_id and cancelled_at is null)
				>= (select capacity from pd_offering where id = new.offering_id)
			begin select raise(abort, 'pd_capacity_full'); end`.execute(db);
	}

	await db.schema
		.createTable('pd_attendance')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('session_id', 'text', (c) => c.notNull().references('pd_session.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.notNull().references('pd_registration.id').onDelete('cascade'))
		.addColumn('checked_in_at', 'text', (c) => c.notNull())
		.addColumn('checked_in_by_user_id', 'text')
		.addPrimaryKeyConstraint('pd_attendance_pk', ['session_id', 'registration_id'])
		.execute();
	// Attendance of one registration across sessions (completion).
	await db.schema.createIndex('pd_attendance_registration_idx').on('pd_attendance').columns(['registration_id']).execute();

	await db.schema
		.createTable('pd_certificate')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.notNull().unique().references('pd_registration.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// Random, 80 bits: cannot be guessed or enumerated. Unique across all ecosystems, since the
		// public verification page is not under an ecosystem's address.
		.addColumn('code', 'text', (c) => c.notNull().unique())
		// What the certificate says, frozen when issued: later edits to the offering or the
		// person's name do not change a certificate that was already handed out.
		.addColumn('educator_name', 'text', (c) => c.notNull())
		.addColumn('offering_title', 'text', (c) => c.notNull())
		.addColumn('hours', 'double precision', (c) => c.notNull())
		.addColumn('credit_type_name', 'text')
		.addColumn('issuer_name', 'text', (c) => c.notNull())
		.addColumn('first_session_on', 'text', (c) => c.notNull())
		.addColumn('last_session_on', 'text', (c) => c.notNull())
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.execute();
	// Transcripts read one person's certificates.
	await db.schema.createIndex('pd_certificate_user_idx').on('pd_certificate').columns(['ecosystem_id', 'user_id', 'issued_at']).execute();

	await db.schema
		.createTable('pd_evaluation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('offering_id', 'text', (c) => c.notNull().references('pd_offering.id').onDelete('cascade'))
		// The registration is kept only to allow one evaluation per completion; providers see
		// averages and comments, never who wrote them.
		.addColumn('registration_id', 'text', (c) => c.notNull().unique().references('pd_registration.id').onDelete('cascade'))
		.addColumn('overall', 'integer', (c) => c.notNull().check(sql`overall between 1 and 5`))
		.addColumn('relevance', 'integer', (c) => c.notNull().check(sql`relevance between 1 and 5`))
		.addColumn('will_use', 'integer', (c) => c.notNull().check(sql`will_use between 1 and 5`))
		.addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('pd_evaluation_offering_idx').on('pd_evaluation').columns(['ecosystem_id', 'offering_id']).execute();

	// Fixed-window request counters for public pages that must not be enumerated (certificate
	// verification). Keys name the page and the client, e.g. "verify:198.18.0.1".
	await db.schema
		.createTable('request_budget')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('evidence_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('evidence_resource')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('tool','guide','curriculum','research_summary','proven_method')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('summary_es', 'text')
		// JSON arrays.
		.addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('grade_bands', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('subjects', 'text', (c) => c.notNull().defaultTo('[]'))
		// ESSA evidence tier: 1 strong, 2 moderate, 3 promising, 4 demonstrates a rationale.
		.addColumn('essa_tier', 'integer', (c) => c.check(sql`essa_tier between 1 and 4`))
		.addColumn('citation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('url', 'text')
		.addColumn('file_id', 'text', (c) => c.references('evidence_file.id').onDelete('set null'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published','suggested','rejected')`))
		.addColumn('suggested_by_partner_id', 'text', (c) => c.references('partner.id').onDelete('set null'))
		.addColumn('suggested_by_user_id', 'text')
		.addColumn('reviewed_by_user_id', 'text')
		.addColumn('reviewed_at', 'text')
		.addColumn('review_note', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('evidence_resource_slug_uq', ['ecosystem_id', 'slug'])
		.execute();
	// The library lists published resources; the review queue lists suggestions.
	await db.schema.createIndex('evidence_resource_status_idx').on('evidence_resource').columns(['ecosystem_id', 'status']).execute();

	if (pg) {
		// 'simple' (no stemming, no stop words) because resources are in English and Spanish.
		await sql`
			alter table evidence_resource add column search tsvector generated always as (
				to_tsvector('simple',
					coalesce(title, '') || ' ' || coalesce(title_es, '') || ' ' || coalesce(summary, '') || ' ' ||
					coalesce(summary_es, '') || ' ' || coalesce(citation, '') || ' ' || coalesce(tags, '') || ' ' ||
					coalesce(subjects, ''))
			) stored`.execute(db);
		await sql`create index evidence_resource_search_idx on evidence_resource using gin (search)`.execute(db);
	} else {
		await sql`
			create virtual table evidence_resource_fts using fts5(
				resource_id unindexed, body, tokenize = 'unicode61 remove_diacritics 2'
			)`.execute(db);
		const body = sql.raw(
			`coalesce(new.title, '') || ' ' || coalesce(new.title_es, '') || ' ' || coalesce(new.summary, '') || ' ' || ` +
				`coalesce(new.summary_es, '') || ' ' || coalesce(new.citation, '') || ' ' || coalesce(new.tags, '') || ' ' || ` +
				`coalesce(new.subjects, '')`
		);
		await sql`
			create trigger evidence_resource_fts_insert after insert on evidence_resource begin
				insert into evidence_resource_fts (resource_id, body) values (new.id, ${body});
			end`.execute(db);
		await sql`
			create trigger evidence_resource_fts_update after update on evidence_resource begin
				delete from evidence_resource_fts where resource_id = old.id;
				insert into evidence_resource_fts (resource_id, body) values (new.id, ${body});
			end`.execute(db);
		await sql`
			create trigger evidence_resource_fts_delete after delete on evidence_resource begin
				delete from evidence_resource_fts where resource_id = old.id;
			end`.execute(db);
	}

	await db.schema
		.createTable('school')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('grade_bands', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('school_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	// The school team: educators who complete the school's self-assessment.
	await db.schema
		.createTable('school_member')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('school_member_pk', ['school_id', 'user_id'])
		.execute();
	await db.schema.createIndex('school_member_user_idx').on('school_member').columns(['ecosystem_id', 'user_id']).execute();

	// The ecosystem's rubric: domains, each with levels (JSON array of {label, label_es, description}).
	await db.schema
		.createTable('school_rubric_domain')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('levels', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addUniqueConstraint('school_rubric_domain_key_uq', ['ecosystem_id', 'key'])
		.execute();

	await db.schema
		.createTable('school_assessment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('submitted_by_user_id', 'text')
		.addColumn('submitted_at', 'text', (c) => c.notNull())
		// One self-assessment per school per year; a second submission in a year replaces the scores.
		.addUniqueConstraint('school_assessment_year_uq', ['school_id', 'year'])
		.execute();

	await db.schema
		.createTable('school_assessment_score')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('assessment_id', 'text', (c) => c.notNull().references('school_assessment.id').onDelete('cascade'))
		.addColumn('domain_id', 'text', (c) => c.notNull().references('school_rubric_domain.id').onDelete('cascade'))
		.addColumn('level', 'integer', (c) => c.notNull().check(sql`level >= 1`))
		.addColumn('action_plan', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('school_assessment_score_pk', ['assessment_id', 'domain_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	for (const table of ['school_assessment_score', 'school_assessment', 'school_rubric_domain', 'school_member', 'school']) {
		await db.schema.dropTable(table).execute();
	}
	if (!pg) await sql`drop table evidence_resource_fts`.execute(db);
	for (const table of ['evidence_resource', 'evidence_file', 'request_budget', 'pd_evaluation', 'pd_certificate', 'pd_attendance', 'pd_registration', 'pd_session', 'pd_offering', 'pd_credit_type']) {
		await db.schema.dropTable(table).execute();
	}
	if (pg) await sql`drop function pd_registration_capacity()`.execute(db);
}
