import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export interface MapArea {
	zip: string;
	geometry: Geometry;
	/** A CSS class for the fill (e.g. a choropleth bin); 'area' when not given. */
	className?: string;
	title?: string;
}
export interface MapPoint {
	lat: number;
	lon: number;
	className?: string;
	title?: string;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * An SVG map drawn on the server (no script, no inline style: classes only, so it passes the
 * strict CSP and prints). The view fits `fit` (default: everything drawn); areas outside are
 * clipped by the viewBox.
 */
export function renderSvgMap({
	width = 640,
	height = 480,
	areas = [],
	points = [],
	fit,
	title,
	id
}: {
	width?: number;
	height?: number;
	areas?: MapArea[];
	points?: MapPoint[];
	fit?: GeoPermissibleObjects;
	title: string;
	id: string;
}): string {
	const pointFeatures: Feature[] = points.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
	const areaFeatures: Feature[] = areas.map((a) => ({ type: 'Feature', properties: {}, geometry: rewind(a.geometry) }));
	const everything: FeatureCollection = { type: 'FeatureCollection', features: [...areaFeatures, ...pointFeatures] };
	const target = fit ?? everything;
	const projection = geoMercator();
	if (everything.features.length) projection.fitExtent([[12, 12], [width - 12, height - 12]], target);
	const path = geoPath(projection);
	const parts: string[] = [];
	areas.forEach((a, i) => {
		const d = path(areaFeatures[i]!);
		if (!d) return;
		parts.push(`<path class="${a.className ?? 'area'}" d="${d}">${a.title ? `<title>${escapeXml(a.title)}</title>` : ''}</path>`);
	});
	for (const p of points) {
		const xy = projection([p.lon, p.lat]);
		if (!xy) continue;
		parts.push(
			`<circle class="${p.className ?? 'point'}" cx="${xy[0].toFixed(1)}" cy="${xy[1].toFixed(1)}" r="5">${p.title ? `<title>${escapeXml(p.title)}</title>` : ''}</circle>`
		);
	}
	return `<svg class="svg-map" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title"><title id="${id}-title">${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

/**
 * d3-geo reads rings wound clockwise as the area they enclose; RFC 7946 GeoJSON (as the Census
 * files are) winds them the other way, which d3 takes as "the whole globe minus this ZIP". A
 * polygon covering more than a hemisphere is such a case, so its rings are reversed.
 */
export function rewind(geometry: Geometry): Geometry {
	if (geometry.type === 'Polygon') {
		return geoArea(geometry) > 2 * Math.PI ? { ...geometry, coordinates: geometry.coordinates.map((ring) => [...ring].reverse()) } : geometry;
	}
	if (geometry.type === 'MultiPolygon') {
		return { ...geometry, coordinates: geometry.coordinates.map((poly) => (geoArea({ type: 'Polygon', coordinates: poly }) > 2 * Math.PI ? poly.map((ring) => [...ring].reverse()) : poly)) };
	}
	return geometry;
}
