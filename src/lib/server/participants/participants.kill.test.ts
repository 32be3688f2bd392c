import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { storedParticipantRows, writeParticipantCsv } from '../testing/participant-csv.js';
import type { Executor } from '../audit/audit.repository.js';

const child = fileURLToPath(new URL('../testing/participant-import-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'parity-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 30_000;
let file: Promise<{ path: string; bytes: number }> | undefined;
const bigFile = () => (file ??= (async () => {
	const path = join(dir, 'participants.csv');
	return { path, bytes: await writeParticipantCsv(path, ROWS) };
})());

/** Runs the child; resolves with its lines, or kills it with SIGKILL on its `saving` line. */
function runChild(args: object, killWhenSaving: boolean): Promise<{ lines: string[]; signal: NodeJS.Signals | null }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
		const lines: string[] = [];
		let stderr = '';
		proc.stderr.on('data', (d) => (stderr += d));
		createInterface({ input: proc.stdout }).on('line', (line) => {
			lines.push(line);
			if (killWhenSaving && line === 'saving') proc.kill('SIGKILL');
		});
		proc.on('error', reject);
		proc.on('close', (code, signal) => {
			if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
			else resolve({ lines, signal });
		});
	});
}

async function stored(db: Executor, ecosystemId: string) {
	const n = async (table: 'submission' | 'submission_value' | 'participant_batch') =>
		Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', ecosystemId).executeTakeFirstOrThrow()).n);
	return { submissions: await n('submission'), cells: await n('submission_value'), groups: await n('participant_batch'), rows: await storedParticipantRows(db, ecosystemId) };
}

describeEachDatabase('a participant import killed midway', (get) => {
	it('leaves none of it when killed during the write, and all of it when left to finish', async () => {
		const { ctx, db, url } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex', 'zip'] });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id] });
		const actor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		const { path, bytes } = await bigFile();
		const args = { databaseUrl: url, ecosystemId: eco.id, partnerSlug: partner.slug, cycleId: cycle.id, actor, file: path, bytes };

		const killed = await runChild({ ...args, pauseWhenSaving: true }, true);
		expect(killed.signal).toBe('SIGKILL');
		expect(killed.lines).toContain('saving');
		expect(killed.lines.some((l) => l.startsWith('done'))).toBe(false);
		// PostgreSQL aborts the dead client's transaction; SQLite ignores the uncommitted WAL frames.
		expect(await stored(db, eco.id)).toEqual({ submissions: 0, cells: 0, groups: 0, rows: 0 });
		const job = await db.selectFrom('import_job').select(['status', 'submission_id']).where('ecosystem_id', '=', eco.id).executeTakeFirstOrThrow();
		expect(job).toEqual({ status: 'running', submission_id: null });

		const finished = await runChild(args, false);
		expect(finished.signal).toBeNull();
		expect(finished.lines.at(-1)).toMatch(/^done \{"ok":true/);
		const after = await stored(db, eco.id);
		expect(after).toMatchObject({ submissions: 1, rows: ROWS });
		expect(after.cells).toBeGreaterThan(10);
	}, 180_000);
});

describeEachDatabase('a participant import killed at random moments, 20 times', (get) => {
	it('is each time all or nothing, and the database stays intact', async () => {
		const { ctx, db, url, dialect } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex', 'zip'] });
		const actor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		const { path, bytes } = await bigFile();
		// A fixed list of moments (ms after the start), from before the check to after the commit.
		const moments = Array.from({ length: 20 }, (_, i) => 150 + ((i * 7919) % 20) * 250);
		const outcomes: string[] = [];
		for (const [run, moment] of moments.entries()) {
			// A cycle per run, so each import is the partner's first version there.
			const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id], name: `Run ${run}` });
			const args = { databaseUrl: url, ecosystemId: eco.id, partnerSlug: partner.slug, cycleId: cycle.id, actor, file: path, bytes };
			const result = await runChildKilledAfter(args, moment);
			const submissions = await db.selectFrom('submission').select(['id']).where('ecosystem_id', '=', eco.id).where('cycle_id', '=', cycle.id).execute();
			const rows = await storedParticipantRows(db, eco.id, cycle.id);
			expect([0, 1], `run ${run} (killed after ${moment} ms)`).toContain(submissions.length);
			expect(rows, `run ${run} (killed after ${moment} ms)`).toBe(submissions.length === 1 ? ROWS : 0);
			outcomes.push(result.signal ? (submissions.length ? 'killed after commit' : 'killed, nothing stored') : 'finished');
		}
		// Some runs died before the commit (else the test proves nothing).
		expect(outcomes.filter((o) => o === 'killed, nothing stored').length).toBeGreaterThan(0);
		if (dialect === 'sqlite') {
			const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
			expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
		} else {
			// Every stored group belongs to a stored submission (foreign keys hold after the kills).
			const orphans = await sql<{ n: number }>`select count(*)::int as n from participant_batch p left join submission s on s.id = p.submission_id and s.ecosystem_id = p.ecosystem_id where s.id is null`.execute(db);
			expect(orphans.rows[0]?.n).toBe(0);
		}
	}, 600_000);
});

/** Runs the child and kills it with SIGKILL `ms` after it started (or lets it finish first). */
function runChildKilledAfter(args: object, ms: number): Promise<{ signal: NodeJS.Signals | null }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		proc.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
		proc.on('error', reject);
		proc.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
			else resolve({ signal });
		});
	});
}
