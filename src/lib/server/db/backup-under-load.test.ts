import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../context.js';
import { TableQueue } from '../jobs/table-queue.js';
import { countDifferences, pruneScheduledBackups, restoreDrill, scheduledBackupName, tableRowCounts, type SnapshotManifest } from './backup.js';
import { scheduledBackupWork } from './scheduled-backup.js';
import { config, resetConfigForTests } from '../config.js';

/**
 * Issue 10, point 3 (backups): the scheduled online backup of a SQLite database, run through the
 * job queue while another process writes without pause, then the restore drill: each backup
 * restored into a fresh file passes integrity_check and has exactly the row counts of its
 * snapshot, and the writer's rows in it are a prefix (1…n, no gap) of what it wrote.
 * SQLite only: PostgreSQL is backed up by base backups and WAL archiving (docs/deploy.md).
 */
const root = resolve(import.meta.dirname, '../../../..');

function startWriter(file: string): Promise<{ child: ChildProcess; stop(): Promise<number> }> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/lib/server/testing/audit-writer-child.ts', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		let wrote: number | undefined;
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number>((done, fail) =>
			child.on('close', (code) => (code === 0 && wrote !== undefined ? done(wrote) : fail(new Error(`the writer failed (${code}): ${stderr}`))))
		);
		exited.catch(reject);
		createInterface({ input: child.stdout! }).on('line', (line) => {
			if (line === 'ready') resolvePromise({ child, stop: () => (child.kill('SIGTERM'), exited) });
			const match = /^wrote (\d+)$/.exec(line);
			if (match) wrote = Number(match[1]);
		});
	});
}

