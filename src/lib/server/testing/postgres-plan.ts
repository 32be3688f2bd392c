import pg from 'pg';
import { withDefaultUser } from '../db/connection.js';

/**
 * Whether this test run exercises PostgreSQL, decided once per run (global setup) and shared
 * with every test file. Locally an unreachable server skips the PostgreSQL suites with a loud
 * banner; in CI (CI=true or PARITY_TEST_POSTGRES=1) the suites run anyway and fail.
 */
export interface PostgresPlan {
	/** Run the PostgreSQL suites (they fail when `reachable` is false). */
	run: boolean;
	reachable: boolean;
	/** The server URL test databases are created on (no password). */
	adminUrl: string;
	/** Why PostgreSQL is skipped or unreachable, for titles and errors. */
	reason: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		parityPostgres: PostgresPlan;
	}
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const flag = (value: string | undefined) => value === 'true' || value === '1';

export async function planPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresPlan> {
	const adminUrl = env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
	const required = flag(env.CI) || env.PARITY_TEST_POSTGRES === '1';
	if (env.PARITY_TEST_POSTGRES === '0' && !required) {
		return { run: false, reachable: false, adminUrl, reason: 'PARITY_TEST_POSTGRES=0' };
	}
	const client = new pg.Client({ connectionString: withDefaultUser(adminUrl), connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return { run: true, reachable: true, adminUrl, reason: '' };
	} catch (error) {
		const reason = `cannot reach ${redact(adminUrl)} (${error instanceof Error ? error.message : String(error)})`;
		return { run: required, reachable: false, adminUrl, reason };
	} finally {
		await client.end().catch(() => {});
	}
}

export function skipBanner(plan: PostgresPlan): string {
	const line = '═'.repeat(78);
	return [
		'',
		line,
		'  POSTGRESQL TESTS SKIPPED: only SQLite was tested in this run.',
		`  Reason: ${plan.reason}`,
		'  Start PostgreSQL or point TEST_DATABASE_URL at one; with CI=true this fails.',
		line,
		''
	].join('\n');
}

export function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(unparseable URL)';
	}
}
