/**
 * ZIP / ZCTA boundaries uploaded as GeoJSON: the checks a file must pass before anything is
 * stored, and what is kept of each feature. Pure: no I/O.
 */
import { geoCentroid, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { FieldIssue } from '../errors.js';
import { rewind } from './svg-map.js';
import { packageZipCentroid } from './zip-centroids.js';
import { distanceMiles } from './distance.js';

/** Properties that may hold the ZIP code, in the order they are tried (Census 2020, 2010, common names). */
export const zipProperties = ['ZCTA5CE20', 'ZCTA5CE10', 'GEOID20', 'ZCTA5', 'zcta5', 'zip', 'ZIP', 'zipcode', 'ZIP_CODE', 'postal_code', 'CODE'] as const;
/** Internal-point properties Census files carry (2020, 2010). */
const internalPoints = [
	['INTPTLAT20', 'INTPTLON20'],
	['INTPTLAT10', 'INTPTLON10']
] as const;

/** More than this many features is not one ecosystem's ZIPs (Census has 33,791 ZCTAs nationwide). */
export const MAX_FEATURES = 2000;
/** A drawn ZIP this far from the `zipcodes` package's point for it is misplaced (swapped or projected coordinates). */
export const MAX_MISPLACED_MILES = 60;
/** Problems listed before the list stops (the count of the rest is still given). */
export const MAX_LISTED = 200;

export interface BoundaryArea {
	zip: string;
	geometry: Polygon | MultiPolygon;
	/** A point inside the area: the Census internal point when given and inside, else the centroid. */
	lat: number;
	lon: number;
}

type Check = { ok: true; areas: BoundaryArea[] } | { ok: false; issues: FieldIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60) ?? String(v));

/** The 5-digit ZIP of a feature's properties, and which property it came from. */
export function zipOf(properties: unknown): { zip: string; property: string } | { zip: null; tried: string } {
	if (isObject(properties)) {
		for (const key of zipProperties) {
			const raw = properties[key];
			const value = typeof raw === 'number' ? String(raw).padStart(5, '0') : typeof raw === 'string' ? raw.trim() : '';
			if (/^\d{5}$/.test(value)) return { zip: value, property: key };
		}
	}
	return { zip: null, tried: zipProperties.join(', ') };
}

function positionProblem(p: unknown): string | null {
	if (!Array.isArray(p) || p.length < 2) return 'a position must be [longitude, latitude]';
	const [lon, lat] = p as unknown[];
	if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return `the position ${describe(p)} is not two numbers`;
	if (lon < -180 || lon > 180) return `the longitude ${lon} is outside −180…180 (are the coordinates projected, not WGS84 longitude/latitude?)`;
	if (lat < -90 || lat > 90) return `the latitude ${lat} is outside −90…90 (are longitude and latitude swapped, or the file projected?)`;
	return null;
}

