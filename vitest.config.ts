import { defineConfig } from 'vitest/config';
import { planPostgres } from './src/lib/server/testing/postgres-plan.js';

// The journeys of the areas whose issues ask for "SQLite and PostgreSQL" run in the browser twice:
// on the SQLite server (`e2e`) and, when the PostgreSQL suites run, on a PostgreSQL one.
const postgres = await planPostgres();
const journeysOnPostgres = ['tests/e2e/stories/**/*.test.ts', 'tests/e2e/events/**/*.test.ts', 'tests/e2e/agenda/**/*.test.ts', 'tests/e2e/educators/**/*.test.ts', 'tests/e2e/careers/**/*.test.ts'];

/**
 * Projects: `unit` (pure cores, and repositories/services on SQLite and PostgreSQL), `e2e` (a
 * built server on SQLite driven over HTTP and by Chromium) and, when PostgreSQL runs,
 * `e2e-postgres` (the journeys again on a server using PostgreSQL, after the others). `npm test`
 * runs them all.
 */
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
					environment: 'node',
					// Probes PostgreSQL once: database suites run on it, or are skipped with a banner.
					globalSetup: ['src/lib/server/testing/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					// Page walks (axe on every page, in two languages) take minutes on a loaded 2-core CI machine.
					testTimeout: 240_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			...(postgres.run
				? [
						{
							test: {
								name: 'e2e-postgres',
								include: journeysOnPostgres,
								environment: 'node',
								globalSetup: ['tests/e2e/global-setup.ts'],
								testTimeout: 240_000,
								hookTimeout: 120_000,
								fileParallelism: false,
								sequence: { groupOrder: 1 }
							}
						}
					]
				: [])
		]
	}
});
