import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso } from '../util.js';
import * as repo from './careers.repository.js';
import { parseOnetStemCsv } from './occupations.js';

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
