/**
 * The ecosystem's geography: ZIP boundaries and youth population uploads (backbone staff, all or
 * nothing), and the program-desert read model. Permission: `ecosystem.assetmap.manage`.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { nowIso } from '../util.js';
import { formats, hiddenBefore, subjects } from '../programs/programs.js';
import { checkBoundaries } from './boundaries.js';
import { problemText, readYouthCsv } from './youth-population.js';
import { rankTallies, type DesertResult } from './deserts.js';
import { packageZipCentroid } from './zip-centroids.js';
import {
	ecosystemFocusGroups,
	geographySummary,
	desertTallies,
	listYouthPopulation,
	listZipAreas,
	replaceYouthPopulation,
	replaceZipAreas,
	type DesertFilters,
	type ZipAreaRow
} from './geo.repository.js';

type Base = { db: Kysely<Database>; actor: Actor; ecosystemId: string };

/**
 * Replaces the ecosystem's ZIP boundaries with a GeoJSON FeatureCollection's. Every feature is
 * checked first (boundaries.ts); one problem anywhere means nothing changes.
 */
export async function uploadZipBoundaries({ db, actor, ecosystemId, document }: Base & { document: unknown }): Promise<Outcome<{ zips: number; replaced: number }>> {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const checked = checkBoundaries(document);
	if (!checked.ok) return invalid(checked.issues);
	return db.transaction().execute(async (trx) => {
		const replaced = await replaceZipAreas(trx, ecosystemId, checked.areas, nowIso());
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'geo.boundaries.upload',
			entityType: 'zip_area',
			summary: `Uploaded the boundaries of ${checked.areas.length} ZIP codes (replacing ${replaced})`,
			detail: { zips: checked.areas.length, replaced }
		});
		return ok({ zips: checked.areas.length, replaced });
	});
}

/**
 * Replaces the ecosystem's youth population figures with a CSV's (zip, group, count, year,
 * source). Every row is checked first; one problem anywhere means nothing changes, and each
 * problem names its row, column and value.
 */
export async function uploadYouthPopulation({ db, actor, ecosystemId, text, fileName = '' }: Base & { text: string; fileName?: string }): Promise<Outcome<{ rows: number; zips: number; replaced: number }>> {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const read = readYouthCsv(text);
	if (!read.ok) {
		const issues = read.problems.slice(0, 200).map((p) => ({ field: 'youth', message: problemText(p) }));
		if (read.problems.length > 200) issues.push({ field: 'youth', message: `…and ${read.problems.length - 200} more problems.` });
		return invalid(issues);
	}
	const zips = new Set(read.rows.map((r) => r.zip)).size;
	return db.transaction().execute(async (trx) => {
		const replaced = await replaceYouthPopulation(
			trx,
			ecosystemId,
			read.rows.map((r) => ({ zip: r.zip, group_key: r.group, youth: r.youth, year: r.year, source: r.source || fileName.slice(0, 200) })),
			nowIso()
		);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'geo.youth.upload',
			entityType: 'zip_youth_population',
			summary: `Uploaded ${read.rows.length} youth population figures for ${zips} ZIP codes (replacing ${replaced})`,
			detail: { rows: read.rows.length, zips, replaced, years: [...new Set(read.rows.map((r) => r.year))].sort() }
		});
		return ok({ rows: read.rows.length, zips, replaced });
	});
}

export async function geographyStatus({ db, actor, ecosystemId }: Base) {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	return geographySummary(db, ecosystemId);
}

/** Age bands of the desert filter: elementary, middle and high-school ages. */
export const ageBands = { '5-10': [5, 10], '11-13': [11, 13], '14-18': [14, 18] } as const satisfies Record<string, [number, number]>;
export type AgeBand = keyof typeof ageBands;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
export const desertFilterSchema = z.object({
	subject: z.preprocess(blankToUndefined, z.enum(subjects, { message: 'Choose a subject from the list.' }).optional()),
	format: z.preprocess(blankToUndefined, z.enum(formats, { message: 'Choose a format from the list.' }).optional()),
	age: z.preprocess(blankToUndefined, z.enum(Object.keys(ageBands) as [AgeBand, ...AgeBand[]], { message: 'Choose an age band from the list.' }).optional()),
	free: z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean())
});
export type DesertFilterInput = z.infer<typeof desertFilterSchema>;