/** Every problem of one polygon's rings, each named by its place (ring 0 is the outer ring). */
function polygonProblems(rings: unknown, at: string): string[] {
	if (!Array.isArray(rings) || rings.length === 0) return [`${at}: a polygon needs at least one ring of positions`];
	const problems: string[] = [];
	rings.forEach((ring, r) => {
		if (!Array.isArray(ring) || ring.length < 4) {
			problems.push(`${at} ring ${r}: a ring needs at least 4 positions (a closed triangle), it has ${Array.isArray(ring) ? ring.length : 0}`);
			return;
		}
		const bad = ring.map(positionProblem).find((p) => p !== null);
		if (bad) {
			problems.push(`${at} ring ${r}: ${bad}`);
			return;
		}
		const first = ring[0] as Position;
		const last = ring[ring.length - 1] as Position;
		if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${at} ring ${r}: the ring is not closed (its last position must repeat its first)`);
	});
	return problems;
}

function geometryProblems(geometry: unknown): string[] {
	if (!isObject(geometry)) return ['the feature has no geometry'];
	if (geometry.type === 'Polygon') return polygonProblems(geometry.coordinates, 'polygon');
	if (geometry.type === 'MultiPolygon') {
		const polys = geometry.coordinates;
		if (!Array.isArray(polys) || polys.length === 0) return ['a MultiPolygon needs at least one polygon'];
		return polys.flatMap((poly, i) => polygonProblems(poly, `polygon ${i}`));
	}
	return [`the geometry is a ${describe(geometry.type)}; only Polygon and MultiPolygon describe a ZIP area`];
}

function internalPoint(properties: Record<string, unknown>, geometry: Polygon | MultiPolygon): { lat: number; lon: number } {
	const shape = rewind(geometry);
	for (const [latKey, lonKey] of internalPoints) {
		const lat = Number(properties[latKey]);
		const lon = Number(properties[lonKey]);
		if (properties[latKey] !== undefined && Number.isFinite(lat) && Number.isFinite(lon) && geoContains(shape, [lon, lat])) return { lat, lon };
	}
	const [lon, lat] = geoCentroid(shape);
	return { lat, lon };
}

/**
 * Checks a parsed GeoJSON document: a FeatureCollection of Polygon / MultiPolygon features, each
 * with a 5-digit ZIP in one of `zipProperties`, every position a WGS84 longitude/latitude, each
 * ZIP once. Every problem is listed (up to MAX_LISTED, then a count); the areas are returned only
 * when there is none.
 */
export function checkBoundaries(document: unknown): Check {
	if (!isObject(document) || document.type !== 'FeatureCollection') {
		return { ok: false, issues: [{ field: 'file', message: `The file must be a GeoJSON FeatureCollection; its "type" is ${describe(isObject(document) ? document.type : document)}.` }] };
	}
	const features = document.features;
	if (!Array.isArray(features) || features.length === 0) return { ok: false, issues: [{ field: 'file', message: 'The FeatureCollection holds no features.' }] };
	if (features.length > MAX_FEATURES) return { ok: false, issues: [{ field: 'file', message: `The file holds ${features.length} features; one ecosystem’s boundaries may have at most ${MAX_FEATURES}. Keep only your region’s ZIPs.` }] };

	const messages: string[] = [];
	const areas: BoundaryArea[] = [];
	const seen = new Map<string, number>();
	features.forEach((feature, i) => {
		const at = `features[${i}]`;
		if (!isObject(feature) || feature.type !== 'Feature') {
			messages.push(`${at}: not a GeoJSON Feature (its "type" is ${describe(isObject(feature) ? feature.type : feature)}).`);
			return;
		}
		const found = zipOf(feature.properties);
		const label = found.zip ? `${at} (ZIP ${found.zip})` : at;
		if (found.zip === null) messages.push(`${at}: no 5-digit ZIP code in its properties (looked in ${found.tried}).`);
		else if (seen.has(found.zip)) messages.push(`${label}: ZIP ${found.zip} appears twice (also features[${seen.get(found.zip)}]); merge its parts into one MultiPolygon.`);
		else seen.set(found.zip, i);
		const problems = geometryProblems(feature.geometry);
		for (const p of problems) messages.push(`${label}: ${p}.`);
		if (found.zip && problems.length === 0) {
			const geometry = feature.geometry as Polygon | MultiPolygon;
			const point = internalPoint(isObject(feature.properties) ? feature.properties : {}, geometry);
			const known = packageZipCentroid(found.zip);
			const off = known ? distanceMiles(known, point) : 0;
			if (off > MAX_MISPLACED_MILES) {
				messages.push(`${label}: the shape lies ${Math.round(off)} miles from where ZIP ${found.zip} is (${point.lat.toFixed(2)}, ${point.lon.toFixed(2)} instead of about ${known!.lat.toFixed(2)}, ${known!.lon.toFixed(2)}); are longitude and latitude swapped?`);
			} else areas.push({ zip: found.zip, geometry, ...point });
		}
	});
	if (messages.length === 0) return { ok: true, areas: areas.sort((a, b) => a.zip.localeCompare(b.zip)) };
	const issues = messages.slice(0, MAX_LISTED).map((message) => ({ field: 'file', message }));
	if (messages.length > MAX_LISTED) issues.push({ field: 'file', message: `…and ${messages.length - MAX_LISTED} more problems.` });
	return { ok: false, issues };
}
