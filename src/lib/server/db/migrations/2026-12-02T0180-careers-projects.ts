import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Careers and partnerships, second part:
 * - `career_area_education`: national reference data (no `ecosystem_id`) for the career pathway
 *   pages, loaded by `npm run import:occupations` from NCSES table SLBR-1 (employed adults by
 *   occupation and educational attainment, ACS 2021): per STEM career area, how many people work
 *   in its STEM occupations and how many of them hold a bachelor's degree or higher.
 * - Multi-partner projects: `project` (one lead partner) → `project_partner` (each partner's role),
 *   `project_goal` (optionally tied to a strategy of the common agenda), `project_milestone`
 *   (an owning partner and a due date), `project_update` and `project_file` (bytes in the
 *   database, type-checked from the bytes like group files).
 * - Withdrawing and closing: `opportunity_application.withdrawn_at` (the applicant withdrew; a
 *   timestamp instead of a new status so the existing check constraint stays) and the hash of the
 *   applicant's private withdrawal link, `need.closed_reason`.
 * - `zip_centroid` is dropped: matchmaking now reads ZIP centroids from geo/zip-centroids.ts, the
 *   same source as the program finder, and nothing else used the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema.dropTable('zip_centroid').ifExists().execute();

	await db.schema.alterTable('opportunity_application').addColumn('withdrawn_at', 'text').execute();
	// SHA-256 of the private link in the applicant's confirmation email, which lets them withdraw
	// without an account. Applications made before this migration have none.
	await db.schema.alterTable('opportunity_application').addColumn('withdraw_token_hash', 'text').execute();
	// Looking an application up by its link.
	await db.schema.createIndex('opportunity_application_withdraw_idx').on('opportunity_application').column('withdraw_token_hash').execute();
	await db.schema
		.alterTable('need')
		.addColumn('closed_reason', 'text', (c) => c.check(sql`closed_reason in ('answered','not_needed')`))
		.execute();

	await db.schema
		.createTable('career_area_education')
		// The 2018 SOC major group of the career area ('15', '17', …).
		.addColumn('major_group', 'text', (c) => c.primaryKey())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('employed_total', 'integer', (c) => c.notNull().check(sql`employed_total > 0`))
		.addColumn('employed_bachelors_or_higher', 'integer', (c) => c.notNull().check(sql`employed_bachelors_or_higher >= 0`))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('imported_at', 'text', (c) => c.notNull())
		.addCheckConstraint('career_area_education_share_ck', sql`employed_bachelors_or_higher <= employed_total`)
		.execute();

	await db.schema
		.createTable('project')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('summary_es', 'text')
		// The lead partner; it is also listed in project_partner with its role.
		.addColumn('lead_partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('created_by_user_id', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('project_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('project_partner')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
		.addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		// What the partner does in the project, in its own words ("hosts the robotics club").
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('role_es', 'text')
		.addColumn('added_at', 'text', (c) => c.notNull())
		// A partner is in a project once.
		.addPrimaryKeyConstraint('project_partner_pk', ['project_id', 'partner_id'])
		.execute();
	// "Projects my partner is in" (the workspace list and the contribute permission).
	await db.schema.createIndex('project_partner_partner_idx').on('project_partner').columns(['ecosystem_id', 'partner_id']).execute();

	await db.schema
		.createTable('project_goal')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('text_es', 'text')
		// The common-agenda strategy the goal serves; a goal outlives a deleted strategy.
		.addColumn('strategy_id', 'text', (c) => c.references('agenda_strategy.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('project_goal_project_idx').on('project_goal').columns(['project_id', 'created_at']).execute();

	await db.schema
		.createTable('project_milestone')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		// The partner responsible; must be one of the project's partners (checked by the service).
		.addColumn('owner_partner_id', 'text', (c) => c.notNull().references('partner.id').onDelete('cascade'))
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('done_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// Milestones of a project in date order.
	await db.schema.createIndex('project_milestone_project_idx').on('project_milestone').columns(['project_id', 'due_on']).execute();

	await db.schema
		.createTable('project_update')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
		.addColumn('author_user_id', 'text')
		.addColumn('author_name', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// Newest updates first on the project page.
	await db.schema.createIndex('project_update_project_idx').on('project_update').columns(['project_id', 'created_at']).execute();

	await db.schema
		.createTable('project_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
		.addColumn('uploader_user_id', 'text')
		.addColumn('filename', 'text', (c) => c.notNull())
		// Decided from the file's bytes, never from what the browser claimed.
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', sql.raw(pg ? 'bytea' : 'blob'), (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// The file list of a project, newest first.
	await db.schema.createIndex('project_file_project_idx').on('project_file').columns(['project_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['project_file', 'project_update', 'project_milestone', 'project_goal', 'project_partner', 'project', 'career_area_education']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema.dropIndex('opportunity_application_withdraw_idx').ifExists().execute();
	await db.schema.alterTable('opportunity_application').dropColumn('withdraw_token_hash').execute();
	await db.schema.alterTable('opportunity_application').dropColumn('withdrawn_at').execute();
	await db.schema.alterTable('need').dropColumn('closed_reason').execute();
	await db.schema
		.createTable('zip_centroid')
		.addColumn('zip', 'text', (c) => c.primaryKey())
		.addColumn('lat', 'double precision', (c) => c.notNull())
		.addColumn('lon', 'double precision', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.execute();
}
