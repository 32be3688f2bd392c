import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../util.js';
import * as repo from './careers.repository.js';
import { careerAreas, isCareerArea, parseOnetStemCsv } from './occupations.js';
import { areaProgramSubjects, parseSlbr1Education, pathwayMetric, typicalEducation } from './pathways.js';
import { DomainError } from '../errors.js';
import { searchOpportunities } from '../opportunities/opportunities.service.js';
import { searchPrograms } from '../programs/finder.repository.js';
import { hiddenBefore } from '../programs/programs.js';
import { loadDashboardInput } from '../dashboard/dashboard.service.js';
import { publicIndexes, type IndexRow } from '../dashboard/dashboard.js';

/** Where the O*NET "All STEM occupations" file sits beside a checkout (see ../shared/data/SOURCES.md §4). */
export const SHARED_ONET_FILE = '../shared/data/taxonomy/onet_all_stem_occupations.csv';

export type OccupationImport = { ok: true; imported: number } | { ok: false; problems: string[] };

/**
 * Loads O*NET's STEM occupation list into the shared `occupation` table, all or nothing. Run by
 * `npm run import:occupations` and by the demo seed; not a use-case of any ecosystem role, since
 * the list is national reference data.
 */
export async function importOccupationsFile({ db, file }: { db: Kysely<Database>; file: string }): Promise<OccupationImport> {
	const parsed = parseOnetStemCsv(await readFile(file, 'utf8'));
	if (!parsed.ok) return parsed;
	const source = `O*NET OnLine, All STEM occupations (${file.split('/').pop()})`;
	await db.transaction().execute((trx) => repo.upsertOccupations(trx, parsed.occupations, source, nowIso()));
	return { ok: true, imported: parsed.occupations.length };
}

export async function listOccupations({ db, area }: { db: Kysely<Database>; area?: string }) {
	return repo.listOccupations(db, area);
}

/** Where NCSES's table SLBR-1 sits beside a checkout (../shared/data/SOURCES.md §3). */
export const SHARED_EDUCATION_FILE = '../shared/data/stem-workforce/ncses_slbr1_occupations_stem_classification_2021.csv';

/**
 * Loads how many people in each career area's STEM occupations hold a bachelor's degree or more
 * (NCSES SLBR-1, ACS 2021) into `career_area_education`, all or nothing. National reference data
 * like the occupations; run by `npm run import:occupations` and the demo seed.
 */
export async function importAreaEducationFile({ db, file }: { db: Kysely<Database>; file: string }): Promise<OccupationImport> {
	const parsed = parseSlbr1Education(await readFile(file, 'utf8'));
	if (!parsed.ok) return parsed;
	const source = `NCSES, Science and Engineering Indicators, table SLBR-1: employed adults by occupation and educational attainment, ACS ${parsed.year} (${file.split('/').pop()})`;
	await db.transaction().execute((trx) => repo.upsertAreaEducation(trx, parsed.areas, parsed.year, source, nowIso()));
	return { ok: true, imported: parsed.areas.length };
}

/** The career pathway index: every STEM career area with its number of occupations and typical education. Public. */
export async function listCareerPathways({ db }: { db: Kysely<Database> }) {
	const [counts, education] = await Promise.all([repo.countOccupationsByArea(db), repo.listAreaEducation(db)]);
	return careerAreas.map((area) => ({
		area,
		occupations: counts.get(area) ?? 0,
		education: typicalEducation(education.find((e) => e.major_group === area))
	}));
}

/**
 * One career area's pathway page (public, so no permission check): its occupations, typical
 * education, the ecosystem's programs and open opportunities that lead toward it (rules in
 * pathways.ts), and the Access Index of its occupation group read through the dashboard's public
 * read model, so every number is the suppressed one the dashboard shows.
 */
export async function getCareerPathway({ db, ecosystemId, area, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; area: string; now?: Date }) {
	if (!isCareerArea(area)) throw new DomainError('NOT_FOUND', 'There is no STEM career area at that address.');
	const [occupations, education, opportunities, measurement] = await Promise.all([
		repo.listOccupations(db, area),
		repo.listAreaEducation(db),
		searchOpportunities({ db, ecosystemId, search: { q: '', kind: null, area, audience: null, age: null, paidOnly: false }, today: now.toISOString().slice(0, 10) }),
		loadDashboardInput(db, ecosystemId)
	]);
	const programs = new Map<string, Awaited<ReturnType<typeof searchPrograms>>[number]>();
	for (const subject of areaProgramSubjects[area]) {
		for (const p of await searchPrograms(db, ecosystemId, { words: [], subject, visibleSince: hiddenBefore(now) }, 50)) programs.set(p.id, p);
	}
	const educationRow = education.find((e) => e.major_group === area);
	let accessIndex: { metric: { name: string; nameEs: string | null; source: string }; year: number; rows: IndexRow[] } | null = null;
	if (measurement) {
		const indexes = publicIndexes(measurement);
		const metric = pathwayMetric(area, indexes.metrics);
		if (metric) {
			const year = metric.years.at(-1)!;
			accessIndex = { metric: { name: metric.name, nameEs: metric.nameEs, source: metric.source }, year, rows: indexes.focusGroups.map((g) => indexes.indexRow(metric, g, year)) };
		}
	}
	return {
		area,
		occupations,
		education: typicalEducation(educationRow),
		educationSource: educationRow ? { year: educationRow.year, source: educationRow.source } : null,
		programs: [...programs.values()].sort((a, b) => a.name.localeCompare(b.name)),
		opportunities,
		accessIndex
	};
}
