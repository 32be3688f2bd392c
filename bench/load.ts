/**
 * The load scenario (issue 10, point 5), run by `bench/run.ts` or alone with
 * `npx tsx bench/load.ts [--quick]` (which rewrites only section 5 of docs/benchmarks.md):
 *   - a constant arrival rate (an open model, bench/open-load.ts) over the public pages (home,
 *     the ecosystem's overview, dashboard, finder, story wall, events) and a demo partner admin's
 *     signed-in pages (session cookie from a real sign-in), interleaved;
 *   - on SQLite (one built server, `node server.js`, fresh demo database) and on PostgreSQL with
 *     two app servers on one database (nginx round robin in front when installed; otherwise the
 *     generator alternates between the two itself);
 *   - for a soak of 10 minutes each (30 s with --quick): p50/p95/p99, errors (statuses outside
 *     2xx/3xx, socket errors and timeouts), throughput, and each server's RSS sampled over time
 *     (start, max, end, and the slope of a least-squares fit over the second half of the soak);
 *   - beside the trivial page (bench/bare-server.ts, bare node:http) at the same rate in the same
 *     run.
 * Needs the built server (`npx vite build`; built here when missing). PostgreSQL is reached at
 * BENCH_POSTGRES_URL; the run creates and drops its own database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openLoad, summarize, type Sample, type Summary, type Target } from './open-load.js';
import { createPgDatabase, dropPgDatabase, freePort, startAppServer, waitForHttp, type AppServer } from '../tests/e2e/processes.js';
import { writeSection } from './doc-sections.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', 'out');
const pgAdmin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'bench-load-secret-'.padEnd(44, 'x');
const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

const ECO = '/e/philadelphia';
const PARTNER_ADMIN = 'keisha.partner@philadelphia.demo.parity.example';
const PARTNER = 'brick-and-bolt-youth-makerspace';
const DEMO_PASSWORD = 'parity-demo-2030';
const publicPaths = ['/', ECO, `${ECO}/dashboard`, `${ECO}/programs`, `${ECO}/programs?q=robotics`, `${ECO}/stories`, `${ECO}/events`];
const signedInPaths = ['/account', `${ECO}/workspace`, `${ECO}/dashboard`, `${ECO}/partners/${PARTNER}`, `${ECO}/partners/${PARTNER}/data`, `${ECO}/partners/${PARTNER}/programs`];

interface Settings {
	soakSeconds: number;
	referenceSeconds: number;
	rate: number;
	sampleEveryMs: number;
	warmUpSeconds: number;
}

export function loadSettings(quick: boolean): Settings {
	const rate = Number(process.env.LOAD_RATE) || 10;
	return quick
		? { soakSeconds: Number(process.env.LOAD_SECONDS) || 30, referenceSeconds: 10, rate, sampleEveryMs: 1000, warmUpSeconds: 5 }
		: { soakSeconds: Number(process.env.LOAD_SECONDS) || 600, referenceSeconds: 60, rate, sampleEveryMs: 5000, warmUpSeconds: 30 };
}

// ---------------------------------------------------------------------------------------------
// Memory: each server's RSS over time

interface RssSample {
	seconds: number;
	mb: number;
}

function rssMb(pid: number): number | null {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		if (match) return Number(match[1]) / 1024;
	} catch {
		// not Linux, or the process is gone: ask ps
	}
	const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
	const kb = Number(ps.stdout.trim());
	return ps.status === 0 && kb > 0 ? kb / 1024 : null;
}

function sampleRss(pid: number, everyMs: number): { stop(): RssSample[] } {
	const samples: RssSample[] = [];
	const started = performance.now();
	const take = () => {
		const mb = rssMb(pid);
		if (mb !== null) samples.push({ seconds: (performance.now() - started) / 1000, mb });
	};
	take();
	const timer = setInterval(take, everyMs);
	return {
		stop() {
			clearInterval(timer);
			take();
			return samples;
		}
	};
}

export interface MemorySummary {
	startMb: number;
	maxMb: number;
	endMb: number;
	/** MB per minute, least-squares over the second half of the soak (after warm-up). */
	slopeMbPerMin: number;
	firstHalfMaxMb: number;
	secondHalfMaxMb: number;
	samples: number;
}

