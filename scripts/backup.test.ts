import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../src/lib/server/context.js';
import { openDatabase } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { integrityCheck, pgDumpCommand, snapshotBackupSqlite, tableRowCounts } from '../src/lib/server/db/backup.js';
import { TEST_CONTEXT } from '../src/lib/server/testing/databases.js';
import { makeActor, makeEcosystem, makeInitiative, makePartner } from '../src/lib/server/testing/factories.js';
import { insertOutboxMessage } from '../src/lib/server/mail/mail.repository.js';

const run = promisify(execFile);

/** Runs `npm run backup -- …` as the CLI does (Node 24 with tsx), returning exit code and output. */
async function backupCli(args: string[], env: Record<string, string>) {
	try {
		const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
			env: { ...process.env, ...env },
			cwd: process.cwd()
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

describe('SQLite backup', () => {
	let dir: string;
	let source: string;
	let ctx: AppContext;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'parity-backup-'));
		source = join(dir, 'live.sqlite');
		ctx = await createContext({ ...TEST_CONTEXT, databaseUrl: source });
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		await makePartner(db, eco.id);
		await makePartner(db, eco.id);
		await makeInitiative(db, eco.id);
		await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		await insertOutboxMessage(db, { ecosystemId: eco.id, to: 'a@example.org', subject: 'S', text: 'T', kind: 'invitation' }, 'held');
	});
	afterAll(async () => {
		await ctx?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('copies the open database; the restored copy has the same rows and passes the integrity check', async () => {
		const live = ctx.db.sqlite!;
		const expected = tableRowCounts(live);
		expect(expected.find((t) => t.name === 'partner')?.rows).toBe(2);

		const report = await snapshotBackupSqlite(source, join(dir, 'backups', 'first.sqlite'));
		expect(report.integrity).toBe('ok');
		expect(report.tables).toEqual(expected);
		expect(report.bytes).toBeGreaterThan(0);
		// The copy is one self-contained file: no WAL beside it, no temporary file left, a manifest.
		expect(existsSync(`${report.file}-wal`)).toBe(false);
		expect(existsSync(`${report.file}.partial`)).toBe(false);
		expect(JSON.parse(readFileSync(`${report.file}.json`, 'utf8'))).toMatchObject({ integrity: 'ok', tables: expected });

		// Writes after the backup stay out of it.
		await makeEcosystem(ctx.db.kysely);

		const restoredFile = join(dir, 'restored.sqlite');
		copyFileSync(report.file, restoredFile);
		const restored = openDatabase(restoredFile);
		try {
			expect(tableRowCounts(restored.sqlite!)).toEqual(expected);
			expect(integrityCheck(restored.sqlite!)).toBe('ok');
			expect((await migrateToLatest(restored.kysely)).results).toEqual([]);
			const names = await restored.kysely.selectFrom('partner').select('name').orderBy('name').execute();
			expect(names).toEqual(await ctx.db.kysely.selectFrom('partner').select('name').orderBy('name').execute());
		} finally {
			await restored.close();
		}
	});

	it('refuses to overwrite an existing file unless forced', async () => {
		const target = join(dir, 'existing.sqlite');
		writeFileSync(target, 'not a database');
		await expect(snapshotBackupSqlite(source, target)).rejects.toThrow('existing.sqlite already exists. Choose another file name, or add --force to overwrite it.');
		expect(readFileSync(target, 'utf8')).toBe('not a database');
		const report = await snapshotBackupSqlite(source, target, { force: true });
		expect(report.integrity).toBe('ok');
		const replaced = openDatabase(target);
		try {
			expect(tableRowCounts(replaced.sqlite!).find((t) => t.name === 'partner')?.rows).toBe(2);
		} finally {
			await replaced.close();
		}
	});

	it('works from the command line, and explains a missing argument', async () => {
		const target = join(dir, 'cli.sqlite');
		const done = await backupCli([target], { DATABASE_URL: source });
		expect(done.code).toBe(0);
		expect(done.stdout).toMatch(/Backed up .*live\.sqlite to .*cli\.sqlite \([\d.]+ (?:KiB|MiB)\); integrity check: ok/);
		expect(done.stdout).toMatch(/partner\s+2 rows/);

		expect(done.stdout).toContain('cli.sqlite.json');
		expect(existsSync(`${target}.json`)).toBe(true);

		const again = await backupCli([target], { DATABASE_URL: source });
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('already exists');
		const forced = await backupCli([target, '--force'], { DATABASE_URL: source });
		expect(forced.code).toBe(0);
		expect(forced.stdout).toContain('integrity check: ok');

		const missing = await backupCli([], { DATABASE_URL: source });
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('Name the file to write the backup to.');
	});
});

describe('PostgreSQL backup', () => {
	it('prints the pg_dump command without the password', async () => {
		expect(pgDumpCommand('postgres://parity:s3cret@db.example.org:5432/parity', 'backups/parity 2026.dump')).toBe(
			"pg_dump --format=custom --file='backups/parity 2026.dump' postgres://parity@db.example.org:5432/parity"
		);
		const cli = await backupCli(['parity.dump'], { DATABASE_URL: 'postgres://parity:s3cret@db.example.org:5432/parity' });
		expect(cli.code).toBe(0);
		expect(cli.stdout).toContain('pg_dump --format=custom --file=parity.dump postgres://parity@db.example.org:5432/parity');
		expect(cli.stdout).not.toContain('s3cret');
	});
});
