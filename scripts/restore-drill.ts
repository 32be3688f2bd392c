/**
 * `npm run restore-drill -- <backup-file> [<fresh-file>]`
 * Restores a SQLite backup into a fresh file (a temporary one unless named), then checks it:
 * `PRAGMA integrity_check`, and every table's row count against the backup's manifest
 * (`<backup-file>.json`, written by the scheduled backup with the counts of its snapshot).
 * Exits 1 when anything differs. The live database is never touched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupError, formatBytes, restoreDrill } from '../src/lib/server/db/backup.js';
import { statSync } from 'node:fs';

const usage = `Usage: npm run restore-drill -- <backup-file> [<fresh-file>]

  Restores <backup-file> into <fresh-file> (which must not exist; a temporary file, deleted
  afterwards, when left out) and checks integrity and row counts against <backup-file>.json.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
	console.log(usage);
	process.exit(0);
}
if (args.length < 1 || args.length > 2 || args.some((a) => a.startsWith('-'))) {
	console.error(usage);
	process.exit(2);
}
const [backupFile, named] = args as [string, string | undefined];
const scratch = named ? null : mkdtempSync(join(tmpdir(), 'parity-restore-drill-'));
const target = named ?? join(scratch!, 'restored.sqlite');
try {
	const drill = await restoreDrill(backupFile, target);
	console.log(`Restored ${backupFile} into ${drill.restoredTo} (${formatBytes(statSync(drill.restoredTo).size)}); integrity check: ${drill.integrity}`);
	if (drill.manifest) {
		console.log(`Snapshot taken ${drill.manifest.takenAt}: ${drill.manifest.tables.length} tables, ${drill.manifest.tables.reduce((n, t) => n + t.rows, 0)} rows.`);
		if (drill.differences.length === 0) console.log('Every table has the row count of the snapshot.');
		else for (const line of drill.differences) console.log(`  differs: ${line}`);
	} else {
		console.log(`No manifest (${backupFile}.json): row counts not compared. Counts found:`);
		for (const table of drill.tables) console.log(`  ${table.name}  ${table.rows}`);
	}
	if (drill.integrity !== 'ok' || drill.differences.length > 0) process.exitCode = 1;
} catch (error) {
	console.error(error instanceof BackupError ? error.message : `Restore drill failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	if (scratch) rmSync(scratch, { recursive: true, force: true });
}