describe('scheduled SQLite backup under write load, and the restore drill', () => {
	const dir = mkdtempSync(join(tmpdir(), 'parity-backup-load-'));
	const file = join(dir, 'live.sqlite');
	const backups = join(dir, 'backups');
	let ctx: AppContext;

	beforeAll(async () => {
		ctx = await createContext({ databaseUrl: file, secret: 'x'.repeat(40), origin: 'http://localhost' });
		// Some 15 MB of rows, so a copy takes many steps of the backup API while the writer writes.
		await sql`
			WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
			INSERT INTO audit_log (id, action, entity_type, entity_id, summary, created_at)
			SELECT 'seed-' || i, 'seed', 'seed', NULL, printf('%0200d', i), '2026-01-01T00:00:00.000Z' FROM n`.execute(ctx.db.kysely);
	});
	afterAll(async () => {
		await ctx?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('backs up through the job queue while another process writes; every backup restores with its snapshot counts', async () => {
		const [work] = scheduledBackupWork({ dir: backups, everyMinutes: 60, keep: 2 }, 'sqlite');
		expect(work?.name).toBe('sqlite backup');
		const queue = new TableQueue(ctx.db.kysely);
		await queue.work(work!.name, () => work!.run({ ctx, origin: 'http://localhost' }));
		const liveWrites = () => Number(new DatabaseSync(file, { readOnly: true }).prepare("select count(*) as n from audit_log where action = 'load.write'").get()!.n);

		const writer = await startWriter(file);
		const manifests: SnapshotManifest[] = [];
		try {
			for (let round = 0; round < 3; round += 1) {
				const before = liveWrites();
				expect(await queue.send(work!.name, { round })).not.toBeNull();
				expect(await queue.drain()).toBe(1);
				const [job] = await queue.recent(1);
				expect({ state: job?.state, error: job?.error }, `round ${round}: the backup job`).toEqual({ state: 'completed', error: null });
				const after = liveWrites();
				// The writer kept writing while the backup ran.
				expect(after, `round ${round}: writes during the backup`).toBeGreaterThan(before);
				const newest = readdirSync(backups).filter((name) => name.endsWith('.sqlite')).sort().at(-1)!;
				const manifest = JSON.parse(readFileSync(join(backups, `${newest}.json`), 'utf8')) as SnapshotManifest;
				if (manifests.some((m) => m.file === manifest.file)) throw new Error('two backups in one second share a name');
				manifests.push(manifest);
				const writes = manifest.tables.find((t) => t.name === 'audit_log')!.rows - 60000;
				expect(writes, `round ${round}: the snapshot lies between the counts before and after`).toBeGreaterThanOrEqual(before);
				expect(writes).toBeLessThanOrEqual(after);
				await new Promise((r) => setTimeout(r, 1100)); // backups are named by the second
			}
		} finally {
			const total = await writer.stop();
			expect(total).toBeGreaterThan(0);
		}

		const jobs = await queue.recent(10);
		expect(jobs.filter((j) => j.name === 'sqlite-backup').map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);

		// keep: 2 — the oldest of the three is gone, with its manifest.
		const kept = readdirSync(backups).sort();
		expect(kept).toEqual(manifests.slice(1).flatMap((m) => [m.file.split('/').at(-1)!, `${m.file.split('/').at(-1)!}.json`]));
		expect(existsSync(manifests[0]!.file)).toBe(false);

		for (const [index, manifest] of manifests.slice(1).entries()) {
			expect(manifest.integrity).toBe('ok');
			const drill = await restoreDrill(manifest.file, join(dir, `restored-${index}.sqlite`));
			expect(drill.integrity).toBe('ok');
			expect(drill.differences).toEqual([]);
			expect(drill.tables).toEqual(manifest.tables);
			expect(drill.tables.length).toBeGreaterThan(50);
			// The writer's rows in the copy are exactly 1…n: a consistent prefix, no gap, nothing torn.
			const restored = new DatabaseSync(drill.restoredTo, { readOnly: true });
			const row = restored.prepare("select count(*) as n, min(entity_id) as first, max(entity_id) as last from audit_log where action = 'load.write'").get() as { n: number; first: string; last: string };
			restored.close();
			expect(Number(row.last)).toBe(Number(row.n));
			expect(Number(row.first)).toBe(1);
		}
	}, 120_000);

	it('the restore drill refuses to overwrite a file and reports counts that differ from the manifest', async () => {
		const [newest] = readdirSync(backups).filter((name) => name.endsWith('.sqlite')).sort().reverse();
		const backupFile = join(backups, newest!);
		await expect(restoreDrill(backupFile, file)).rejects.toThrow('already exists: restore into a fresh file');
		await expect(restoreDrill(join(dir, 'nothing.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow('There is no backup at');
		// A backup that lost rows after it was taken no longer matches its manifest.
		const damaged = new DatabaseSync(backupFile);
		damaged.exec("delete from audit_log where action = 'seed' and id in ('seed-1', 'seed-2')");
		damaged.close();
		const drill = await restoreDrill(backupFile, join(dir, 'restored-damaged.sqlite'));
		expect(drill.integrity).toBe('ok');
		expect(drill.differences).toEqual([expect.stringMatching(/^audit_log: \d+ expected, \d+ found$/)]);
	});
});

describe('backup helpers', () => {
	it('names scheduled backups by UTC second, sortable', () => {
		expect(scheduledBackupName(new Date('2026-12-02T04:05:06.789Z'))).toBe('parity-2026-12-02T04-05-06Z.sqlite');
	});

	it('countDifferences names each table that differs, and tables on one side only', () => {
		expect(countDifferences([{ name: 'a', rows: 1 }, { name: 'b', rows: 2 }], [{ name: 'a', rows: 1 }, { name: 'b', rows: 3 }, { name: 'c', rows: 0 }])).toEqual([
			'b: 2 expected, 3 found',
			'c: absent expected, 0 found'
		]);
		expect(countDifferences([{ name: 'a', rows: 1 }], [{ name: 'a', rows: 1 }])).toEqual([]);
	});

	it('no scheduled backup without BACKUP_DIR, nor on PostgreSQL', () => {
		expect(scheduledBackupWork({ dir: undefined, everyMinutes: 60, keep: 2 }, 'sqlite')).toEqual([]);
		expect(scheduledBackupWork({ dir: '/tmp/x', everyMinutes: 60, keep: 2 }, 'postgres')).toEqual([]);
		expect(scheduledBackupWork({ dir: '/tmp/x', everyMinutes: 15, keep: 2 }, 'sqlite').map((w) => w.everyMs)).toEqual([15 * 60_000]);
	});

	it('BACKUP_EVERY_MINUTES must be a period the job queue can schedule on every process alike', () => {
		const saved = { every: process.env.BACKUP_EVERY_MINUTES, secret: process.env.BETTER_AUTH_SECRET };
		process.env.BETTER_AUTH_SECRET = 'y'.repeat(40);
		try {
			for (const [value, ok] of [['15', true], ['120', true], ['7', false], ['90', false], ['0', false], ['hourly', false]] as const) {
				process.env.BACKUP_EVERY_MINUTES = value;
				resetConfigForTests();
				if (ok) expect(config().BACKUP_EVERY_MINUTES, value).toBe(Number(value));
				else expect(() => config(), value).toThrow('BACKUP_EVERY_MINUTES');
			}
		} finally {
			for (const [name, value] of [['BACKUP_EVERY_MINUTES', saved.every], ['BETTER_AUTH_SECRET', saved.secret]] as const) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
			resetConfigForTests();
		}
	});

	it('pruning keeps the newest scheduled backups and leaves other files alone', () => {
		const dir = mkdtempSync(join(tmpdir(), 'parity-prune-'));
		try {
			const names = ['2026-12-01T00:00:00Z', '2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z'].map((t) => scheduledBackupName(new Date(t)));
			for (const name of [...names, 'manual.sqlite']) {
				const db = new DatabaseSync(join(dir, name));
				db.close();
			}
			expect(pruneScheduledBackups(dir, 2)).toEqual([names[0]]);
			expect(readdirSync(dir).sort()).toEqual([...names.slice(1), 'manual.sqlite'].sort());
			expect(tableRowCounts(new DatabaseSync(join(dir, names[1]!)))).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
