import { describe, expect, it } from 'vitest';
import { rankDeserts } from './deserts.js';
import { desertMap } from './deserts-view.js';
import type { ProgramDeserts } from './geo.service.js';

const square = (lon: number, lat: number, d = 0.01) => ({ type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });

function deserts(places: ProgramDeserts['places']): ProgramDeserts {
	const youth = new Map([
		['19104', new Map([['all', 1000]])],
		['19121', new Map([['all', 2000]])]
	]);
	const result = rankDeserts({ zips: places.map((p) => p.zip), youth, focusGroups: [], programs: [{ id: 'a', capacity: 30, zips: ['19104'] }] });
	return { ...result, filters: { free: false }, filterIssues: [], places, mapKind: places.some((p) => p.geometry) ? 'shapes' : 'points', youthSources: [] };
}

describe('desertMap', () => {
	it('fills each uploaded ZIP shape by its band, with its numbers in words', () => {
		const svg = desertMap(deserts([
			{ zip: '19104', geometry: square(-75.2, 39.95), lat: 39.955, lon: -75.195 },
			{ zip: '19121', geometry: square(-75.18, 39.98), lat: 39.985, lon: -75.175 }
		]), 'en')!;
		expect(svg).toMatch(/^<svg class="svg-map"[^>]*role="img" aria-labelledby="desert-map-title"><title id="desert-map-title">Program deserts by ZIP code<\/title>/);
		expect(svg).toContain('<path class="desert-high" d="M');
		expect(svg).toContain('<title>19104: 30 seats per 1,000 focus-group youth (1,000 youth)</title>');
		expect(svg).toContain('<path class="desert-none" d="M');
		expect(svg).not.toContain('NaN');
	});

	it('draws a circle per ZIP without shapes, and frames a single one', () => {
		const svg = desertMap(deserts([{ zip: '19121', geometry: null, lat: 39.98, lon: -75.17 }]), 'es')!;
		expect(svg).toMatch(/<circle class="desert-none" cx="\d+(\.\d)?" cy="\d+(\.\d)?" r="5"><title>19121: 0 plazas por cada 1\.000 jóvenes/);
		expect(svg).not.toContain('NaN');
	});

	it('draws nothing when there is no ZIP', () => {
		expect(desertMap(deserts([]), 'en')).toBeNull();
	});
});
