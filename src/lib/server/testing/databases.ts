import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createContext, type AppContext, type ContextOptions } from '../context.js';
import { withDefaultUser, type DialectName } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { planPostgres, skipBanner, type PostgresPlan } from './postgres-plan.js';

/** One migrated database for one suite, with the context services run against. */
export interface TestDatabase {
	dialect: DialectName;
	/** DATABASE_URL of this suite's database (a temp SQLite file, or a fresh PostgreSQL database). */
	url: string;
	ctx: AppContext;
	db: Kysely<Database>;
	/** Another context on the same database (e.g. with SMTP); closed when the suite ends. */
	openContext(options?: Partial<ContextOptions>): Promise<AppContext>;
}

/** What every test context uses unless a test says otherwise: no SMTP, a fixed secret and origin. */
export const TEST_CONTEXT: ContextOptions = {
	smtpUrl: undefined,
	secret: 'x'.repeat(40),
	origin: 'http://localhost'
};

const provided = inject('parityPostgres') as PostgresPlan | undefined;
const plan: PostgresPlan = provided ?? (await planPostgres());
// Without the project's global setup (a file run on its own config) warn from here instead.
if (!provided && !plan.run) console.warn(skipBanner(plan));

/**
 * Declares the suite once per database: `${title} [sqlite]` and `${title} [postgres]`. Each gets
 * its own migrated database (created in beforeAll, removed in afterAll), so files running in
 * parallel never share rows. Tests build their own data, so order within a suite does not matter.
 */
export function describeEachDatabase(title: string, body: (get: () => TestDatabase) => void): void {
	for (const dialect of ['sqlite', 'postgres'] as const) {
		const name = `${title} [${dialect}]`;
		if (dialect === 'postgres' && !plan.run) {
			describe.skip(`${name} SKIPPED: ${plan.reason}`, () => body(() => {
				throw new Error('PostgreSQL suite is skipped');
			}));
			continue;
		}
		describe(name, () => {
			let current: (TestDatabase & { dispose(): Promise<void> }) | undefined;
			beforeAll(async () => {
				current = dialect === 'sqlite' ? await openSqliteSuite() : await openPostgresSuite(plan);
			});
			afterAll(async () => {
				await current?.dispose();
			});
			body(() => {
				if (!current) throw new Error(`${name}: the database is not open (did beforeAll fail?)`);
				return current;
			});
		});
	}
}

async function openSqliteSuite() {
	const dir = mkdtempSync(join(tmpdir(), 'parity-test-'));
	const url = join(dir, 'parity.sqlite');
	return withContexts('sqlite', url, () => rmSync(dir, { recursive: true, force: true }));
}

async function openPostgresSuite(plan: PostgresPlan) {
	if (!plan.reachable) {
		throw new Error(`PostgreSQL is required in this run (CI=true or PARITY_TEST_POSTGRES=1) but ${plan.reason}`);
	}
	const name = `parity_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	await admin(plan.adminUrl, `CREATE DATABASE "${name}"`);
	const url = new URL(plan.adminUrl);
	url.pathname = `/${name}`;
	return withContexts('postgres', url.toString(), () => dropDatabase(plan.adminUrl, name));
}

/**
 * pg's pool.end() resolves before its sockets finish closing; dropping WITH (FORCE) at once would
 * kill those backends and surface as an uncaught "terminating connection" error. Wait for them.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}"${attempt >= 50 ? ' WITH (FORCE)' : ''}`);
			return;
		} catch (error) {
			// 55006 object_in_use: a closing connection is still attached.
			if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

async function withContexts(dialect: DialectName, url: string, remove: () => unknown) {
	const contexts: AppContext[] = [];
	const openContext = async (options: Partial<ContextOptions> = {}) => {
		const ctx = await createContext({ ...TEST_CONTEXT, databaseUrl: url, ...options });
		contexts.push(ctx);
		return ctx;
	};
	let ctx: AppContext;
	try {
		ctx = await openContext();
	} catch (error) {
		await remove();
		throw error;
	}
	return {
		dialect,
		url,
		ctx,
		db: ctx.db.kysely,
		openContext,
		async dispose() {
			for (const context of contexts.reverse()) await context.close().catch(() => {});
			await remove();
		}
	};
}

async function admin(adminUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: withDefaultUser(adminUrl), connectionTimeoutMillis: 5000 });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
