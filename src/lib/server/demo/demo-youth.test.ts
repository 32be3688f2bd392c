import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { acs2013, demoYouthFigures } from './demo-youth.js';
import { itWithSharedGeo, sharedGeoDir } from '../geo/geo-test-data.js';
import { focusYouth } from '../geo/deserts.js';

describe('demo youth population', () => {
	itWithSharedGeo()('copies the ACS 2013 figures of every demo ZCTA verbatim from the shared file', () => {
		const text = readFileSync(path.join(sharedGeoDir, '../census/zcta_acs2013_5yr_race_ethnicity_phl_pdx.csv'), 'utf8');
		const lines = text.trim().split('\n').slice(1).map((l) => l.split(','));
		const fromFile = lines.map(([zip, region, , total, , black, , hispanic]) => [region, zip, Number(total), black === 'NA' ? null : Number(black), hispanic === 'NA' ? null : Number(hispanic)]);
		const seeded = Object.entries(acs2013).flatMap(([region, rows]) => rows.map(([zip, total, black, hispanic]) => [region, zip, total, black, hispanic]));
		expect(seeded).toEqual(fromFile);
		expect(acs2013.philadelphia).toHaveLength(48);
		expect(acs2013.portland_metro).toHaveLength(107);
	});

	itWithSharedGeo()('derives youth with the stated shares: 19104 (52,800 residents, 40% Black, 5% Hispanic)', () => {
		const figures = new Map(demoYouthFigures('philadelphia').filter((f) => f.zip === '19104').map((f) => [f.group_key, f.youth]));
		expect(Object.fromEntries(figures)).toEqual({ all: 8976, female: 4398, black: 3590, 'black:female': 1759, hispanic: 449, 'hispanic:female': 220 });
		// The demo's focus groups (black, hispanic, female and the two intersections) count 3,590 + 449 + 4,398 − 1,759 − 220.
		expect(focusYouth(figures, ['black', 'hispanic', 'female', 'black:female', 'hispanic:female']).youth).toBe(6458);
		const empty = demoYouthFigures('philadelphia').filter((f) => f.zip === '19109');
		expect(empty.map((f) => [f.group_key, f.youth])).toEqual([['all', 0], ['female', 0]]);
	});
});
