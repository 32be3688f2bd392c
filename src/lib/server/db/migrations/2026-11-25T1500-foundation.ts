import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Foundation schema: better-auth's tables (owned here so they are frozen and dated like ours;
 * a test checks better-auth finds nothing missing), then ecosystems (tenants), their public site
 * content, partners, memberships, invitations, the audit log and the mail outbox.
 *
 * Conventions: ids are text UUIDs; app timestamps are ISO-8601 UTC text on both databases (one
 * representation, ordered lexically = chronologically, no driver conversions); every
 * tenant-owned row carries ecosystem_id.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	const bool = pg ? 'boolean' : 'integer';
	const time = pg ? 'timestamptz' : 'date';

	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('emailVerified', sql.raw(bool), (c) => c.notNull())
		.addColumn('image', 'text')
		.addColumn('createdAt', sql.raw(time), (c) => c.notNull())
		.addColumn('updatedAt', sql.raw(time), (c) => c.notNull())
		.addColumn('twoFactorEnabled', sql.raw(bool))
		.addColumn('locale', 'text')
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('expiresAt', sql.raw(time), (c) => c.notNull())
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('createdAt', sql.raw(time), (c) => c.notNull())
		.addColumn('updatedAt', sql.raw(time), (c) => c.notNull())
		.addColumn('ipAddress', 'text')
		.addColumn('userAgent', 'text')
		.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('session_userId_idx').on('session').column('userId').execute();

	await db.schema
		.createTable('account')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('accountId', 'text', (c) => c.notNull())
		.addColumn('providerId', 'text', (c) => c.notNull())
		.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('accessToken', 'text')
		.addColumn('refreshToken', 'text')
		.addColumn('idToken', 'text')
		.addColumn('accessTokenExpiresAt', sql.raw(time))
		.addColumn('refreshTokenExpiresAt', sql.raw(time))
		.addColumn('scope', 'text')
		.addColumn('password', 'text')
		.addColumn('createdAt', sql.raw(time), (c) => c.notNull())
		.addColumn('updatedAt', sql.raw(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('account_userId_idx').on('account').column('userId').execute();

	await db.schema
		.createTable('verification')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('identifier', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expiresAt', sql.raw(time), (c) => c.notNull())
		.addColumn('createdAt', sql.raw(time), (c) => c.notNull())
		.addColumn('updatedAt', sql.raw(time), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('verification_identifier_idx').on('verification').column('identifier').execute();

	await db.schema
		.createTable('twoFactor')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('backupCodes', 'text', (c) => c.notNull())
		.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('verified', sql.raw(bool))
		.addColumn('failedVerificationCount', 'integer')
		.addColumn('lockedUntil', sql.raw(time))
		.execute();
	await db.schema.createIndex('twoFactor_secret_idx').on('twoFactor').column('secret').execute();
	await db.schema.createIndex('twoFactor_userId_idx').on('twoFactor').column('userId').execute();

	// Sign-in rate limits live here (not in process memory) so several app servers share them.
	await db.schema
		.createTable('rateLimit')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull().unique())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('lastRequest', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('ecosystem')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_es', 'text')
		.addColumn('region', 'text', (c) => c.notNull())
		.addColumn('tagline', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('tagline_es', 'text')
		.addColumn('mission', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('mission_es', 'text')
		.addColumn('vision', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('vision_es', 'text')
		.addColumn('goal', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('goal_es', 'text')
		.addColumn('goal_year', 'integer')
		.addColumn('website', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	// How this ecosystem practises each of the five conditions of collective impact.
	await db.schema
		.createTable('ecosystem_condition')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('condition', 'text', (c) =>
			c.notNull().check(
				sql`condition in ('common_agenda','shared_measurement','mutually_reinforcing_activities','continuous_communication','backbone_support')`
			)
		)
		.addColumn('practice_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('practice_md_es', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('ecosystem_condition_pk', ['ecosystem_id', 'condition'])
		.execute();

	await db.schema
		.createTable('initiative')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_es', 'text')
		.addColumn('summary_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('summary_md_es', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('initiative_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();

	await db.schema
		.createTable('partner')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('slug', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('sector', 'text', (c) =>
			c.notNull().check(
				sql`sector in ('k12','ost','higher_ed','employer','government','philanthropy','community')`
			)
		)
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('summary_es', 'text')
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_md_es', 'text')
		.addColumn('website', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('city', 'text')
		.addColumn('zip', 'text')
		.addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('partner_ecosystem_slug_uq', ['ecosystem_id', 'slug'])
		.execute();
	// The public partner list is read by ecosystem and grouped by sector.
	await db.schema.createIndex('partner_ecosystem_sector_idx').on('partner').columns(['ecosystem_id', 'sector']).execute();

	await db.schema
		.createTable('platform_admin')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	// One role per person per ecosystem; partner roles name the partner.
	await db.schema
		.createTable('membership')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(
				sql`role in ('backbone_admin','backbone_staff','partner_admin','partner_member','educator')`
			)
		)
		.addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('membership_ecosystem_user_uq', ['ecosystem_id', 'user_id'])
		.execute();
	// Signing in loads every membership of a user.
	await db.schema.createIndex('membership_user_idx').on('membership').column('user_id').execute();
	await db.schema.createIndex('membership_partner_idx').on('membership').column('partner_id').execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.notNull().references('ecosystem.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('cascade'))
		// Only a SHA-256 of the token is stored: a leaked table does not leak usable invitations.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('invited_by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('accepted_at', 'text')
		.addColumn('accepted_by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('revoked_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('invitation_ecosystem_idx').on('invitation').columns(['ecosystem_id', 'created_at']).execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.references('ecosystem.id').onDelete('cascade'))
		.addColumn('actor_user_id', 'text')
		.addColumn('actor_email', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text')
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('detail_json', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	// Backbone admins read their ecosystem's log newest first.
	await db.schema.createIndex('audit_log_ecosystem_time_idx').on('audit_log').columns(['ecosystem_id', 'created_at']).execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ecosystem_id', 'text', (c) => c.references('ecosystem.id').onDelete('set null'))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body_text', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held','queued','sent','failed')`))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.execute();
	await db.schema.createIndex('outbox_ecosystem_time_idx').on('outbox').columns(['ecosystem_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'outbox', 'audit_log', 'invitation', 'membership', 'platform_admin', 'partner', 'initiative',
		'ecosystem_condition', 'ecosystem', 'rateLimit', 'twoFactor', 'verification', 'account',
		'session', 'user'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
