import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure cores, and repositories/services on SQLite and PostgreSQL) and
 * `e2e` (a built server driven over HTTP and by Chromium). `npm test` runs both.
 */
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
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
			}
		]
	}
});
