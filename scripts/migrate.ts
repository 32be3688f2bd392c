/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL (PostgreSQL) or the SQLite file
 * (DATABASE_URL=file:…, default data/parity.sqlite), and says what ran. Safe to run again.
 * The server also migrates on start; this is for deployments that migrate as a separate step.
 */
import { isPostgresUrl, openDatabase, sqliteFileFromUrl } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { withoutPassword } from '../src/lib/server/db/backup.js';

// Read directly rather than through config(): migrating needs no other setting (nor an auth secret).
const url = process.env.DATABASE_URL || undefined;
const target = isPostgresUrl(url) ? `PostgreSQL ${withoutPassword(url)}` : `SQLite file ${sqliteFileFromUrl(url)}`;
console.log(`Migrating ${target}`);

const db = openDatabase(url);
try {
	const { results = [] } = await migrateToLatest(db.kysely);
	if (results.length === 0) console.log('Already up to date: no migration to run.');
	for (const result of results) console.log(`  ${result.status === 'Success' ? 'applied' : result.status.toLowerCase()}  ${result.migrationName}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await db.close();
}