export interface DesertPlace {
	zip: string;
	geometry: ZipAreaRow['geometry'];
	lat: number;
	lon: number;
}
export interface ProgramDeserts extends DesertResult {
	filters: DesertFilterInput;
	/** Problems with the filters (the page shows them and ignores the bad values). */
	filterIssues: { field: string; message: string }[];
	places: DesertPlace[];
	/** 'shapes' when boundaries were uploaded, else 'points' (ZIP centroids). */
	mapKind: 'shapes' | 'points';
	youthSources: { source: string; year: number | null }[];
}

/**
 * Program deserts for the ecosystem's ZIPs: those it uploaded boundaries for, plus those with
 * youth figures. Programs count when families can find them and they match the filters.
 */
export async function programDeserts({ db, actor, ecosystemId, query, now = new Date() }: Base & { query: Record<string, unknown>; now?: Date }): Promise<ProgramDeserts> {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const parsed = validate(desertFilterSchema, query);
	const filters: DesertFilterInput = parsed.ok ? parsed.value : { ...desertFilterSchema.safeParse({ free: query.free }).data!, ...validFields(query) };
	const [areas, figures, focusGroups] = await Promise.all([listZipAreas(db, ecosystemId), listYouthPopulation(db, ecosystemId), ecosystemFocusGroups(db, ecosystemId)]);
	const youth = new Map<string, Map<string, number>>();
	for (const f of figures) {
		const counts = youth.get(f.zip) ?? new Map<string, number>();
		counts.set(f.group_key, f.youth);
		youth.set(f.zip, counts);
	}
	const byZip = new Map(areas.map((a) => [a.zip, a]));
	const places: DesertPlace[] = [];
	for (const zip of new Set([...byZip.keys(), ...youth.keys()])) {
		const area = byZip.get(zip);
		const point = area ? { lat: area.lat, lon: area.lon } : packageZipCentroid(zip);
		if (point) places.push({ zip, geometry: area?.geometry ?? null, ...point });
	}
	const zips = places.map((p) => p.zip);
	// The database sums seats and programs per ZIP; only the ~hundreds of ZIP rows come back.
	const tallies = await desertTallies(db, ecosystemId, desertFiltersOf(filters, now), zips);
	const result = rankTallies({ zips, youth, focusGroups, tallies });
	const sources = [...new Map(figures.map((f) => [`${f.year}|${f.source}`, { source: f.source, year: f.year }])).values()];
	return {
		...result,
		filters,
		filterIssues: parsed.ok ? [] : parsed.issues,
		places: places.sort((a, b) => a.zip.localeCompare(b.zip)),
		mapKind: places.some((p) => p.geometry) ? 'shapes' : 'points',
		youthSources: sources
	};
}

/** The page's filters as the repository takes them; listings hidden by the last-verified rule at `now` never count. */
export function desertFiltersOf(filters: DesertFilterInput, now: Date): DesertFilters {
	return { subject: filters.subject, format: filters.format, freeOnly: filters.free, ages: filters.age ? [...ageBands[filters.age]] : undefined, visibleSince: hiddenBefore(now) };
}

/** The filter fields that are valid on their own, when another is not. */
function validFields(query: Record<string, unknown>): Partial<DesertFilterInput> {
	const out: Partial<DesertFilterInput> = {};
	for (const key of ['subject', 'format', 'age'] as const) {
		const one = desertFilterSchema.shape[key].safeParse(query[key]);
		if (one.success && one.data !== undefined) Object.assign(out, { [key]: one.data });
	}
	return out;
}
