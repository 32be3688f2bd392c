import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

/**
 * Backups for both databases. SQLite is copied online with SQLite's backup API (readers and
 * writers keep working; the copy is consistent). PostgreSQL backups belong to pg_dump, whose
 * command we print rather than wrap.
 */

export class BackupError extends Error {
	override name = 'BackupError';
}

export interface TableCount {
	name: string;
	rows: number;
}

export interface BackupReport {
	file: string;
	bytes: number;
	tables: TableCount[];
	/** SQLite's `PRAGMA integrity_check` of the copy: 'ok' when sound. */
	integrity: string;
}

/**
 * Copies the open database `source` to `destination` and checks the copy. The copy is turned
 * into a single self-contained file (rollback journal, not WAL), so it can be moved as is.
 * Refuses to overwrite an existing file unless `force`.
 */
export async function backupSqlite(source: DatabaseSync, destination: string, { force = false } = {}): Promise<BackupReport> {
	const file = resolve(destination);
	if (existsSync(file)) {
		if (!force) throw new BackupError(`${destination} already exists. Choose another file name, or add --force to overwrite it.`);
		for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
	}
	mkdirSync(dirname(file), { recursive: true });
	await backup(source, file);
	const copy = new DatabaseSync(file);
	try {
		copy.exec('PRAGMA journal_mode = DELETE');
		return { file, bytes: statSync(file).size, tables: tableRowCounts(copy), integrity: integrityCheck(copy) };
	} finally {
		copy.close();
	}
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
