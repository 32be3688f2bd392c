import type { Kysely } from 'kysely';

/**
 * TOTP codes already used, so a code cannot be used twice within its validity window (ASVS 5.0
 * V6.5.1). Only a keyed hash of user and code is kept, until the code could no longer be
 * accepted; a row in the database (not process memory) lets every app server agree.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('totp_used_code')
		.addColumn('code_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	// Expired rows are swept by expiry; the cascade from user needs its own index.
	await db.schema.createIndex('totp_used_code_expires_idx').on('totp_used_code').column('expires_at').execute();
	await db.schema.createIndex('totp_used_code_user_idx').on('totp_used_code').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('totp_used_code').execute();
}
