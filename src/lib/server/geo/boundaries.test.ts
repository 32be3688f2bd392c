import { describe, expect, it } from 'vitest';
import { geoContains } from 'd3-geo';
import { checkBoundaries, zipOf } from './boundaries.js';
import { rewind } from './svg-map.js';
import { itWithSharedGeo, readShared } from './geo-test-data.js';

const square = (lon: number, lat: number, d = 0.01) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const messages = (doc: unknown) => {
	const out = checkBoundaries(doc);
	return out.ok ? [] : out.issues.map((i) => i.message);
};

describe('zipOf', () => {
	it.each([
		[{ ZCTA5CE20: '19104' }, '19104'],
		[{ ZCTA5CE10: '19104', GEOID10: '4219104' }, '19104'],
		[{ GEOID20: '02134' }, '02134'],
		[{ zip: 2134 }, '02134'],
		[{ CODE: '19104' }, '19104'],
		[{ GEOID10: '4219104' }, null],
		[{ zip: '1910' }, null],
		[null, null]
	])('%j → %s', (properties, zip) => expect(zipOf(properties).zip).toBe(zip));
});

describe('checkBoundaries', () => {
	it('keeps polygons and multipolygons, sorted by ZIP, with a point inside each', () => {
		const out = checkBoundaries(
			collection(
				feature({ zip: '19104' }, { type: 'Polygon', coordinates: square(-75.2, 39.95) }),
				feature({ ZCTA5CE10: '19103', INTPTLAT10: '+39.9525', INTPTLON10: '-075.1725' }, { type: 'MultiPolygon', coordinates: [square(-75.18, 39.945), square(-75.1, 39.9)] })
			)
		);
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.areas.map((a) => a.zip)).toEqual(['19103', '19104']);
		expect(out.areas[0]).toMatchObject({ lat: 39.9525, lon: -75.1725 });
		expect(out.areas[1]!.lat).toBeCloseTo(39.955, 3);
	});

	it('refuses a latitude beyond the poles', () => {
		expect(messages(collection(feature({ zip: '19104' }, { type: 'Polygon', coordinates: [[[-75.2, 95], [-75.1, 95], [-75.1, 96], [-75.2, 95]]] })))).toEqual([
			'features[0] (ZIP 19104): polygon ring 0: the latitude 95 is outside −90…90 (are longitude and latitude swapped, or the file projected?).'
		]);
	});

	it('ignores a Census internal point that lies outside the shape', () => {
		const out = checkBoundaries(collection(feature({ zip: '19104', INTPTLAT10: '10', INTPTLON10: '10' }, { type: 'Polygon', coordinates: square(-75.2, 39.95) })));
		expect(out.ok && out.areas[0]!.lat).toBeCloseTo(39.955, 3);
	});

	it.each([
		['an array', [], 'must be a GeoJSON FeatureCollection'],
		['a single Feature', feature({ zip: '19104' }, { type: 'Polygon', coordinates: square(-75.2, 39.95) }), 'its "type" is "Feature"'],
		['an empty collection', collection(), 'holds no features']
	])('refuses %s', (_name, doc, words) => {
		expect(messages(doc)).toEqual([expect.stringContaining(words)]);
	});

	it('lists every problem of every feature and keeps nothing', () => {
		const doc = collection(
			feature({ zip: '19104' }, { type: 'Polygon', coordinates: square(-75.2, 39.95) }),
			feature({ name: 'no zip' }, { type: 'Polygon', coordinates: square(-75.2, 39.95) }),
			feature({ zip: '19105' }, { type: 'Point', coordinates: [-75.2, 39.95] }),
			feature({ zip: '19106' }, { type: 'Polygon', coordinates: [[[2690000, 230000], [2700000, 230000], [2700000, 240000], [2690000, 230000]]] }),
			feature({ zip: '19107' }, { type: 'Polygon', coordinates: [[[-75.2, 39.9], [-75.1, 39.9], [-75.1, 40], [-75.2, 40.1]]] }),
			feature({ zip: '19108' }, { type: 'Polygon', coordinates: [[[-75.2, 39.9], [-75.1, 39.9], [-75.2, 39.9]]] }),
			feature({ zip: '19104' }, { type: 'Polygon', coordinates: square(-75.3, 39.95) }),
			feature({ zip: '19103' }, { type: 'Polygon', coordinates: [[[39.95, -75.2], [39.96, -75.2], [39.96, -75.19], [39.95, -75.2]]] }),
			{ type: 'Topology' }
		);
		expect(checkBoundaries(doc).ok).toBe(false);
		expect(messages(doc)).toEqual([
			'features[1]: no 5-digit ZIP code in its properties (looked in ZCTA5CE20, ZCTA5CE10, GEOID20, ZCTA5, zcta5, zip, ZIP, zipcode, ZIP_CODE, postal_code, CODE).',
			'features[2] (ZIP 19105): the geometry is a "Point"; only Polygon and MultiPolygon describe a ZIP area.',
			'features[3] (ZIP 19106): polygon ring 0: the longitude 2690000 is outside −180…180 (are the coordinates projected, not WGS84 longitude/latitude?).',
			'features[4] (ZIP 19107): polygon ring 0: the ring is not closed (its last position must repeat its first).',
			'features[5] (ZIP 19108): polygon ring 0: a ring needs at least 4 positions (a closed triangle), it has 3.',
			'features[6] (ZIP 19104): ZIP 19104 appears twice (also features[0]); merge its parts into one MultiPolygon.',
			expect.stringMatching(/^features\[7\] \(ZIP 19103\): the shape lies \d+ miles from where ZIP 19103 is \(-75\.20, 39\.9\d instead of about 39\.95, -75\.17\); are longitude and latitude swapped\?$/),
			'features[8]: not a GeoJSON Feature (its "type" is "Topology").'
		]);
	});

	it('stops listing after 200 problems and says how many more', () => {
		const doc = collection(...Array.from({ length: 250 }, () => feature({}, { type: 'Polygon', coordinates: square(-75.2, 39.95) })));
		const list = messages(doc);
		expect(list).toHaveLength(201);
		expect(list.at(-1)).toBe('…and 50 more problems.');
	});

	itWithSharedGeo()('accepts the Census 2010 ZCTA files of Philadelphia (48 ZIPs) and Portland metro (107)', () => {
		const phl = checkBoundaries(readShared('philadelphia_zcta2010.geojson'));
		expect(phl.ok).toBe(true);
		if (!phl.ok) return;
		expect(phl.areas).toHaveLength(48);
		expect(phl.areas.map((a) => a.zip)).toContain('19104');
		// Each kept point is inside its own area (the Census internal point).
		for (const a of phl.areas) expect(geoContains(rewind(a.geometry), [a.lon, a.lat]), a.zip).toBe(true);
		const pdx = checkBoundaries(readShared('portland_metro_zcta2010.geojson'));
		expect(pdx.ok && pdx.areas.length).toBe(107);
	});

	itWithSharedGeo()('accepts the City of Philadelphia’s own ZIP polygons (CODE property)', () => {
		const city = checkBoundaries(readShared('philadelphia_zipcodes_city_opendataphilly.geojson'));
		if (!city.ok) throw new Error(city.issues.map((i) => i.message).join('\n'));
		expect(city.areas.length).toBeGreaterThan(40);
	});
});
