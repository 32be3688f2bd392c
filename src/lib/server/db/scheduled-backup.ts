import { join } from 'node:path';
import type { AppContext } from '../context.js';
import type { ScheduledWork } from '../scheduled-work.js';
import { log } from '../log.js';
import { pruneScheduledBackups, scheduledBackupName, snapshotBackupSqlite, type SnapshotManifest } from './backup.js';

export interface BackupSchedule {
	/** Where backups go; no scheduled backups without it. */
	dir: string | undefined;
	everyMinutes: number;
	/** How many of the newest scheduled backups to keep. */
	keep: number;
}

/**
 * One online backup of the SQLite database into `dir` (see `snapshotBackupSqlite`: a consistent
 * snapshot while the server keeps writing, checked, with its row counts in a manifest), then the
 * oldest backups beyond `keep` deleted. On PostgreSQL nothing is done here: its backups are base
 * backups and WAL archiving (docs/deploy.md).
 */
export async function runScheduledBackup(ctx: AppContext, schedule: BackupSchedule & { dir: string }, now = new Date()): Promise<SnapshotManifest | null> {
	if (ctx.db.dialect !== 'sqlite' || !ctx.db.sqlite) return null;
	const source = ctx.db.sqlite.location();
	if (!source) throw new Error('The SQLite database is in memory: there is no file to back up');
	const manifest = await snapshotBackupSqlite(source, join(schedule.dir, scheduledBackupName(now)), { now: () => now });
	const pruned = pruneScheduledBackups(schedule.dir, schedule.keep);
	log('info', 'scheduled backup written', { file: manifest.file, bytes: manifest.bytes, tables: manifest.tables.length, pruned: pruned.length });
	return manifest;
}

/** The scheduled work for backups: one periodic job on SQLite when BACKUP_DIR is set, none otherwise. */
export function scheduledBackupWork(schedule: BackupSchedule, dialect: 'sqlite' | 'postgres'): ScheduledWork[] {
	const { dir } = schedule;
	if (!dir || dialect !== 'sqlite') return [];
	return [{ name: 'sqlite backup', everyMs: schedule.everyMinutes * 60_000, run: ({ ctx }) => runScheduledBackup(ctx, { ...schedule, dir }) }];
}
