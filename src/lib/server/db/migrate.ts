import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { Kysely } from 'kysely';
import * as foundation from './migrations/2026-11-25T1500-foundation.js';
import * as measurement from './migrations/2026-11-25T1700-measurement.js';
import * as submissions from './migrations/2026-12-01T2100-submissions.js';
import * as careers from './migrations/2026-12-01T2220-careers.js';

/**
 * Migrations are listed here, not read from a folder at run time, so the built server bundles
 * them. Names are dated and frozen: never edit a migration that has shipped; add a new one.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-25T1500-foundation': foundation,
	'2026-11-25T1700-measurement': measurement,
	'2026-12-01T2100-submissions': submissions,
	'2026-12-01T2220-careers': careers
};

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableName: 'parity_migration',
		migrationLockTableName: 'parity_migration_lock'
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new Error(
			`Database migration ${failed?.migrationName ?? ''} failed: ${String((result.error as Error).message ?? result.error)}`
		);
	}
	return result;
}
