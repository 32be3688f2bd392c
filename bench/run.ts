/**
 * `npm run bench` (add `-- --quick` for small sizes): measures, in one run, on this machine,
 *   1. importing a generated participant CSV on SQLite and on PostgreSQL through the real import
 *      code (a child process each: wall time and peak RSS), against DuckDB loading the same file;
 *   2. the Access Index recomputation (the year's rollups from accepted cells, then the dashboard
 *      read model with its indices) over N participant rows, against a SQL GROUP BY over the rows;
 *   3. public dashboard latency (p50/p95, autocannon) on the built server at 10k and N rows,
 *      against bare node:http;
 *   4. the asset map (bench/programs.ts): finder queries over 100k programs on both databases,
 *      the desert aggregation over 500 ZIPs, the finder page's JavaScript;
 *   5. load (bench/load.ts): a constant arrival rate over public and signed-in pages, on SQLite
 *      and on two app servers on PostgreSQL, with memory over a 10-minute soak (30 s with --quick);
 * and writes docs/benchmarks.md. Generated files go to bench/out/ (git-ignored).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import autocannon from 'autocannon';
import { build as bundle } from 'esbuild';
import { createContext, type AppContext } from '../src/lib/server/context.js';
import { seedDemoIfEmpty } from '../src/lib/server/demo/seed.js';
import { makeActor, makeEcosystem, makePartner } from '../src/lib/server/testing/factories.js';
import { makeCycle, makeMetric } from '../src/lib/server/testing/submission-factories.js';
import { writeParticipantCsv } from '../src/lib/server/testing/participant-csv.js';
import { createSubmissionVersion } from '../src/lib/server/submissions/submissions.repository.js';
import { refreshRollups } from '../src/lib/server/submissions/cycles.service.js';
import { loadDashboard } from '../src/lib/server/dashboard/dashboard.service.js';
import { finishParticipantSubmission } from '../src/lib/server/participants/participants.repository.js';
import { rawRowRecount, writeBenchParticipants } from './participant-rows.js';
import { parseDisaggregations } from '../src/lib/server/metrics/metrics.js';
import { nowIso } from '../src/lib/server/util.js';
import { programBench } from './programs.js';
import { loadBench } from './load.js';
import { currentSection } from './doc-sections.js';

const quick = process.argv.includes('--quick');
/** `--only import`: run section 1 alone and print its figures (docs/benchmarks.md is left as it is). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'import') throw new Error(`--only takes "import" (got ${only})`);
/**
 * `--keep-load`: run sections 1–4 and keep section 5 (the 23-minute soak) as the last
 * `npx tsx bench/load.ts` or full run wrote it; the header then says so.
 */
const keepLoad = process.argv.includes('--keep-load');
const sizes = quick
	? { importRows: 100_000, bigRows: 1_000_000, smallRows: 10_000, seconds: 5 }
	: { importRows: 1_000_000, bigRows: 10_000_000, smallRows: 10_000, seconds: 10 };
const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');
const pgAdmin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'bench-secret-'.padEnd(40, 'x');
const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const startLoad = loadavg()[0]!.toFixed(1);
const loadNow = () => loadavg()[0]!.toFixed(1);

// ---------------------------------------------------------------------------------------------
// Child processes

interface Done {
	ms: number;
	/** User + system CPU time of the whole child process (all threads). */
	cpuMs: number;
	maxRssKb: number;
	/** Import children: peak RSS before the import started (Node, tsx, the modules loaded). */
	baseRssKb?: number;
	ok?: boolean;
	rows?: number;
}

function runChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Done> {
	return new Promise((resolvePromise, reject) => {
		const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let done: Done | undefined;
		let stderr = '';
		proc.stderr.on('data', (d) => (stderr += d));
		createInterface({ input: proc.stdout }).on('line', (line) => {
			if (line.startsWith('done ')) done = JSON.parse(line.slice(5)) as Done;
		});
		proc.on('close', (code) => (code === 0 && done ? resolvePromise(done) : reject(new Error(`${args.join(' ')} failed (${code}): ${stderr.slice(-2000)}`))));
	});
}

const tsx = ['--import', 'tsx'];

// ---------------------------------------------------------------------------------------------
// 1. Import

