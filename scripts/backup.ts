/**
 * `npm run backup -- <file> [--force]`
 * SQLite: copies the live database to <file> (online; the server may keep running) by the same
 * snapshot path as the scheduled backups (one read transaction, integrity and row-count check,
 * temporary name then rename, a manifest beside it), then prints the copy's size and row counts.
 * PostgreSQL: prints the pg_dump command to run.
 */
import { existsSync } from 'node:fs';
import { isPostgresUrl, sqliteFileFromUrl } from '../src/lib/server/db/connection.js';
import { BackupError, formatBytes, pgDumpCommand, pgRestoreCommand, snapshotBackupSqlite } from '../src/lib/server/db/backup.js';

const usage = `Usage: npm run backup -- <backup-file> [--force]

  Copies Parity's database to <backup-file>.
  --force   overwrite <backup-file> if it exists

  The database is DATABASE_URL, or the SQLite file data/parity.sqlite when it is not set.`;

function fail(message: string, code = 1): never {
	console.error(message);
	process.exit(code);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
	console.log(usage);
	process.exit(0);
}
const force = args.includes('--force');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--force');
const files = args.filter((a) => !a.startsWith('-'));
if (unknown.length > 0) fail(`Unknown option ${unknown.join(', ')}.\n\n${usage}`, 2);
if (files.length === 0) fail(`Name the file to write the backup to.\n\n${usage}`, 2);
if (files.length > 1) fail(`Name one backup file, not ${files.length}.\n\n${usage}`, 2);
const file = files[0]!;

const url = process.env.DATABASE_URL || undefined;
if (isPostgresUrl(url)) {
	console.log('DATABASE_URL is PostgreSQL: back it up with pg_dump (custom format), for example:\n');
	console.log(`  ${pgDumpCommand(url, file)}\n`);
	console.log('Give the password through PGPASSWORD or ~/.pgpass, not on the command line. To restore:\n');
	console.log(`  ${pgRestoreCommand(url, file)}`);
	process.exit(0);
}

const source = sqliteFileFromUrl(url);
if (source === ':memory:') fail('DATABASE_URL names an in-memory database: there is nothing on disk to back up.');
if (!existsSync(source)) {
	fail(`There is no SQLite database at ${source}. Set DATABASE_URL, or start Parity once to create it.`);
}
try {
	const manifest = await snapshotBackupSqlite(source, file, { force });
	console.log(`Backed up ${source} to ${manifest.file} (${formatBytes(manifest.bytes)}); integrity check: ${manifest.integrity}`);
	const width = Math.max(...manifest.tables.map((t) => t.name.length));
	for (const table of manifest.tables) console.log(`  ${table.name.padEnd(width)}  ${String(table.rows).padStart(7)} ${table.rows === 1 ? 'row' : 'rows'}`);
	console.log(`Snapshot time and row counts: ${manifest.file}.json`);
} catch (error) {
	if (error instanceof BackupError) console.error(error.message);
	else console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
