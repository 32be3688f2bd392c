import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

/**
 * Backups for both databases. SQLite is copied online with SQLite's backup API from one read
 * transaction (`snapshotBackupSqlite`, used by `npm run backup` and the scheduled backups alike:
 * readers and writers keep working; the copy is consistent and checked). PostgreSQL backups
 * belong to pg_dump, whose command we print rather than wrap.
 */

export class BackupError extends Error {
	override name = 'BackupError';
}

export interface TableCount {
	name: string;
	rows: number;
}

/** Row counts of every table (SQLite's own tables left out), by name. */
export function tableRowCounts(db: DatabaseSync): TableCount[] {
	const tables = db
		.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
		.all() as { name: string }[];
	return tables.map(({ name }) => {
		const row = db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number };
		return { name, rows: Number(row.n) };
	});
}

export function integrityCheck(db: DatabaseSync): string {
	const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
	return rows.map((r) => r.integrity_check).join('; ');
}

/** The URL as it may be printed: the password replaced by nothing. */
export function withoutPassword(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.password = '';
		return parsed.toString();
	} catch {
		return '(unparseable database URL)';
	}
}

/** The pg_dump command for a PostgreSQL backup (custom format, restorable with pg_restore). */
export function pgDumpCommand(databaseUrl: string, file: string): string {
	return `pg_dump --format=custom --file=${shellQuote(file)} ${shellQuote(withoutPassword(databaseUrl))}`;
}

export function pgRestoreCommand(databaseUrl: string, file: string): string {
	return `pg_restore --clean --if-exists --no-owner --dbname=${shellQuote(withoutPassword(databaseUrl))} ${shellQuote(file)}`;
}

