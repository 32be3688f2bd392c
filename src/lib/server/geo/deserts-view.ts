/** The desert page's map and table, in the page's language. */
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { groupLabel } from '../dashboard/dashboard-labels.js';
import type { DesertBand } from './deserts.js';
import type { ProgramDeserts } from './geo.service.js';
import { renderSvgMap } from './svg-map.js';

const intl = (locale: Locale) => (locale === 'es' ? 'es-US' : 'en-US');
export const formatAmount = (n: number, locale: Locale) => new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 1 }).format(n);

/** Darkest where seats are fewest: the legend's order. */
export const bands: DesertBand[] = ['none', 'low', 'mid', 'high', 'nodata'];

export function bandLabel(band: DesertBand, locale: Locale): string {
	const o = { locale };
	switch (band) {
		case 'none':
			return m.desert_band_none({}, o);
		case 'low':
			return m.desert_band_low({}, o);
		case 'mid':
			return m.desert_band_mid({}, o);
		case 'high':
			return m.desert_band_high({}, o);
		default:
			return m.desert_band_nodata({}, o);
	}
}

/**
 * The choropleth: uploaded ZIP shapes filled by band, or, without shapes, a circle at each ZIP's
 * internal point (or the `zipcodes` package's centroid). Each area's tooltip gives its numbers;
 * the table beside it gives the same in text.
 */
export function desertMap(d: ProgramDeserts, locale: Locale): string | null {
	if (d.places.length === 0) return null;
	const rows = new Map(d.rows.map((r) => [r.zip, r]));
	const tip = (zip: string) => {
		const r = rows.get(zip);
		if (!r || r.rate === null) return `${zip}: ${bandLabel('nodata', locale)}`;
		return `${zip}: ${m.desert_map_tip({ rate: formatAmount(r.rate, locale), youth: formatAmount(r.focusYouth ?? 0, locale), measure: d.measure === 'seats' ? m.desert_measure_seats({}, { locale }) : m.desert_measure_programs({}, { locale }) }, { locale })}`;
	};
	const title = m.desert_map_title({}, { locale });
	if (d.mapKind === 'shapes') {
		const areas = d.places.flatMap((p) => (p.geometry ? [{ zip: p.zip, geometry: p.geometry, className: `desert-${rows.get(p.zip)?.band ?? 'nodata'}`, title: tip(p.zip) }] : []));
		return renderSvgMap({ areas, title, id: 'desert-map' });
	}
	const points = d.places.map((p) => ({ lat: p.lat, lon: p.lon, className: `desert-${rows.get(p.zip)?.band ?? 'nodata'}`, title: tip(p.zip) }));
	// A single circle cannot be fitted: frame a few miles around it.
	const only = points.length === 1 ? points[0]! : null;
	const fit: GeoJSON.MultiPoint | undefined = only ? { type: 'MultiPoint', coordinates: [[only.lon - 0.05, only.lat - 0.04], [only.lon + 0.05, only.lat + 0.04]] } : undefined;
	return renderSvgMap({ points, title, id: 'desert-map', fit });
}

export function focusLabel(keys: string[], locale: Locale): string {
	return keys.map((k) => groupLabel(k, locale)).join(locale === 'es' ? ', ' : ', ');
}