export function slopePerMinute(samples: RssSample[]): number {
	if (samples.length < 2) return NaN;
	const xs = samples.map((s) => s.seconds / 60);
	const ys = samples.map((s) => s.mb);
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = ys.reduce((a, b) => a + b, 0) / ys.length;
	let num = 0;
	let den = 0;
	for (let i = 0; i < xs.length; i += 1) {
		num += (xs[i]! - mx) * (ys[i]! - my);
		den += (xs[i]! - mx) ** 2;
	}
	return den === 0 ? NaN : num / den;
}

export function memorySummary(samples: RssSample[]): MemorySummary {
	const end = samples.at(-1)?.seconds ?? 0;
	return {
		startMb: samples[0]?.mb ?? NaN,
		maxMb: Math.max(...samples.map((s) => s.mb)),
		endMb: samples.at(-1)?.mb ?? NaN,
		slopeMbPerMin: slopePerMinute(samples.filter((s) => s.seconds >= end / 2)),
		firstHalfMaxMb: Math.max(...samples.filter((s) => s.seconds < end / 2).map((s) => s.mb)),
		secondHalfMaxMb: Math.max(...samples.filter((s) => s.seconds >= end / 2).map((s) => s.mb)),
		samples: samples.length
	};
}

/**
 * Flat: the second half of the soak sets no new high above the first half's by more than 5 %,
 * or the fitted RSS over the second half grows by less than 1 MB a minute. A leak does both:
 * a sawtooth of collections alone does neither.
 */
export function memoryIsFlat(memory: MemorySummary): boolean {
	return memory.secondHalfMaxMb <= memory.firstHalfMaxMb * 1.05 || memory.slopeMbPerMin < 1;
}

// ---------------------------------------------------------------------------------------------
// Servers

async function signIn(origin: string): Promise<string> {
	const response = await fetch(`${origin}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
		body: new URLSearchParams({ email: PARTNER_ADMIN, password: DEMO_PASSWORD, next: '/account' }).toString()
	});
	if (response.status !== 303) throw new Error(`signing in as ${PARTNER_ADMIN} answered ${response.status}`);
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0]!)
		.filter((pair) => pair.indexOf('=') > 0 && pair.slice(pair.indexOf('=') + 1) !== '')
		.join('; ');
	if (!cookie) throw new Error('signing in set no session cookie');
	return cookie;
}

/** The scenario's pages on `origin`, each checked once (200, and signed in where it should be). */
async function targetsOn(origin: string, cookie: string): Promise<Target[]> {
	const targets: Target[] = [
		...publicPaths.map((path) => ({ label: path, group: 'public' as const, url: origin + path })),
		...signedInPaths.map((path) => ({ label: path, group: 'signed-in' as const, url: origin + path, headers: { cookie } }))
	];
	for (const target of targets) {
		const response = await fetch(target.url, { headers: { accept: 'text/html', ...target.headers }, redirect: 'manual' });
		const body = await response.text();
		if (response.status !== 200) throw new Error(`${target.label} (${target.group}) answered ${response.status}, not 200`);
		if (target.group === 'signed-in' && !body.includes('Sign out')) throw new Error(`${target.label} was not served signed in`);
	}
	return targets;
}

function startProcess(args: string[], ready: RegExp): Promise<{ port: number; child: ChildProcess }> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		createInterface({ input: child.stdout! }).on('line', (line) => {
			const match = ready.exec(line);
			if (match) resolvePromise({ port: Number(match[1]), child });
		});
		child.on('close', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${stderr.slice(-2000)}`)));
	});
}

const nginxPath = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path) && spawnSync(path, ['-v']).status === 0) ?? null;