async function prepareImportTarget(url: string) {
	const ctx = await createContext({ databaseUrl: url, secret: SECRET, origin: 'http://localhost' });
	const db = ctx.db.kysely;
	const eco = await makeEcosystem(db);
	const partner = await makePartner(db, eco.id);
	const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex', 'zip', 'disability', 'english_learner', 'low_income', 'grade_band', 'age_band'] });
	const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id] });
	const actor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
	await ctx.close();
	return { databaseUrl: url, ecosystemId: eco.id, partnerSlug: partner.slug, cycleId: cycle.id, actor };
}

async function adminQuery(statement: string) {
	const client = new pg.Client({ connectionString: pgAdmin });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

async function importBench() {
	const file = join(out, `participants-${sizes.importRows}.csv`);
	log(`generating ${sizes.importRows.toLocaleString('en')} participant rows`);
	const bytes = await writeParticipantCsv(file, sizes.importRows);
	log(`${(bytes / 1e6).toFixed(1)} MB; DuckDB reference`);
	const duck = await runChild([...tsx, 'bench/duckdb-load.ts', file]);
	log(`DuckDB ${JSON.stringify(duck)} (load ${loadNow()})`);
	// The child runs as plain JavaScript, as the importer does in the built server (no tsx loader
	// compiling modules at startup and holding their sources): esbuild bundles the child and the
	// code it imports, leaving the packages in node_modules.
	const child = join(out, 'participant-import-child.mjs');
	await bundle({ entryPoints: [join(root, 'src/lib/server/testing/participant-import-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'esm', target: 'node24', packages: 'external', logLevel: 'error', banner: { js: '// @ts-nocheck (generated by bench/run.ts)' } });
	const results: { database: string; done: Done }[] = [];
	const sqliteTarget = await prepareImportTarget(join(out, 'import.sqlite'));
	log('SQLite import');
	results.push({ database: 'SQLite', done: await runChild([child, JSON.stringify({ ...sqliteTarget, file, bytes })]) });
	log(`SQLite ${JSON.stringify(results.at(-1)!.done)} (load ${loadNow()})`);
	const pgName = `parity_bench_${process.pid}`;
	try {
		await adminQuery(`CREATE DATABASE ${pgName}`);
		const url = new URL(pgAdmin);
		url.pathname = `/${pgName}`;
		const pgTarget = await prepareImportTarget(url.toString());
		log('PostgreSQL import');
		results.push({ database: 'PostgreSQL', done: await runChild([child, JSON.stringify({ ...pgTarget, file, bytes })]) });
		log(`PostgreSQL ${JSON.stringify(results.at(-1)!.done)} (load ${loadNow()})`);
	} catch (error) {
		log(`PostgreSQL import skipped: ${(error as Error).message}`);
	} finally {
		await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => {});
	}
	return { bytes, duck, results };
}

// ---------------------------------------------------------------------------------------------
// 2 and 3. A demo ecosystem with N participant rows, accepted

const YEAR = 2026;

/**
 * The demo ecosystem (seeded) plus one accepted participant submission per partner, N rows in
 * all, generated in JavaScript and stored in row groups by the importer's own writer (going through
 * the CSV importer for 10M rows would take the whole run: bench/participant-rows.ts); each
 * submission's cells are counted by the importer's own people counter.
 */
async function populatedDatabase(rows: number, file: string): Promise<{ ctx: AppContext; ecosystemId: string; slug: string }> {
	rmSync(file, { force: true });
	const ctx = await createContext({ databaseUrl: file, secret: SECRET, origin: 'http://localhost' });
	await seedDemoIfEmpty(ctx);
	const db = ctx.db.kysely;
	const eco = await db.selectFrom('ecosystem').select(['id', 'slug']).where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
	const metric = await db
		.selectFrom('metric')
		.select(['id', 'disaggregations_json'])
		.where('ecosystem_id', '=', eco.id)
		.where('unit', '=', 'people')
		.where('stage', '=', 'ost_participation')
		.where('archived_at', 'is', null)
		.orderBy('slug')
		.executeTakeFirstOrThrow();
	const partners = (await db.selectFrom('partner').select('id').where('ecosystem_id', '=', eco.id).orderBy('slug').execute()).map((p) => p.id);
	const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: partners, year: YEAR, name: `Bench cycle ${YEAR}` });
	const breakdowns = parseDisaggregations(metric.disaggregations_json);
	const per = Math.ceil(rows / partners.length);
	for (const [index, partnerId] of partners.entries()) {
		const count = Math.min(per, rows - index * per);
		if (count <= 0) break;
		await db.transaction().execute(async (trx) => {
			const created = await createSubmissionVersion(trx, eco.id, { cycleId: cycle.id, partnerId, method: 'participants', submittedByUserId: null, fileName: 'bench.csv', rowCount: count, cells: [] });
			const cells = await writeBenchParticipants(trx, eco.id, created.id, index, count, breakdowns);
			await finishParticipantSubmission(trx, eco.id, created.id, count, metric.id, cells);
			const at = nowIso();
			await trx.updateTable('submission').set({ status: 'accepted', accepted_at: at, reviewed_at: at }).where('id', '=', created.id).execute();
		});
	}
	await db.transaction().execute((trx) => refreshRollups(trx, eco.id, YEAR));
	return { ctx, ecosystemId: eco.id, slug: eco.slug };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function recomputeBench(ctx: AppContext, ecosystemId: string) {
	const db = ctx.db.kysely;
	const runs: number[] = [];
	for (let i = 0; i < 5; i++) {
		const started = performance.now();
		await db.transaction().execute((trx) => refreshRollups(trx, ecosystemId, YEAR));
		const dashboard = await loadDashboard({ db, ecosystemId });
		if (!dashboard) throw new Error('no dashboard');
		runs.push(performance.now() - started);
	}
	const recount = await rawRowRecount(db, ecosystemId);
	return { ms: median(runs), groupByMs: recount.ms };
}

// ---------------------------------------------------------------------------------------------
// Latency

function startServer(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ port: number; stop: () => void }> {
	return new Promise((resolvePromise, reject) => {
		const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		proc.stderr.on('data', (d) => (stderr += d));
		createInterface({ input: proc.stdout }).on('line', (line) => {
			const match = ready.exec(line);
			if (match) resolvePromise({ port: Number(match[1] ?? env.PORT), stop: () => proc.kill('SIGKILL') });
		});
		proc.on('close', (code) => reject(new Error(`server exited (${code}): ${stderr.slice(-2000)}`)));
	});
}

async function latency(url: string): Promise<{ p50: number; p95: number; requests: number; non2xx: number }> {
	for (let i = 0; i < 5; i++) await fetch(url).then((r) => r.arrayBuffer());
	const times: number[] = [];
	const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
		const instance = autocannon({ url, connections: 1, duration: sizes.seconds }, (error, done) => (error ? reject(error) : resolvePromise(done)));
		instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
	});
	times.sort((a, b) => a - b);
	const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
	return { p50: at(0.5), p95: at(0.95), requests: times.length, non2xx: result.non2xx };
}

async function dashboardLatency(file: string, slug: string, port: number) {
	const server = await startServer(['server.js'], { DATABASE_URL: file, DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', BETTER_AUTH_SECRET: SECRET }, /listening/);
	try {
		return await latency(`http://127.0.0.1:${port}/e/${slug}/dashboard`);
	} finally {
		server.stop();
	}
}

// ---------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;

const imports = await importBench();
if (only === 'import') {
	const line = (label: string, done: Done) =>
		`${label}: ${fmt(done.ms / 1000, 1)} s wall (${fmt(done.ms / imports.duck.ms, 1)}× DuckDB), ${fmt(done.cpuMs / 1000, 1)} s CPU (${fmt(done.cpuMs / imports.duck.cpuMs, 1)}×), peak RSS ${mb(done.maxRssKb)}${done.baseRssKb ? ` (${mb(done.baseRssKb)} before import)` : ''}`;
	console.log(line('DuckDB', imports.duck));
	for (const { database, done } of imports.results) console.log(line(database, done));
	console.log(`1-minute load average ${startLoad} at the start, ${loadNow()} at the end`);
	process.exit(0);
}

log('building the server (vite build)');
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
if (build.status !== 0) throw new Error('vite build failed');

log('asset map: programs, finder, deserts, finder JavaScript');
const programSection = await programBench(quick);

log(`populating ${sizes.smallRows.toLocaleString('en')} rows`);
const smallFile = join(out, 'small.sqlite');
const small = await populatedDatabase(sizes.smallRows, smallFile);
const smallRecompute = await recomputeBench(small.ctx, small.ecosystemId);
await small.ctx.close();
log(`populating ${sizes.bigRows.toLocaleString('en')} rows`);
const bigFile = join(out, 'big.sqlite');
const big = await populatedDatabase(sizes.bigRows, bigFile);
const bigRecompute = await recomputeBench(big.ctx, big.ecosystemId);
await big.ctx.close();

log('latency: bare node:http');
const bare = await startServer([...tsx, 'bench/bare-server.ts', '20000'], {}, /listening (\d+)/);
const bareLatency = await latency(`http://127.0.0.1:${bare.port}/`).finally(() => bare.stop());
log('latency: dashboard (small)');
const smallLatency = await dashboardLatency(smallFile, small.slug, 4391);
log('latency: dashboard (big)');
const bigLatency = await dashboardLatency(bigFile, big.slug, 4392);
const keptLoadSection = keepLoad ? currentSection('## 5. Load') : undefined;
if (keepLoad && keptLoadSection === undefined) throw new Error('--keep-load: docs/benchmarks.md has no section 5 to keep; run without it');
log(keepLoad ? 'load: kept from docs/benchmarks.md (--keep-load)' : 'load: constant arrival rate, soak');
const loadSection = keptLoadSection ?? (await loadBench(quick));

// ---------------------------------------------------------------------------------------------
// Report

const duckMs = imports.duck.ms;
const importRows = imports.results
	.map(({ database, done }) => {
		const ratio = done.ms / duckMs;
		const rss = done.maxRssKb / 1024;
		return `| ${database} (Parity importer) | ${fmt(done.ms / 1000, 1)} s | **${fmt(ratio, 1)}×** | ${fmt(done.cpuMs / 1000, 1)} s (${fmt(done.cpuMs / imports.duck.cpuMs, 1)}×) | ${mb(done.maxRssKb)} (${done.baseRssKb ? mb(done.baseRssKb) : '?'}) | ${ratio <= 3 ? 'met' : 'missed'} (time), ${rss < 300 ? 'met' : 'missed'} (memory) |`;
	})
	.join('\n');
const latencyRow = (label: string, l: Awaited<ReturnType<typeof latency>>, target: boolean) =>
	`| ${label} | ${fmt(l.p50, 1)} ms | ${fmt(l.p95, 1)} ms | **${fmt(l.p95 / bareLatency.p95, 1)}×** | ${fmt(l.requests)} (${l.non2xx} not 2xx) | ${target ? (l.p95 < 20 ? 'met' : 'missed') : 'reference'} |`;

const report = `# Benchmarks

Figures from one run of \`npm run bench${quick ? ' -- --quick' : ''}${keepLoad ? ' -- --keep-load' : ''}\`${keepLoad ? ' (sections 1–4; section 5 is kept from the earlier run its own text describes)' : ''} on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPU cores
(${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB memory, Node ${process.version}, 1-minute load
average ${startLoad} when the run started and ${loadNow()} when it ended (other work shares this machine, so absolute times vary by
±40 % between runs; each figure is also given as a ratio to a reference measured in the same run).

Reproduce:

\`\`\`sh
npm ci
npm run bench              # full sizes: 1M-row import, 10M rows for recomputation and the dashboard, 10-minute load soaks (< 35 min)
npm run bench -- --quick   # 100k-row import, 1M rows, 30-second load checks
\`\`\`

PostgreSQL is reached at \`BENCH_POSTGRES_URL\` (default \`postgres://postgres@127.0.0.1:5432/postgres\`); the
run creates and drops its own database. Generated files go to \`bench/out/\` (git-ignored).

## 1. Participant-level import: ${fmt(sizes.importRows)} rows (${fmt(imports.bytes / 1e6, 1)} MB CSV)

Each import runs in its own child process through the real code path
(\`startParticipantImport\` → \`runParticipantImport\`: ONE streamed pass inside one transaction. A
worker thread tokenizes the file, checks every value of every row and packs the rows into **row
groups**: each 1,024 consecutive rows become ONE database row of \`participant_batch\`, packed column
by column as JSON text (each column's distinct values once, a small code per row:
\`participants.batch.ts\`). The import's own thread counts the people of each group into cells in
memory and inserts the groups through Kysely, up to four in flight, while the worker reads on; then
the cells, the audit entry and the job's success. The first problem stops the writing and rolls
the transaction back at once; the reading goes on outside it so every problem is still listed, and
nothing is stored). The child opens only the
database (no mail or sign-in code) and runs as plain JavaScript bundled by esbuild from the same
sources, as the importer runs inside the built server (no tsx loader). Peak RSS is the child's
\`process.resourceUsage().maxRSS\`; "before import" is the same figure taken just before the import
starts (Node and the loaded modules). \`npm run bench -- --only import\` runs this section alone and
prints its figures without rewriting this file. The reference
is DuckDB (\`@duckdb/node-api\`) loading the same file into a table (\`read_csv\`, all columns as
text), also in its own process. CPU time (user + system, all threads) is given too: on a machine
shared with other work it is steadier than wall time.

| | Wall time | Ratio to DuckDB | CPU time (ratio) | Peak RSS (before import) | Targets (≤ 3× DuckDB, < 300 MB) |
|---|---|---|---|---|---|
| DuckDB \`read_csv\` (reference) | ${fmt(duckMs / 1000, 1)} s | 1.0× | ${fmt(imports.duck.cpuMs / 1000, 1)} s (1.0×) | ${mb(imports.duck.maxRssKb)} | |
${importRows}

Where the time goes (not from this run: a \`node --cpu-prof\` profile of the same child importing the
same generated file into SQLite on 2026-12-02, quiet machine, 1.4 s wall under the profiler). The
worker thread: checking every value 0.41 s (most of it looking each cell up in its column's
remembered answers), tokenizing 0.21 s, packing the row groups 0.27 s, garbage collection 0.09 s,
passing groups to the other thread 0.04 s; it is busy all the way through. The import's own
thread: counting distinct people 0.19 s, SQLite's inserts 0.16 s, reading the file 0.12 s, garbage
collection 0.09 s, and 0.67 s waiting for the worker. Before the worker (one thread, same day) the
import took 1.9 s on SQLite and 2.2 s on PostgreSQL; on PostgreSQL the server's own compression of
each group (pglz) also competed for the two cores until migration
\`2026-12-02T1100-participant-batch-lz4\`. Before row groups the inserts took 2.5 s and the commit
1.2 s (a million table rows with their primary-key index), and PostgreSQL took 13.6 s, most of it
the server checking the foreign key row by row.

## 2. Access Index recomputation

Participant rows are counted into cells **once, at import** (per submission, by the importer as it
reads the rows). Recomputing the Access Index after a review therefore
sums accepted cells, never the raw rows: \`refreshRollups\` (the year's network sums, written as
metric values) followed by \`loadDashboard\` (every stage, group and year: shares, index, gap,
intervals, trajectory). Median of 5 runs, on SQLite. The reference is what the same recomputation
would cost from the raw rows: every stored row group of the ecosystem read back and unpacked, and
the distinct pseudonyms counted per race/ethnicity × sex (what a \`GROUP BY race_ethnicity, sex\` with
\`count(DISTINCT pseudonym)\` did when participant rows were one table row each, before migration
\`2026-12-02T0300-participant-batches\`; rows are now stored 1,024 to a database row, so no SQL can
group them).

The databases are the seeded demo (both ecosystems) plus one accepted participant submission per
Philadelphia partner, the rows generated in JavaScript and stored in row groups by the importer's
own writer (going through the CSV importer for ${fmt(sizes.bigRows)} rows would take most of the run's
time budget: \`bench/participant-rows.ts\`) and the cells counted by the importer's own people counter.

| Participant rows | Recomputation (rollups + indices) | Raw-row recount (reference) | Ratio | Target (< 2 s) |
|---|---|---|---|---|
| ${fmt(sizes.smallRows)} | ${fmt(smallRecompute.ms, 1)} ms | ${fmt(smallRecompute.groupByMs, 1)} ms | ${fmt(smallRecompute.ms / smallRecompute.groupByMs, 2)}× | ${smallRecompute.ms < 2000 ? 'met' : 'missed'} |
| ${fmt(sizes.bigRows)} | ${fmt(bigRecompute.ms, 1)} ms | ${fmt(bigRecompute.groupByMs, 1)} ms | ${fmt(bigRecompute.ms / bigRecompute.groupByMs, 3)}× | ${bigRecompute.ms < 2000 ? 'met' : 'missed'} |

## 3. Public dashboard read latency

\`/e/philadelphia/dashboard\` on the built server (\`node server.js\`, SQLite), autocannon with one
connection (latency, not throughput: with more connections the figures measure queueing) for
${sizes.seconds} s after 5 warm-up requests; p50/p95 over every response. The dashboard reads
the precomputed rollups (metric values refreshed when a submission is accepted) and caches its
rendering per data version, so its cost does not depend on the number of participant rows. The
reference is bare \`node:http\` answering a fixed 20 kB page, same settings, same run.

| | p50 | p95 | p95 ratio to bare node:http | Requests | Target (p95 < 20 ms) |
|---|---|---|---|---|---|
${latencyRow('bare node:http (reference)', bareLatency, false)}
${latencyRow(`dashboard, ${fmt(sizes.smallRows)} participant rows`, smallLatency, true)}
${latencyRow(`dashboard, ${fmt(sizes.bigRows)} participant rows`, bigLatency, true)}

${programSection}
${loadSection}
## Reading the results

${[
	...imports.results.map(({ database, done }) =>
		done.ms / duckMs > 3
			? `- **${database} import misses the 3× DuckDB target** (${fmt(done.ms / duckMs, 1)}×; ${fmt(done.cpuMs / imports.duck.cpuMs, 1)}× in CPU time). DuckDB reads the file with vectorised native code on every core into a columnar table with no constraints; Parity reads it once on one JavaScript thread and checks every value so it can name each problem. Compare the CPU ratio: on a loaded machine the wall time of the importer (and, on PostgreSQL, of the database server sharing the cores) grows more than DuckDB's.`
			: `- ${database} import is within 3× of DuckDB (${fmt(done.ms / duckMs, 1)}×; ${fmt(done.cpuMs / imports.duck.cpuMs, 1)}× in CPU time). Rows are stored 1,024 to a database row (row groups, migration \`2026-12-02T0300-participant-batches\`), so the database's per-row costs (index entries, key and foreign-key checks, the commit) are paid under a thousand times, not a million; what remains is the JavaScript pass: tokenizing, checking every value, counting people and packing the groups.`
	),
	...imports.results.map(({ database, done }) =>
		done.maxRssKb / 1024 >= 300
			? `- **${database} import misses the 300 MB memory target** (${mb(done.maxRssKb)}, of which ${done.baseRssKb ? mb(done.baseRssKb) : '?'} before the import started: Node and the importer's modules). The import holds one batch of 1,024 rows, the current 64 kB chunk and the people counted so far (the pseudonym and a packed combination of answers: about 60 bytes a person, some 20 MB of live heap for the 333,334 people of the 1M-row file). The rest is garbage the collector has not yet reclaimed; no V8 flag is set.`
			: `- ${database} import stays under 300 MB (${mb(done.maxRssKb)}, ${done.baseRssKb ? mb(done.baseRssKb) : '?'} before the import started): one batch of 1,024 rows, the current chunk and the people counted so far (about 60 bytes a person) are held; the file never is, and the cells are counted from the packed answers without listing the combinations.`
	),
	bigRecompute.ms < 2000
		? `- Recomputation over ${fmt(sizes.bigRows)} rows takes ${fmt(bigRecompute.ms)} ms because it sums per-submission cells, not rows; recounting the people from the raw rows alone takes ${fmt(bigRecompute.groupByMs)} ms.`
		: `- **Recomputation misses the 2 s target** (${fmt(bigRecompute.ms)} ms).`,
	bigLatency.p95 < 20 && smallLatency.p95 < 20
		? `- Dashboard p95 is under 20 ms at both sizes: it reads rollups, not rows.`
		: `- **Dashboard p95 misses the 20 ms target** (${fmt(smallLatency.p95, 1)} / ${fmt(bigLatency.p95, 1)} ms): SvelteKit's per-request work (hooks, session lookup, the data-version queries, server-rendering a ~66 kB page with its SVG charts) on a shared 2-core machine; the figure does not depend on the number of participant rows (compare the two sizes).`
].join('\n')}
`;
writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
log(`wrote docs/benchmarks.md (${fmt(statSync(join(root, 'docs', 'benchmarks.md')).size)} bytes)`);
process.exit(0);
