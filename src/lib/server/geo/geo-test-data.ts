/**
 * Test helper: the Census ZCTA files shared beside the repository (../shared/data/geo/, see
 * SOURCES.md section 1). When absent, tests that read them are skipped with a visible notice; in
 * CI (`CI=true`) a missing folder is a failure instead, so the real-data checks cannot vanish.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

export const sharedGeoDir = path.resolve(process.cwd(), '../shared/data/geo');
export const philadelphiaZcta = path.join(sharedGeoDir, 'philadelphia_zcta2010.geojson');
export const hasSharedGeoData = existsSync(philadelphiaZcta);
export const readShared = (name: string): unknown => JSON.parse(readFileSync(path.join(sharedGeoDir, name), 'utf8'));

/** `it` when the shared files are present; otherwise a skip (locally) or a failing test (CI). */
export function itWithSharedGeo(): typeof it | typeof it.skip {
	if (hasSharedGeoData) return it;
	if (process.env.CI === 'true') {
		it('finds the shared ZCTA files (required in CI)', () => {
			throw new Error(`The shared ZCTA files are missing at ${sharedGeoDir}; CI must provide them.`);
		});
	} else {
		console.warn(`\n[geo] ${sharedGeoDir} is absent: tests on the real Census ZCTA files are SKIPPED.\n`);
	}
	return it.skip;
}
