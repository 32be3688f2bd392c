import type { Kysely } from 'kysely';
import { distanceMiles } from '../geo/distance.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../errors.js';
import { findPartnerById } from '../partners/partners.repository.js';
import { childrenOf, type LocationRow, type ScheduleRow } from './programs.repository.js';
import { matchingIdsByName, wordsShouldLead, searchProgramPlaces, searchPrograms, type FinderFilters, type FinderRow } from './finder.repository.js';
import { COUNT_CAP, DEFAULT_RADIUS, PAGE_SIZE, parseFinderQuery, type FinderQuery } from './finder.js';

/** Which index leads a search by distance: words or box, whichever holds fewer (counted up to this). */
const PLACES_PER_PASS = 20_000;
import { hiddenBefore, latitudeSpan, longitudeSpan, searchWords, verificationState } from './programs.js';
import { zipPoint } from './programs.service.js';
import { listZipAreas } from '../geo/geo.repository.js';
import { renderSvgMap } from '../geo/svg-map.js';

/** Miles to a place, or null for a place with no coordinates. */
function milesFrom(origin: { lat: number; lon: number }, place: LocationRow): number | null {
	return place.latitude === null || place.longitude === null ? null : distanceMiles(origin, { lat: Number(place.latitude), lon: Number(place.longitude) });
}

export interface FinderResult {
	program: FinderRow;
	locations: LocationRow[];
	schedules: ScheduleRow[];
	/** Miles from the family's ZIP to the nearest place, when they gave one. */
	distance: number | null;
}

/**
 * The public family finder: every filter in the database (the radius as a latitude/longitude
 * box), then exact distances to each program's nearest place, nearest first.
 */
export async function findPrograms({ db, ecosystemId, params, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; params: URLSearchParams; now?: Date }) {
	const { query, dropped } = parseFinderQuery(params);
	const radius = query.radius ?? DEFAULT_RADIUS;
	const origin = query.zip ? await zipPoint(db, ecosystemId, query.zip) : undefined;
	const unknownZip = query.zip && !origin ? query.zip : null;
	const filters: FinderFilters = {
		words: searchWords(query.q ?? ''),
		subject: query.subject,
		freeOnly: query.free === '1',
		language: query.language,
		format: query.format,
		age: query.age,
		grade: query.grade,
		day: query.day,
		time: query.time,
		visibleSince: hiddenBefore(now),
		box: origin
			? {
					minLat: origin.lat - latitudeSpan(radius),
					maxLat: origin.lat + latitudeSpan(radius),
					minLon: origin.lon - longitudeSpan(radius, origin.lat),
					maxLon: origin.lon + longitudeSpan(radius, origin.lat)
				}
			: undefined
	};
	const page = query.page ?? 1;
	const need = page * PAGE_SIZE;
	let total: number;
	let more = false;
	let shown: { program: FinderRow; distance: number | null }[];
	// The page's programs in full: they already matched every filter, so only visibility is checked again.
	const readPage = async (ids: string[]) => new Map((await searchPrograms(db, ecosystemId, { words: [], visibleSince: filters.visibleSince, programIds: ids }, PAGE_SIZE)).map((r) => [r.id, r]));
	if (origin && filters.box) {
		// Within the radius, nearest first. Words rarer than the places in the box lead (their
		// matches' places are looked up); otherwise the box does. With no filter but the ZIP, the
		// box grows from a sixteenth of the radius: once a smaller circle already holds more than
		// the count shown and the page, the nearest are all inside it (with filters, matches are
		// sparse and one pass over the whole box is cheaper). Every candidate gets its exact
		// distance (narrow rows); only the page shown is then read in full.
		const wordsFirst = await wordsShouldLead(db, ecosystemId, { ...filters, box: filters.box }, PLACES_PER_PASS);
		const unfiltered = !filters.words.length && Object.entries(query).every(([key, value]) => value === undefined || ['zip', 'radius', 'page'].includes(key));
		const rings = unfiltered ? [radius / 16, radius / 8, radius / 4, radius / 2, radius] : [radius];
		let ranked: [string, { name: string; distance: number }][] = [];
		const enough = Math.max(COUNT_CAP, need);
		for (let r = 0; r < rings.length; r++) {
			const ring = rings[r]!;
			const box = { minLat: origin.lat - latitudeSpan(ring), maxLat: origin.lat + latitudeSpan(ring), minLon: origin.lon - longitudeSpan(ring, origin.lat), maxLon: origin.lon + longitudeSpan(ring, origin.lat) };
			const candidates = await searchProgramPlaces(db, ecosystemId, { ...filters, box: ring === radius ? filters.box : box }, wordsFirst);
			const nearest = new Map<string, { name: string; distance: number }>();
			for (const c of candidates) {
				if (c.latitude === null || c.longitude === null) continue;
				const distance = distanceMiles(origin, { lat: Number(c.latitude), lon: Number(c.longitude) });
				const seen = nearest.get(c.id);
				if (distance <= ring && (!seen || distance < seen.distance)) nearest.set(c.id, { name: c.name, distance });
			}
			ranked = [...nearest.entries()];
			if (ring === radius) break;
			if (ranked.length > enough) {
				more = true;
				break;
			}
			// Skip the rings that, at the density found so far, would not hold enough either: each
			// is read in full, so reading one too small costs time (never a different answer).
			while (r + 2 < rings.length && ranked.length * (rings[r + 1]! / ring) ** 2 <= enough) r++;
		}
		ranked.sort((a, b) => a[1].distance - b[1].distance || a[1].name.localeCompare(b[1].name) || a[0].localeCompare(b[0]));
		total = more ? COUNT_CAP : ranked.length;
		const pageIds = ranked.slice((page - 1) * PAGE_SIZE, need);
		const rows = await readPage(pageIds.map(([id]) => id));
		shown = pageIds.flatMap(([id, n]) => {
			const program = rows.get(id);
			return program ? [{ program, distance: n.distance }] : [];
		});
	} else {
		// By name. One narrow query reads up to one more match than the count shown: when there
		// are no more than that, it is the exact count and every page's order; when there are
		// more, the count shows as "more than" and the page is read walking the name index.
		const ids = await matchingIdsByName(db, ecosystemId, filters, COUNT_CAP + 1);
		more = ids.length > COUNT_CAP;
		total = more ? COUNT_CAP : ids.length;
		if (more) shown = (await searchPrograms(db, ecosystemId, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE)).map((program) => ({ program, distance: null }));
		else {
			const pageIds = ids.slice((page - 1) * PAGE_SIZE, need);
			const rows = await readPage(pageIds);
			shown = pageIds.flatMap((id) => (rows.has(id) ? [{ program: rows.get(id)!, distance: null }] : []));
		}
	}
	const { locations, schedules } = await childrenOf(db, ecosystemId, shown.map((r) => r.program.id));
	const results: FinderResult[] = shown.map(({ program, distance }) => ({ program, locations: locations.get(program.id) ?? [], schedules: schedules.get(program.id) ?? [], distance }));
	return {
		query: { ...query, radius } satisfies FinderQuery,
		dropped,
		origin: origin && query.zip ? { zip: query.zip, ...origin } : null,
		unknownZip,
		/** The matches, or COUNT_CAP when there are more than that (`more`). */
		total,
		more,
		page,
		// Past the counted matches, each full page links to the next one.
		pageCount: more ? Math.max(Math.ceil(COUNT_CAP / PAGE_SIZE), page + (shown.length === PAGE_SIZE ? 1 : 0)) : Math.max(1, Math.ceil(total / PAGE_SIZE)),
		results
	};
}

