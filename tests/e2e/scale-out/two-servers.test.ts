import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPostgres, type PostgresPlan } from '../../../src/lib/server/testing/postgres-plan.js';
import { startSmtp, type Received, type SmtpServer } from '../../../src/lib/server/testing/smtp.js';
import { createContext, type AppContext } from '../../../src/lib/server/context.js';
import { makeActor, makeEvent } from '../../../src/lib/server/testing/factories.js';
import { makeCycle } from '../../../src/lib/server/testing/submission-factories.js';
import { reviewSubmission } from '../../../src/lib/server/submissions/cycles.service.js';
import { DEMO_PASSWORD, HttpSession, demoAccounts } from '../helpers.js';
import { createPgDatabase, dropPgDatabase, freePort, pgQuery, startAppServer, waitForHttp, type AppServer } from '../processes.js';

/**
 * The production layout on one machine: two app servers (node server.js) on one PostgreSQL
 * database, nginx from Debian in front of them, round robin. Needs PostgreSQL and nginx; in CI
 * (CI=true) both must be there, elsewhere the suite is skipped with a notice.
 */
const plan: PostgresPlan = await planPostgres();
const nginxPath = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => spawnSync(path, ['-v']).status === 0) ?? null;
const missing = !plan.reachable ? `PostgreSQL is not reachable (${plan.reason})` : !nginxPath ? 'nginx is not installed (apt-get install -y nginx)' : null;
if (missing && process.env.CI === 'true') throw new Error(`The two-server test must run in CI, but ${missing}.`);
if (missing) console.warn(`\n!! Two-server scale-out test SKIPPED: ${missing}.\n`);
const describeScaleOut = missing ? describe.skip : describe;

const secret = 'scale-out-secret-scale-out-secret-0123456789';

