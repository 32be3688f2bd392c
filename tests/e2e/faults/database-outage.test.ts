import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPostgres } from '../../../src/lib/server/testing/postgres-plan.js';
import { createContext, type AppContext } from '../../../src/lib/server/context.js';
import { makeEvent } from '../../../src/lib/server/testing/factories.js';
import { HttpSession } from '../helpers.js';
import { createPgDatabase, dropPgDatabase, freePort, startAppServer, type AppServer } from '../processes.js';

/**
 * The database goes away under a running app server and comes back. A TCP relay between the app
 * and PostgreSQL stands for the database: closing it refuses new connections and breaks the open
 * ones, exactly what the app sees when PostgreSQL stops; reopening it is the database's return.
 */
const plan = await planPostgres();
if (!plan.reachable && process.env.CI === 'true') throw new Error(`The database-outage test must run in CI, but PostgreSQL is not reachable (${plan.reason}).`);
if (!plan.reachable) console.warn(`\n!! Database-outage test SKIPPED: PostgreSQL is not reachable (${plan.reason}).\n`);
const describeOutage = plan.reachable ? describe : describe.skip;

class TcpRelay {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	constructor(private readonly target: { host: string; port: number }) {}

	async open(port: number): Promise<void> {
		const server = createServer((client) => {
			const upstream = connect(this.target.port, this.target.host);
			for (const socket of [client, upstream]) {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
				socket.on('error', () => undefined);
			}
			client.pipe(upstream).pipe(client);
			client.on('close', () => upstream.destroy());
			upstream.on('close', () => client.destroy());
		});
		await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
		this.server = server;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
		this.server = undefined;
	}
}

describeOutage('the database stops under a running server, then returns', () => {
	const dbName = `parity_outage_${process.pid}_${randomBytes(3).toString('hex')}`;
	let directUrl: string;
	let relay: TcpRelay;
	let relayPort: number;
	let server: AppServer;
	let ctx: AppContext;

	beforeAll(async () => {
		directUrl = await createPgDatabase(plan.adminUrl, dbName);
		const direct = new URL(directUrl);
		relay = new TcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
		relayPort = await freePort();
		await relay.open(relayPort);
		const viaRelay = new URL(directUrl);
		viaRelay.port = String(relayPort);
		server = await startAppServer({ DATABASE_URL: viaRelay.toString(), DEMO: 'true', BETTER_AUTH_SECRET: 'outage-secret-outage-secret-outage-0123456' });
		ctx = await createContext({ databaseUrl: directUrl, migrate: false, secret: 'x'.repeat(40), origin: server.url });
	}, 240_000);

	afterAll(async () => {
		await ctx?.close();
		await server?.stop();
		await relay?.close();
		await dropPgDatabase(plan.adminUrl, dbName);
	});

	it('answers 503 with Retry-After and a friendly page, writes nothing, and recovers within 10 s', async () => {
		const eco = await ctx.db.kysely.selectFrom('ecosystem').select('id').where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
		const event = await makeEvent(ctx.db.kysely, eco.id, { capacity: 10, title: 'Outage test' });
		const visitor = new HttpSession(server.url);
		expect((await visitor.get('/e/philadelphia/events')).status).toBe(200);

		await relay.close();
		// The server must live through it: report its own words if it does not.
		const died = (code: number | null) => console.error(`The app server exited (${code}) during the outage:\n${server.output()}`);
		server.process.once('exit', died);

		for (const path of ['/e/philadelphia', '/e/philadelphia/dashboard', `/e/philadelphia/events/${event.slug}`]) {
			const response = await visitor.get(path);
			expect(response.status, path).toBe(503);
			expect(response.headers.get('retry-after'), path).toBe('10');
			const html = await response.text();
			expect(html, path).toContain('cannot reach its database');
			expect(html, path).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|Error:/);
		}
		const spanish = await visitor.request('/e/philadelphia', { headers: { 'accept-language': 'es' } });
		expect(spanish.status).toBe(503);
		expect(await spanish.text()).toContain('No se guardó nada');
		const write = await visitor.post(`/e/philadelphia/events/${event.slug}`, { name: 'During Outage', email: 'outage@example.org' });
		expect(write.status).toBe(503);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(503);

		await relay.open(relayPort);
		const back = Date.now();
		let recoveredAfter = Number.POSITIVE_INFINITY;
		while (Date.now() - back < 15_000) {
			const [page, health] = await Promise.all([visitor.get('/e/philadelphia'), fetch(`${server.url}/healthz`)]);
			if (page.status === 200 && health.status === 200) {
				recoveredAfter = Date.now() - back;
				break;
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(recoveredAfter).toBeLessThan(10_000);

		// The registration posted during the outage left nothing behind; a new one works.
		const rows = await ctx.db.kysely.selectFrom('event_registration').select('email').where('event_id', '=', event.id).execute();
		expect(rows).toEqual([]);
		expect((await visitor.post(`/e/philadelphia/events/${event.slug}`, { name: 'After Outage', email: 'after@example.org' })).status).toBe(303);
		expect(server.process.exitCode, server.output()).toBeNull();
		server.process.off('exit', died);
	}, 120_000);
});