function shellQuote(text: string): string {
	return /^[A-Za-z0-9_./:@%+=-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// ---------------------------------------------------------------------------------------------
// Snapshot backups (scheduled, under write load) and the restore drill

export interface SnapshotManifest {
	/** When the snapshot was read (ISO). */
	takenAt: string;
	file: string;
	bytes: number;
	integrity: string;
	/** Row counts of every table, read in the same read transaction the copy was made from. */
	tables: TableCount[];
}

/**
 * Copies the SQLite database in `sourceFile` to `destination` while other connections and
 * processes keep writing. A connection of its own opens one read transaction (WAL mode: writers
 * are not blocked), counts every table's rows in it, and has SQLite's backup API copy that same
 * snapshot (the backup reuses the open read transaction, so no write made meanwhile can get into
 * the copy or restart it). The copy is written under a temporary name and renamed once checked,
 * so a crash never leaves a half-written backup under the final name; a manifest with the
 * snapshot's counts is written beside it (`<destination>.json`). The copy is one self-contained
 * file (rollback journal, not WAL), so it can be moved as is. An existing `destination` is
 * refused unless `force`; even then it is replaced only by a copy that passed its check.
 */
export async function snapshotBackupSqlite(
	sourceFile: string,
	destination: string,
	{ now = () => new Date(), force = false }: { now?: () => Date; force?: boolean } = {}
): Promise<SnapshotManifest> {
	const file = resolve(destination);
	if (existsSync(file) && !force) throw new BackupError(`${destination} already exists. Choose another file name, or add --force to overwrite it.`);
	mkdirSync(dirname(file), { recursive: true });
	const partial = `${file}.partial`;
	for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
	const source = new DatabaseSync(sourceFile);
	let tables: TableCount[];
	let takenAt: string;
	try {
		source.exec('PRAGMA busy_timeout = 5000');
		source.exec('BEGIN');
		try {
			// The first read starts the transaction: its snapshot is the one copied below.
			takenAt = now().toISOString();
			tables = tableRowCounts(source);
			await backup(source, partial);
		} finally {
			source.exec('COMMIT');
		}
	} finally {
		source.close();
	}
	const copy = new DatabaseSync(partial);
	let integrity: string;
	try {
		copy.exec('PRAGMA journal_mode = DELETE');
		integrity = integrityCheck(copy);
		const copied = tableRowCounts(copy);
		const differences = countDifferences(tables, copied);
		if (integrity !== 'ok' || differences.length > 0) {
			throw new BackupError(`The backup copy failed its check (${integrity !== 'ok' ? `integrity: ${integrity}` : differences.join('; ')}); nothing was kept.`);
		}
	} catch (error) {
		copy.close();
		rmSync(partial, { force: true });
		throw error;
	}
	copy.close();
	// A replaced backup's own journal files must not be read as part of the new copy.
	for (const suffix of ['-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
	renameSync(partial, file);
	const manifest: SnapshotManifest = { takenAt, file, bytes: statSync(file).size, integrity, tables };
	writeFileSync(`${file}.json`, JSON.stringify(manifest, null, '\t') + '\n');
	return manifest;
}

/** Each table whose count differs between `expected` and `actual`, in words ("event: 12 ≠ 13"). */
export function countDifferences(expected: TableCount[], actual: TableCount[]): string[] {
	const found = new Map(actual.map((t) => [t.name, t.rows]));
	const wanted = new Map(expected.map((t) => [t.name, t.rows]));
	const names = [...new Set([...wanted.keys(), ...found.keys()])].sort();
	return names.flatMap((name) => {
		const a = wanted.get(name);
		const b = found.get(name);
		if (a === b) return [];
		return [`${name}: ${a === undefined ? 'absent' : a} expected, ${b === undefined ? 'absent' : b} found`];
	});
}

export interface RestoreDrill {
	restoredTo: string;
	integrity: string;
	tables: TableCount[];
	/** The manifest's counts that the restored file does not have (empty: they all match). */
	differences: string[];
	manifest: SnapshotManifest | null;
}

/**
 * The restore drill: restores `backupFile` into the fresh file `target` (which must not exist),
 * then checks it as a server would open it: `PRAGMA integrity_check`, and the row count of every
 * table against the backup's manifest (the counts at the snapshot moment), when there is one.
 */
export async function restoreDrill(backupFile: string, target: string): Promise<RestoreDrill> {
	if (!existsSync(backupFile)) throw new BackupError(`There is no backup at ${backupFile}.`);
	const restoredTo = resolve(target);
	if (existsSync(restoredTo)) throw new BackupError(`${target} already exists: restore into a fresh file.`);
	mkdirSync(dirname(restoredTo), { recursive: true });
	const manifestFile = `${backupFile}.json`;
	const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as SnapshotManifest) : null;
	const source = new DatabaseSync(backupFile, { readOnly: true });
	try {
		await backup(source, restoredTo);
	} finally {
		source.close();
	}
	const restored = new DatabaseSync(restoredTo);
	try {
		restored.exec('PRAGMA journal_mode = WAL');
		const tables = tableRowCounts(restored);
		return { restoredTo, integrity: integrityCheck(restored), tables, differences: manifest ? countDifferences(manifest.tables, tables) : [], manifest };
	} finally {
		restored.close();
	}
}

/** Backup files the scheduled backup writes: `parity-<UTC time>.sqlite`, sortable by name. */
export function scheduledBackupName(at: Date): string {
	return `parity-${at.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-')}.sqlite`;
}

const SCHEDULED = /^parity-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/;

/** Deletes all but the newest `keep` scheduled backups in `dir` (and their manifests); returns the deleted names. */
export function pruneScheduledBackups(dir: string, keep: number): string[] {
	if (!existsSync(dir)) return [];
	const names = readdirSync(dir)
		.filter((name) => SCHEDULED.test(name))
		.sort();
	const doomed = names.slice(0, Math.max(0, names.length - keep));
	for (const name of doomed) {
		rmSync(join(dir, name), { force: true });
		rmSync(join(dir, `${name}.json`), { force: true });
	}
	return doomed;
}
