import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../src/lib/server/context.js';
import { openDatabase } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { backupSqlite, integrityCheck, pgDumpCommand, tableRowCounts } from '../src/lib/server/db/backup.js';
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

		const report = await backupSqlite(live, join(dir, 'backups', 'first.sqlite'));
		expect(report.integrity).toBe('ok');
		expect(report.tables).toEqual(expected);
		expect(report.bytes).toBeGreaterThan(0);
		// The copy is one self-contained file: no WAL beside it.
		expect(existsSync(`${report.file}-wal`)).toBe(false);

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
		await expect(backupSqlite(ctx.db.sqlite!, target)).rejects.toThrow('existing.sqlite already exists. Choose another file name, or add --force to overwrite it.');
		const report = await backupSqlite(ctx.db.sqlite!, target, { force: true });
		expect(report.integrity).toBe('ok');
	});

	it('works from the command line, and explains a missing argument', async () => {
		const target = join(dir, 'cli.sqlite');
		const done = await backupCli([target], { DATABASE_URL: source });
		expect(done.code).toBe(0);
		expect(done.stdout).toMatch(/Backed up .*live\.sqlite to .*cli\.sqlite \([\d.]+ (?:KiB|MiB)\); integrity check: ok/);
		expect(done.stdout).toMatch(/partner\s+2 rows/);

		const again = await backupCli([target], { DATABASE_URL: source });
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('already exists');

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
