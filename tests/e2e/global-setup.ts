import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSmtp } from '../../src/lib/server/testing/smtp.js';
import { planPostgres } from '../../src/lib/server/testing/postgres-plan.js';
import { createPgDatabase, dropPgDatabase, freePort, waitForHttp } from './processes.js';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		chromiumPath: string | null;
		/** Where the e2e SMTP server writes each message it receives, one JSON file per message. */
		mailDir: string;
	}
}

/**
 * Builds Parity once, starts the production server (server.js) on a free port with a fresh demo
 * database, and hands its URL to the tests: SQLite for the `e2e` project, a new PostgreSQL
 * database for `e2e-postgres` (the journeys again, on the other database). The browser tests use
 * Debian Chromium; without it they skip loudly, except in CI where a missing browser is a failure.
 */
export default async function setup(project: TestProject) {
	const root = process.cwd();
	// Both projects' setups run in this one process: build once per run.
	const builtMarker = join(tmpdir(), `parity-e2e-built-${process.pid}`);
	if (process.env.PARITY_E2E_SKIP_BUILD !== '1' && !existsSync(builtMarker)) {
		const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
		writeFileSync(builtMarker, '');
	}
	const dir = mkdtempSync(join(tmpdir(), 'parity-e2e-'));
	const onPostgres = project.name === 'e2e-postgres';
	const plan = onPostgres ? await planPostgres() : undefined;
	if (plan && !plan.reachable) throw new Error(`The e2e-postgres project needs PostgreSQL, but ${plan.reason}`);
	const pgName = `parity_e2e_${process.pid}_${Date.now().toString(36)}`;
	const databaseUrl = plan ? await createPgDatabase(plan.adminUrl, pgName) : `file:${join(dir, 'e2e.sqlite')}`;
	// A real SMTP server: mail the server sends (a parent's consent link, …) lands in mailDir.
	const mailDir = join(dir, 'mail');
	mkdirSync(mailDir);
	let mailCount = 0;
	const smtp = await startSmtp((message) => writeFileSync(join(mailDir, `${String(++mailCount).padStart(5, '0')}.json`), JSON.stringify(message)));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			DEMO: 'true',
			// As behind a load balancer: each test client sends its own X-Forwarded-For, so
			// per-IP sign-in limits apply per client, as they would to people on different networks.
			TRUST_PROXY: 'true',
			SIGN_IN_RATE_LIMIT: '10',
			SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			ORIGIN: '',
			BETTER_AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await waitForHttp(server, baseURL + '/');

	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	const haveChromium = existsSync(chromiumPath);
	if (!haveChromium) {
		if (process.env.CI === 'true') throw new Error(`Chromium not found at ${chromiumPath}: CI must install it (see .ci/run).`);
		console.warn(
			`\n${'!'.repeat(78)}\n!! Browser tests SKIPPED: no Chromium at ${chromiumPath}.\n!! Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).\n${'!'.repeat(78)}\n`
		);
	}
	project.provide('baseURL', baseURL);
	project.provide('chromiumPath', haveChromium ? chromiumPath : null);
	project.provide('mailDir', mailDir);

	return async () => {
		server.kill('SIGTERM');
		await new Promise((resolve) => setTimeout(resolve, 300));
		if (server.exitCode === null) server.kill('SIGKILL');
		await smtp.stop();
		if (plan) await dropPgDatabase(plan.adminUrl, pgName);
		rmSync(dir, { recursive: true, force: true });
		rmSync(builtMarker, { force: true });
	};
}
