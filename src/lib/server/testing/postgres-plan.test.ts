import { describe, expect, it } from 'vitest';
import { planPostgres, redact } from './postgres-plan.js';

// Port 1 on loopback refuses at once: an unreachable server without waiting for a timeout.
const unreachable = 'postgres://postgres:pw@127.0.0.1:1/postgres';

describe('planPostgres (when the PostgreSQL suites run)', () => {
	it('skips locally when the server is unreachable, saying why', async () => {
		const plan = await planPostgres({ TEST_DATABASE_URL: unreachable });
		expect(plan).toMatchObject({ run: false, reachable: false });
		expect(plan.reason).toMatch(/cannot reach postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres/);
	});

	it.each([{ CI: 'true' }, { CI: '1' }, { PARITY_TEST_POSTGRES: '1' }])('runs (and so fails) when unreachable with %o', async (env) => {
		expect(await planPostgres({ TEST_DATABASE_URL: unreachable, ...env })).toMatchObject({ run: true, reachable: false });
	});

	it('skips on PARITY_TEST_POSTGRES=0 locally, but not in CI', async () => {
		expect(await planPostgres({ TEST_DATABASE_URL: unreachable, PARITY_TEST_POSTGRES: '0' })).toMatchObject({ run: false, reason: 'PARITY_TEST_POSTGRES=0' });
		expect(await planPostgres({ TEST_DATABASE_URL: unreachable, PARITY_TEST_POSTGRES: '0', CI: 'true' })).toMatchObject({ run: true });
	});

	it('hides passwords in what it prints', () => {
		expect(redact('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
		expect(redact('postgres://h/db')).toBe('postgres://h/db');
	});
});