/** One program's public page: only listings families may see (running, and not past the grace period). */
export async function getPublicProgram({
	db,
	ecosystemId,
	programId,
	zip,
	now = new Date()
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	programId: string;
	zip?: string | null;
	now?: Date;
}) {
	const [row] = await searchPrograms(db, ecosystemId, { words: [], programId, visibleSince: hiddenBefore(now) }, 1);
	if (!row) throw new DomainError('PROGRAM_NOT_FOUND');
	const partner = await findPartnerById(db, ecosystemId, row.partner_id);
	if (!partner) throw new DomainError('PROGRAM_NOT_FOUND');
	const { locations, schedules } = await childrenOf(db, ecosystemId, [row.id]);
	const places = locations.get(row.id) ?? [];
	const origin = zip && /^\d{5}$/.test(zip) ? await zipPoint(db, ecosystemId, zip) : undefined;
	return {
		program: row,
		partner,
		locations: places.map((l) => ({ ...l, distance: origin ? milesFrom(origin, l) : null })),
		schedules: schedules.get(row.id) ?? [],
		verification: verificationState(row.last_verified_at, row.created_at, now)
	};
}

/**
 * The results map: the ecosystem's ZIP boundaries when it uploaded them, otherwise nothing under
 * the dots but the family's ZIP; each place a dot, the family's ZIP a ringed dot.
 */
export async function renderFinderMap({
	db,
	ecosystemId,
	results,
	origin,
	title
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	results: FinderResult[];
	origin: { lat: number; lon: number } | null;
	title: string;
}): Promise<string | null> {
	const places = results.flatMap((r) => r.locations.flatMap((l) => (l.latitude === null || l.longitude === null ? [] : [{ lat: Number(l.latitude), lon: Number(l.longitude), title: r.program.name }])));
	if (places.length === 0) return null;
	const areas = (await listZipAreas(db, ecosystemId)).flatMap((a) => (a.geometry ? [{ zip: a.zip, geometry: a.geometry, title: a.zip }] : []));
	const shown = [...places, ...(origin ? [{ ...origin, className: 'origin' }] : [])];
	const fit: GeoJSON.FeatureCollection = {
		type: 'FeatureCollection',
		features: shown.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }))
	};
	// A single dot cannot be fitted: pad the view by about a mile around it.
	if (shown.length === 1) {
		const p = shown[0]!;
		fit.features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[p.lon - 0.02, p.lat - 0.015], [p.lon + 0.02, p.lat + 0.015]] } });
	}
	return renderSvgMap({ areas, points: shown, fit, title, id: 'finder-map' });
}