function nginxConfig(port: number, upstreams: string[], dir: string): string {
	return `
daemon off;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path ${dir}/client_body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	upstream parity {
${upstreams.map((u) => `		server ${new URL(u).host};`).join('\n')}
		keepalive 64;
	}
	server {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://parity;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $remote_addr;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header X-Forwarded-Host $http_host;
		}
	}
}
`;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

export interface ScenarioResult {
	label: string;
	overall: Summary;
	groups: { group: Target['group']; summary: Summary }[];
	pages: { label: string; group: Target['group']; summary: Summary }[];
	errorsSeen: string[];
	memory: { server: string; memory: MemorySummary }[];
	maxInFlight: number;
	seconds: number;
}

async function soak(label: string, targets: Target[], servers: { name: string; pid: number }[], settings: Settings, seconds: number): Promise<ScenarioResult> {
	// Warm up every page (and each server's caches) before the clock starts.
	await openLoad(targets, { rate: settings.rate, seconds: Math.min(settings.warmUpSeconds, seconds) });
	const samplers = servers.map((server) => ({ name: server.name, sampler: sampleRss(server.pid, settings.sampleEveryMs) }));
	log(`${label}: ${settings.rate} requests/s for ${seconds} s over ${targets.length} pages (load ${loadavg()[0]!.toFixed(1)})`);
	const result = await openLoad(targets, { rate: settings.rate, seconds });
	const memory = samplers.map(({ name, sampler }) => ({ server: name, memory: memorySummary(sampler.stop()) }));
	const byTarget = new Map<number, Sample[]>();
	for (const sample of result.samples) byTarget.set(sample.target, [...(byTarget.get(sample.target) ?? []), sample]);
	const groups = (['public', 'signed-in', 'reference'] as const)
		.map((group) => ({ group, samples: result.samples.filter((s) => targets[s.target]!.group === group) }))
		.filter((g) => g.samples.length > 0)
		.map(({ group, samples }) => ({ group, summary: summarize(samples, seconds) }));
	const errorsSeen = [...new Set(result.samples.filter((s) => s.error || s.status >= 400 || s.status < 200).map((s) => `${targets[s.target]!.label}: ${s.error ?? s.status}`))].slice(0, 10);
	const scenario: ScenarioResult = {
		label,
		overall: summarize(result.samples, seconds),
		groups,
		pages: targets.map((target, index) => ({ label: target.label, group: target.group, summary: summarize(byTarget.get(index) ?? [], seconds) })),
		errorsSeen,
		memory,
		maxInFlight: result.maxInFlight,
		seconds
	};
	log(`${label}: p50 ${fmt(scenario.overall.p50, 1)} ms, p95 ${fmt(scenario.overall.p95, 1)} ms, p99 ${fmt(scenario.overall.p99, 1)} ms, ${scenario.overall.badStatus + scenario.overall.socketErrors} errors, RSS ${memory.map((m) => `${m.server} ${fmt(m.memory.startMb)}→${fmt(m.memory.endMb)} MB`).join(', ')}`);
	return scenario;
}

async function referenceScenario(settings: Settings): Promise<ScenarioResult> {
	const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts', '60000'], /listening (\d+)/);
	try {
		const targets: Target[] = [{ label: 'bare node:http, 60 kB page', group: 'reference', url: `http://127.0.0.1:${bare.port}/` }];
		return await soak('bare node:http (reference)', targets, [{ name: 'bare', pid: bare.child.pid! }], settings, settings.referenceSeconds);
	} finally {
		bare.child.kill('SIGKILL');
	}
}

async function sqliteScenario(settings: Settings): Promise<ScenarioResult> {
	const dir = mkdtempSync(join(tmpdir(), 'parity-load-sqlite-'));
	const server = await startAppServer({ DATABASE_URL: `file:${join(dir, 'load.sqlite')}`, DEMO: 'true', BETTER_AUTH_SECRET: SECRET, SIGN_IN_RATE_LIMIT: '1000' });
	try {
		const cookie = await signIn(server.url);
		const targets = await targetsOn(server.url, cookie);
		return await soak('SQLite, one server', targets, [{ name: 'server', pid: server.process.pid! }], settings, settings.soakSeconds);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function postgresScenario(settings: Settings): Promise<ScenarioResult & { balancer: string }> {
	const dbName = `parity_bench_load_${process.pid}`;
	const dir = mkdtempSync(join(tmpdir(), 'parity-load-pg-'));
	const servers: AppServer[] = [];
	let nginx: ChildProcess | undefined;
	try {
		const databaseUrl = await createPgDatabase(pgAdmin, dbName);
		// The first server migrates and seeds; the second starts on the ready database.
		for (let i = 0; i < 2; i += 1) servers.push(await startAppServer({ DATABASE_URL: databaseUrl, DEMO: 'true', BETTER_AUTH_SECRET: SECRET, SIGN_IN_RATE_LIMIT: '1000' }));
		let origins = servers.map((s) => s.url);
		let balancer = 'none: the generator alternates between the two servers';
		if (nginxPath) {
			const port = await freePort();
			writeFileSync(join(dir, 'nginx.conf'), nginxConfig(port, origins, dir));
			nginx = spawn(nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
			await waitForHttp(nginx, `http://127.0.0.1:${port}/healthz`);
			origins = [`http://127.0.0.1:${port}`];
			balancer = 'nginx (Debian), round robin, keepalive to both';
		}
		// One sign-in: the session lives in the database, so either server accepts it.
		const cookie = await signIn(origins[0]!);
		const perOrigin = await Promise.all(origins.map((origin) => targetsOn(origin, cookie)));
		// Without a balancer, alternate: page 1 on server A, page 1 on server B, page 2 on A, …
		const targets = perOrigin[0]!.flatMap((_, index) => perOrigin.map((list) => list[index]!));
		const result = await soak('PostgreSQL, two servers', targets, servers.map((s, i) => ({ name: `server ${String.fromCharCode(65 + i)}`, pid: s.process.pid! })), settings, settings.soakSeconds);
		return { ...result, balancer };
	} finally {
		nginx?.kill('SIGTERM');
		await Promise.all(servers.map((s) => s.stop()));
		await dropPgDatabase(pgAdmin, dbName);
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Report

function errorsOf(s: Summary): string {
	const errors = s.badStatus + s.socketErrors === 0 ? '0' : `**${s.badStatus + s.socketErrors}** (${s.badStatus} status, ${s.socketErrors} socket)`;
	return s.resent ? `${errors}; ${s.resent} resent` : errors;
}

/** Runs the load scenario and returns section 5 of docs/benchmarks.md. */
export async function loadBench(quick: boolean): Promise<string> {
	mkdirSync(out, { recursive: true });
	if (!existsSync(join(root, 'build', 'handler.js'))) {
		log('building the server (vite build)');
		const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
		if (build.status !== 0) throw new Error('vite build failed');
	}
	const settings = loadSettings(quick);
	const startLoad = loadavg()[0]!.toFixed(1);
	const started = Date.now();
	log(`load scenario: ${settings.soakSeconds} s soak per database at ${settings.rate} requests/s (about ${fmt((settings.soakSeconds * 2 + settings.referenceSeconds + settings.warmUpSeconds * 3 + 90) / 60, 1)} min in all)`);
	const reference = await referenceScenario(settings);
	const sqlite = await sqliteScenario(settings);
	let postgres: (ScenarioResult & { balancer: string }) | null = null;
	let postgresSkipped = '';
	try {
		postgres = await postgresScenario(settings);
	} catch (error) {
		postgresSkipped = (error as Error).message.split('\n')[0]!;
		log(`PostgreSQL load scenario skipped: ${postgresSkipped}`);
	}
	const minutes = (Date.now() - started) / 60_000;
	log(`load scenario done in ${fmt(minutes, 1)} min`);
	const scenarios = [sqlite, ...(postgres ? [postgres] : [])];
	const ref = reference.overall;
	const latencyRows = [
		`| bare node:http, 60 kB page (reference) | all | ${fmt(ref.requests)} | ${fmt(ref.throughput, 1)}/s | ${fmt(ref.p50, 1)} ms | ${fmt(ref.p95, 1)} ms | ${fmt(ref.p99, 1)} ms | 1.0× | ${errorsOf(ref)} |`,
		...scenarios.flatMap((s) =>
			[{ group: 'all', summary: s.overall }, ...s.groups].map(
				({ group, summary }) =>
					`| ${s.label} | ${group} | ${fmt(summary.requests)} | ${fmt(summary.throughput, 1)}/s | ${fmt(summary.p50, 1)} ms | ${fmt(summary.p95, 1)} ms | ${fmt(summary.p99, 1)} ms | ${fmt(summary.p95 / ref.p95, 1)}× | ${errorsOf(summary)} |`
			)
		)
	].join('\n');
	const pageRows = scenarios
		.flatMap((s) => {
			const merged = new Map<string, { group: string; p95: number[]; p50: number[]; requests: number; errors: number }>();
			for (const page of s.pages) {
				const key = `${page.group}|${page.label}`;
				const entry = merged.get(key) ?? { group: page.group, p95: [], p50: [], requests: 0, errors: 0 };
				entry.p50.push(page.summary.p50);
				entry.p95.push(page.summary.p95);
				entry.requests += page.summary.requests;
				entry.errors += page.summary.badStatus + page.summary.socketErrors;
				merged.set(key, entry);
			}
			return [...merged].map(([key, e]) => `| ${s.label} | ${e.group} | \`${key.split('|')[1]}\` | ${fmt(e.requests)} | ${e.p50.map((v) => fmt(v, 1)).join(' / ')} ms | ${e.p95.map((v) => fmt(v, 1)).join(' / ')} ms | ${e.errors} |`);
		})
		.join('\n');
	const memoryRows = [reference, ...scenarios]
		.flatMap((s) =>
			s.memory.map(
				({ server, memory }) =>
					`| ${s.label} | ${server} | ${fmt(memory.startMb)} MB | ${fmt(memory.firstHalfMaxMb)} / ${fmt(memory.secondHalfMaxMb)} MB | ${fmt(memory.endMb)} MB | ${fmt(memory.slopeMbPerMin, 2)} MB/min | ${memory.samples} | ${quick ? 'not judged (short run)' : memoryIsFlat(memory) ? 'flat' : '**growing**'} |`
			)
		)
		.join('\n');
	const verdicts = scenarios.map((s) => {
		const errors = s.overall.badStatus + s.overall.socketErrors;
		const flat = s.memory.every((m) => memoryIsFlat(m.memory));
		const errorText = `${errors === 0 ? '0 errors' : `${errors} error${errors === 1 ? '' : 's'} (${s.errorsSeen.join('; ')})`} in ${fmt(s.overall.requests)} requests${s.overall.resent ? ` (${s.overall.resent} resent once after a kept-alive connection closed under them, then answered)` : ''}`;
		const memoryText = s.memory.map((m) => `${m.server}: ${fmt(m.memory.startMb)} → ${fmt(m.memory.endMb)} MB, max ${fmt(m.memory.maxMb)} MB, ${fmt(m.memory.slopeMbPerMin, 2)} MB/min over the second half`).join('; ');
		const inFlight = `at most ${s.maxInFlight} requests were in flight at once`;
		// A 30-second check is still inside the servers' warm-up (heap growth, compiled code, caches):
		// it checks the scenario and the errors; memory is judged by the 10-minute soak.
		if (quick) return `- **${s.label}: ${errors === 0 ? '0 errors' : 'errors'}** (a short check; memory is judged by the 10-minute soak, not here) — ${errorText}; memory ${memoryText}; ${inFlight}.`;
		return `- **${s.label}: ${errors === 0 && flat ? 'held' : 'not held'}** — ${errorText}, memory ${flat ? 'flat' : 'growing'} (${memoryText}); ${inFlight}.`;
	});
	return `## 5. Load: constant arrival rate, ${settings.soakSeconds >= 60 ? `${fmt(settings.soakSeconds / 60, 1)}-minute` : `${settings.soakSeconds}-second`} soak (issue 10)

${settings.rate} requests a second, every second, for ${fmt(settings.soakSeconds)} s per database${quick ? ' (`--quick`: a short check of the scenario, not a soak)' : ''}, after ${settings.warmUpSeconds} s of
warm-up at the same rate. The generator (\`bench/open-load.ts\`) is an **open model**: each request is sent when it is
due whether or not earlier ones have been answered, and its latency is counted from that moment,
so a server that falls behind shows its queueing in the figures (autocannon's model is closed:
its connections wait for each answer, so a slow server would lower the load it is offered). The
requests cycle through ${publicPaths.length} public pages (${publicPaths.map((p) => `\`${p}\``).join(', ')}) and
${signedInPaths.length} pages of a demo partner admin signed in with a real session cookie
(${signedInPaths.map((p) => `\`${p}\``).join(', ')}), interleaved; every page is checked to answer 200 (and signed in) before the run.
Errors are answers outside 2xx/3xx, socket errors and timeouts (10 s). A request that fails on a kept-alive
connection the server had just closed, before any answer, is sent once more (as browsers and proxies do
with idempotent requests) and counted as "resent", not hidden; a second failure is an error. Memory is each server's RSS
(\`/proc/<pid>/status\`) every ${settings.sampleEveryMs / 1000} s from the end of the warm-up; the slope is a least-squares fit over
the second half of the soak. Memory counts as flat when the second half sets no high more than 5 % above the first
half's, or the slope is under 1 MB a minute (a leak does both; collections alone make a sawtooth that does neither).

- **SQLite**: one built server (\`node server.js\` after \`vite build\`) on a fresh demo database.
- **PostgreSQL**: ${postgres ? `two app servers on one database, ${postgres.balancer}` : `skipped (${postgresSkipped})`}.
- **Reference**: bare \`node:http\` answering a fixed 60 kB page (about the size of the pages here), same rate, ${settings.referenceSeconds} s, same run.

Run on ${new Date().toISOString().slice(0, 10)}, ${fmt(minutes, 1)} minutes in all; 1-minute load average ${startLoad} when the section started and
${loadavg()[0]!.toFixed(1)} when it ended, on ${cpus().length} cores shared with other work.

| Scenario | Pages | Requests | Throughput | p50 | p95 | p99 | p95 ratio to bare node:http | Errors |
|---|---|---|---|---|---|---|---|---|
${latencyRows}

Memory (RSS) over the soak:

| Scenario | Process | Start | Max (first half / second half) | End | Slope (second half) | Samples | |
|---|---|---|---|---|---|---|---|
${memoryRows}

Per page (PostgreSQL: p50 and p95 per server, A / B when no balancer is in front; through nginx, one figure):

| Scenario | Pages | Page | Requests | p50 | p95 | Errors |
|---|---|---|---|---|---|---|
${pageRows}

Verdict (target: 0 errors, flat memory):

${verdicts.join('\n')}

Reproduce this section alone: \`npx tsx bench/load.ts\` (10 minutes per database) or \`npx tsx bench/load.ts --quick\`
(30 s); \`LOAD_RATE\` (requests a second, default 10) and \`LOAD_SECONDS\` override the rate and soak.
`;
}

// Run alone: rewrite only section 5 of docs/benchmarks.md.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
	const section = await loadBench(process.argv.includes('--quick'));
	writeSection('## 5. Load', section);
	log('wrote section 5 of docs/benchmarks.md');
	process.exit(0);
}
