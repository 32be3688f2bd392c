/**
 * Test helper: the real ACS 1-year files shared beside the repository
 * (../shared/data/census/acs1-state/, see SOURCES.md section 7).
 *
 * When the folder is absent, tests that read it are skipped with a visible notice; in CI
 * (`CI=true`) a missing folder is a failure instead, so the real-data checks cannot silently vanish.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

export const sharedCensusDir = path.resolve(process.cwd(), '../shared/data/census/acs1-state');
export const hasSharedCensusData = existsSync(sharedCensusDir);
export const censusYears = [2015, 2016, 2017, 2018] as const;

export const dataFile = (year: number, table: string) => path.join(sharedCensusDir, `acs1_${year}_${table}_pa_or.csv`);
export const legendFile = (year: number, table: string) => path.join(sharedCensusDir, `acs1_${year}_${table}_legend.csv`);

/** `it` when the shared files are present; otherwise a skip (locally) or a failing test (CI). */
export function itWithSharedData(): typeof it | typeof it.skip {
	if (hasSharedCensusData) return it;
	if (process.env.CI === 'true') {
		it('finds the shared Census files (required in CI)', () => {
			throw new Error(`The shared Census files are missing at ${sharedCensusDir}; CI must provide them.`);
		});
	} else {
		console.warn(`\n[census] ${sharedCensusDir} is absent: tests on the real ACS files are SKIPPED.\n`);
	}
	return it.skip;
}

/** Reads one value straight from a file's text, independently of the CSV reader under test. */
export function rawValue(csvText: string, state: string, column: string): string {
	const [header, ...rows] = csvText.trim().split('\n').map((line) => line.split(','));
	const h = header ?? [];
	const row = rows.find((r) => r[h.lastIndexOf('state')] === state);
	const i = h.indexOf(column);
	if (!row || i === -1) throw new Error(`No ${column} for state ${state}`);
	return row[i] as string;
}
