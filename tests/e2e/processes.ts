import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';

/** Processes the end-to-end tests start: the built server (server.js), and PostgreSQL helpers. */

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** Resolves once `url` answers 2xx; fails early, with the process's output, if it exits. */
export async function waitForHttp(child: ChildProcess, url: string, timeoutMs = 90_000): Promise<void> {
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${url}: the process exited early (${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${output}`);
}

export interface AppServer {
	process: ChildProcess;
	url: string;
	/** Everything the server printed so far (for a failing test's message). */
	output(): string;
	stop(): Promise<void>;
}

/** Starts the built server (`node server.js`) on a free port with `env` over the test defaults. */
export async function startAppServer(env: Record<string, string>, timeoutMs = 180_000): Promise<AppServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		cwd: process.cwd(),
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: '', TRUST_PROXY: 'true', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	await waitForHttp(child, `${url}/healthz`, timeoutMs);
	return {
		process: child,
		url,
		output: () => output,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((resolve) => setTimeout(resolve, 500));
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	};
}

export async function pgQuery(url: string, query: string): Promise<Record<string, unknown>[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(query)).rows as Record<string, unknown>[];
	} finally {
		await client.end();
	}
}

/** Creates a fresh PostgreSQL database on the admin server and returns its URL. */
export async function createPgDatabase(adminUrl: string, name: string): Promise<string> {
	await pgQuery(adminUrl, `CREATE DATABASE "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export async function dropPgDatabase(adminUrl: string, name: string): Promise<void> {
	await pgQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
}