describeScaleOut('two app servers behind nginx on one PostgreSQL', () => {
	const dir = mkdtempSync(join(tmpdir(), 'parity-scale-out-'));
	const dbName = `parity_scale_${process.pid}_${randomBytes(3).toString('hex')}`;
	const received: Received[] = [];
	let smtp: SmtpServer;
	let databaseUrl: string;
	const servers: AppServer[] = [];
	let nginx: ChildProcess | undefined;
	let balancer: string;
	let ctx: AppContext;

	beforeAll(async () => {
		databaseUrl = await createPgDatabase(plan.adminUrl, dbName);
		smtp = await startSmtp(received);
		// The first server migrates and seeds the demo; the second starts on the ready database,
		// as a rolling deployment would.
		for (let i = 0; i < 2; i += 1) {
			servers.push(
				await startAppServer({
					DATABASE_URL: databaseUrl,
					DEMO: 'true',
					SIGN_IN_RATE_LIMIT: '5',
					SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
					BETTER_AUTH_SECRET: secret
				})
			);
		}
		const port = await freePort();
		balancer = `http://127.0.0.1:${port}`;
		writeFileSync(join(dir, 'nginx.conf'), nginxConfig(port, servers.map((s) => s.url), dir));
		nginx = spawn(nginxPath!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
		await waitForHttp(nginx, `${balancer}/healthz`);
		ctx = await createContext({ databaseUrl, migrate: false, smtpUrl: undefined, secret, origin: balancer });
	}, 240_000);

	afterAll(async () => {
		await ctx?.close();
		nginx?.kill('SIGTERM');
		await Promise.all(servers.map((server) => server.stop()));
		await smtp?.stop();
		await dropPgDatabase(plan.adminUrl, dbName);
		rmSync(dir, { recursive: true, force: true });
	});

	it('nginx spreads requests over both servers', async () => {
		const served = new Set<string>();
		for (let i = 0; i < 10; i += 1) {
			const response = await fetch(`${balancer}/healthz`);
			expect(response.status).toBe(200);
			served.add(response.headers.get('x-upstream') ?? '');
		}
		expect([...served].sort()).toEqual(servers.map((s) => new URL(s.url).host).sort());
	});

	it('a session made on one server works on the other', async () => {
		const [a, b] = servers;
		const session = new HttpSession(a!.url);
		await session.signIn(demoAccounts.backbone_staff);
		expect((await session.get('/account')).status).toBe(200);
		const response = await session.on(b!.url).get('/account');
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(demoAccounts.backbone_staff);
	});

	it('sign-in rate limiting counts attempts made on both servers', async () => {
		const ip = '198.18.200.1';
		// SIGN_IN_RATE_LIMIT is 5 a minute; the attempts alternate between the two servers.
		for (let i = 0; i < 5; i += 1) {
			const response = await new HttpSession(servers[i % 2]!.url).post('/sign-in', { email: demoAccounts.educator, password: `wrong-${i}`, next: '/account' }, { 'x-forwarded-for': ip });
			expect(await response.text()).not.toContain('Too many attempts');
		}
		// Neither server saw more than three, yet the right password is now refused: they count together.
		const limited = await new HttpSession(servers[1]!.url).post('/sign-in', { email: demoAccounts.educator, password: DEMO_PASSWORD, next: '/account' }, { 'x-forwarded-for': ip });
		expect(limited.status).not.toBe(303);
		expect(await limited.text()).toContain('Too many attempts');
		// The same person from another address is let in: the limit is per client.
		await new HttpSession(servers[0]!.url).signIn(demoAccounts.educator, DEMO_PASSWORD);
	});

	it('1,000 registrations arriving at once through nginx fill 100 seats exactly', async () => {
		const eco = await ctx.db.kysely.selectFrom('ecosystem').select('id').where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
		const event = await makeEvent(ctx.db.kysely, eco.id, { capacity: 100, title: 'Scale-out convening' });
		const statuses = await Promise.all(
			Array.from({ length: 1000 }, (_, n) =>
				new HttpSession(balancer).post(`/e/philadelphia/events/${event.slug}`, { name: `Person ${n}`, email: `person-${n}@scale.example.org` })
			).map((p) => p.then((r) => r.status))
		);
		const answered = new Map<number, number>();
		for (const status of statuses) answered.set(status, (answered.get(status) ?? 0) + 1);
		expect(Object.fromEntries(answered)).toEqual({ 303: 1000 });
		const rows = await ctx.db.kysely.selectFrom('event_registration').select(['status']).where('event_id', '=', event.id).execute();
		expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(100);
		expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(900);
		expect(await ctx.db.kysely.selectFrom('event').select('seats_taken').where('id', '=', event.id).executeTakeFirstOrThrow()).toEqual({ seats_taken: 100 });

		// Each person gets their one email, though both servers deliver and retry mail.
		await expect
			.poll(() => received.filter((m) => m.to.some((to) => to.endsWith('@scale.example.org'))).length, { timeout: 180_000, interval: 1000 })
			.toBeGreaterThanOrEqual(1000);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const perPerson = new Map<string, number>();
		for (const mail of received) for (const to of mail.to) if (to.endsWith('@scale.example.org')) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
		expect(perPerson.size).toBe(1000);
		expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
	}, 300_000);

	it('a chart cache is renewed on both servers when new data is accepted', async () => {
		const eco = await ctx.db.kysely.selectFrom('ecosystem').select('id').where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
		const before = await Promise.all(servers.map((s) => chartCsvs(s.url)));
		expect(before[0]).toBe(before[1]);
		const pending = await ctx.db.kysely
			.selectFrom('submission')
			.innerJoin('collection_cycle', 'collection_cycle.id', 'submission.cycle_id')
			.select(['submission.id'])
			.where('submission.ecosystem_id', '=', eco.id)
			.where('submission.status', '=', 'submitted')
			.orderBy('collection_cycle.year', 'desc')
			.execute();
		expect(pending.length).toBeGreaterThan(0);
		const reviewer = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
		const outcome = await reviewSubmission({ ctx, actor: reviewer, ecosystemId: eco.id, submissionId: pending[0]!.id, input: { decision: 'accept' }, origin: balancer });
		expect(outcome).toMatchObject({ ok: true, value: { status: 'accepted' } });
		const after = await Promise.all(servers.map((s) => chartCsvs(s.url)));
		expect(after[0]).toBe(after[1]);
		expect(after[0]).not.toBe(before[0]);
	}, 300_000);

	it('a participant file uploaded to one server is imported once, by whichever server takes the job', async () => {
		const db = ctx.db.kysely;
		const eco = await db.selectFrom('ecosystem').select('id').where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
		const partner = await db
			.selectFrom('membership')
			.innerJoin('user', 'user.id', 'membership.user_id')
			.innerJoin('partner', 'partner.id', 'membership.partner_id')
			.select(['partner.id', 'partner.slug'])
			.where('user.email', '=', demoAccounts.partner_admin)
			.where('membership.ecosystem_id', '=', eco.id)
			.executeTakeFirstOrThrow();
		const metric = await db.selectFrom('metric').select(['id', 'slug']).where('ecosystem_id', '=', eco.id).where('unit', '=', 'people').orderBy('slug').executeTakeFirstOrThrow();
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id], name: `Scale-out import ${Date.now()}` });
		const keisha = new HttpSession(servers[0]!.url);
		await keisha.signIn(demoAccounts.partner_admin);
		// Two rows per person, agreeing on the person's answers.
		const person = (i: number) => Math.floor(i / 2);
		const rows = Array.from({ length: 3000 }, (_, i) => `p-${person(i)},${person(i) % 4 === 0 ? 'black' : 'hispanic'},${person(i) % 3 === 0 ? 'male' : 'female'}`);
		const form = new FormData();
		form.set('metric', metric.slug);
		form.set('file', new Blob([`pseudonym,race_ethnicity,sex\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'people.csv');
		const uploadPath = `/e/philadelphia/partners/${partner.slug}/data/${cycle.id}/participants`;
		const response = await keisha.request(uploadPath, { method: 'POST', body: form, headers: { origin: servers[0]!.url } });
		expect(response.status).toBe(303);
		const jobId = /\/participants\/([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];
		expect(jobId).toBeDefined();
		await expect.poll(async () => (await db.selectFrom('import_job').select('status').where('id', '=', jobId!).executeTakeFirst())?.status, { timeout: 60_000, interval: 500 }).not.toMatch(/queued|running/);
		const finished = await db.selectFrom('import_job').select(['status', 'problems_json']).where('id', '=', jobId!).executeTakeFirstOrThrow();
		expect(finished, finished.problems_json ?? '').toMatchObject({ status: 'succeeded' });
		// Both servers work the queue; the job ran once, the rows are stored once, the file is gone.
		const runs = await pgQuery(databaseUrl, `select state from pgboss.job where name = 'participants.import' and data->>'importJobId' = '${jobId}'`);
		expect(runs).toEqual([{ state: 'completed' }]);
		const stored = await db.selectFrom('submission').select(['row_count']).where('cycle_id', '=', cycle.id).execute();
		expect(stored).toEqual([{ row_count: 3000 }]);
		expect(await db.selectFrom('import_file_chunk').select('seq').where('import_job_id', '=', jobId!).execute()).toEqual([]);
		// The progress page on the other server shows the result.
		const progress = await keisha.on(servers[1]!.url).get(`${uploadPath}/${jobId}`);
		expect(await progress.text()).toMatch(/imported: 3,?000 rows/i);
	}, 120_000);

	it('each periodic job runs once per period across both servers', async () => {
		// Both servers schedule 'mail-retries' every minute; pg-boss's cron makes one job per minute.
		await expect
			.poll(async () => Number((await pgQuery(databaseUrl, `select count(*) as n from pgboss.job where name = 'mail-retries' and state = 'completed'`))[0]?.n ?? 0), {
				timeout: 150_000,
				interval: 2000
			})
			.toBeGreaterThanOrEqual(1);
		const perMinute = await pgQuery(databaseUrl, `select date_trunc('minute', created_on) as minute, count(*) as n from pgboss.job where name = 'mail-retries' group by 1 having count(*) > 1`);
		expect(perMinute).toEqual([]);
		// The start-up runs both servers asked for are one job per period too.
		const starts = await pgQuery(databaseUrl, `select name, singleton_key, count(*) as n from pgboss.job where singleton_key like 'start:%' group by name, singleton_key having count(*) > 1`);
		expect(starts).toEqual([]);
		expect(Number((await pgQuery(databaseUrl, `select count(*) as n from pgboss.job where name = 'story-purge' and state = 'completed'`))[0]?.n)).toBeGreaterThanOrEqual(1);
	}, 200_000);
});

/** Every chart's CSV on the public dashboard, as one text (pages carry a per-request nonce; CSVs do not). */
async function chartCsvs(origin: string): Promise<string> {
	const html = await (await fetch(`${origin}/e/philadelphia/dashboard`)).text();
	const paths = [...new Set([...html.matchAll(/href="(\/e\/philadelphia\/dashboard\/[^"]+\.csv[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
	if (paths.length === 0) throw new Error('The dashboard links no chart CSV');
	const texts = await Promise.all(paths.map(async (path) => `${path}\n${await (await fetch(origin + path)).text()}`));
	return texts.join('\n');
}

function nginxConfig(port: number, upstreams: string[], dir: string): string {
	return `
daemon off;
worker_processes 1;
user root;
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
			proxy_set_header X-Forwarded-For $http_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header X-Forwarded-Host $http_host;
			add_header X-Upstream $upstream_addr always;
			# A thousand registrations queue on one event's row lock; give the last ones time.
			proxy_read_timeout 300s;
		}
	}
}
`;
}
