import type { Selectable } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { ProgramLocationTable, ProgramScheduleTable, ProgramTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import { weekdayOf, type ProgramInput } from './programs.js';

export type ProgramRow = Selectable<ProgramTable>;

/**
 * Every column of ProgramRow, named: PostgreSQL also has the generated `search` tsvector, which
 * no reader wants, so programs are never read with `select *`.
 */
const programRowColumns = {
	id: 1, ecosystem_id: 1, partner_id: 1, name: 1, name_es: 1, description: 1, description_es: 1, subjects_json: 1, formats_json: 1,
	populations_json: 1, languages_json: 1, min_age: 1, max_age: 1, grade_min: 1, grade_max: 1, cost_kind: 1, fee_amount: 1,
	scholarships: 1, scholarships_es: 1, eligibility: 1, eligibility_es: 1, accessibility: 1, accessibility_es: 1, how_to_apply: 1,
	how_to_apply_es: 1, capacity: 1, url: 1, email: 1, phone: 1, status: 1, search_text: 1, hsds_id: 1, stale_notified_at: 1,
	last_verified_at: 1, last_verified_by: 1, is_demo: 1, created_at: 1, updated_at: 1
} satisfies Record<keyof ProgramRow, 1>;
export const programColumnNames = Object.keys(programRowColumns) as (keyof ProgramRow)[];
export const qualifiedProgramColumns = programColumnNames.map((c) => `program.${c}` as const);
export type LocationRow = Selectable<ProgramLocationTable>;
export type ScheduleRow = Selectable<ProgramScheduleTable>;

/** A location ready to store: coordinates resolved (typed, imported, or the ZIP's centroid). */
export interface PlacedLocation {
	name: string;
	address_1: string;
	city: string;
	state_province: string;
	postal_code: string;
	latitude: number | null;
	longitude: number | null;
	geocode_source: 'given' | 'zip_centroid' | 'none';
}

export interface ProgramWrite {
	value: ProgramInput;
	locations: PlacedLocation[];
	searchText: string;
}

export interface ProgramDetail {
	program: ProgramRow;
	locations: LocationRow[];
	schedules: ScheduleRow[];
}

function programColumns({ value, searchText }: ProgramWrite) {
	return {
		name: value.name,
		name_es: value.name_es ?? null,
		description: value.description,
		description_es: value.description_es ?? null,
		subjects_json: JSON.stringify(value.subjects),
		formats_json: JSON.stringify(value.formats),
		populations_json: JSON.stringify(value.populations),
		languages_json: JSON.stringify(value.languages),
		min_age: value.min_age ?? null,
		max_age: value.max_age ?? null,
		grade_min: value.grade_min ?? null,
		grade_max: value.grade_max ?? null,
		cost_kind: value.cost_kind,
		fee_amount: value.cost_kind === 'free' ? null : (value.fee_amount ?? null),
		scholarships: value.scholarships ?? null,
		scholarships_es: value.scholarships_es ?? null,
		eligibility: value.eligibility ?? null,
		eligibility_es: value.eligibility_es ?? null,
		accessibility: value.accessibility ?? null,
		accessibility_es: value.accessibility_es ?? null,
		how_to_apply: value.how_to_apply ?? null,
		how_to_apply_es: value.how_to_apply_es ?? null,
		capacity: value.capacity ?? null,
		url: value.url ?? null,
		email: value.email ?? null,
		phone: value.phone ?? null,
		status: value.status,
		search_text: searchText
	};
}

export async function insertProgram(
	db: Executor,
	ecosystemId: string,
	partnerId: string,
	write: ProgramWrite,
	options: { verifiedBy?: string | null; isDemo?: boolean; now?: string; hsdsId?: string | null } = {}
): Promise<string> {
	const id = newId();
	const now = options.now ?? nowIso();
	await db
		.insertInto('program')
		.values({
			id,
			ecosystem_id: ecosystemId,
			partner_id: partnerId,
			...programColumns(write),
			hsds_id: options.hsdsId ?? null,
			last_verified_at: options.verifiedBy ? now : null,
			last_verified_by: options.verifiedBy ?? null,
			is_demo: options.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	await insertChildren(db, ecosystemId, id, write);
	return id;
}

/** Replaces the program's fields, places and schedules. Zero when it is not in this ecosystem. */
export async function updateProgram(
	db: Executor,
	ecosystemId: string,
	id: string,
	write: ProgramWrite,
	verifiedBy: string | null
): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('program')
		.set({ ...programColumns(write), updated_at: now, ...(verifiedBy ? { last_verified_at: now, last_verified_by: verifiedBy } : {}) })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return 0;
	await db.deleteFrom('program_location').where('ecosystem_id', '=', ecosystemId).where('program_id', '=', id).execute();
	await db.deleteFrom('program_schedule').where('ecosystem_id', '=', ecosystemId).where('program_id', '=', id).execute();
	await insertChildren(db, ecosystemId, id, write);
	return 1;
}

async function insertChildren(db: Executor, ecosystemId: string, programId: string, { value, locations }: ProgramWrite) {
	if (locations.length) {
		await db
			.insertInto('program_location')
			.values(locations.map((l, position) => ({ id: newId(), ecosystem_id: ecosystemId, program_id: programId, ...l, position })))
			.execute();
	}
	if (value.schedules.length) {
		await db
			.insertInto('program_schedule')
			.values(
				value.schedules.map((s, position) => ({
					id: newId(),
					ecosystem_id: ecosystemId,
					program_id: programId,
					freq: s.freq,
					interval: s.interval,
					byday: s.freq ? s.byday.join(',') : weekdayOf(s.dtstart),
					dtstart: s.dtstart,
					until: s.until ?? null,
					opens_at: s.opens_at,
					closes_at: s.closes_at,
					description: s.description,
					description_es: s.description_es ?? null,
					position
				}))
			)
			.execute();
	}
}

export async function markVerified(db: Executor, ecosystemId: string, id: string, userId: string, at: string): Promise<number> {
	const result = await db
		.updateTable('program')
		.set({ last_verified_at: at, last_verified_by: userId })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function deleteProgram(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db.deleteFrom('program').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function findProgram(db: Executor, ecosystemId: string, id: string): Promise<ProgramRow | undefined> {
	return db.selectFrom('program').select(programColumnNames).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

/**
 * The program an HSDS service id names in this ecosystem: one imported under that id, or (for a
 * file exported from here) the program whose own id it is.
 */
export async function findProgramByHsdsId(db: Executor, ecosystemId: string, hsdsId: string): Promise<{ id: string } | undefined> {
	return db
		.selectFrom('program')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.or([eb('hsds_id', '=', hsdsId), eb('id', '=', hsdsId)]))
		.orderBy('hsds_id')
		.executeTakeFirst();
}

export async function listProgramsOfPartner(db: Executor, ecosystemId: string, partnerId: string): Promise<ProgramRow[]> {
	return db
		.selectFrom('program')
		.select(programColumnNames)
		.where('ecosystem_id', '=', ecosystemId)
		.where('partner_id', '=', partnerId)
		.orderBy('name')
		.execute();
}

/** Places and schedules of several programs at once, grouped by program id. */
export async function childrenOf(db: Executor, ecosystemId: string, programIds: string[]) {
	const locations = new Map<string, LocationRow[]>();
	const schedules = new Map<string, ScheduleRow[]>();
	for (let i = 0; i < programIds.length; i += 500) {
		const ids = programIds.slice(i, i + 500);
		const [ls, ss] = await Promise.all([
			db.selectFrom('program_location').selectAll().where('ecosystem_id', '=', ecosystemId).where('program_id', 'in', ids).orderBy('position').execute(),
			db.selectFrom('program_schedule').selectAll().where('ecosystem_id', '=', ecosystemId).where('program_id', 'in', ids).orderBy('position').execute()
		]);
		for (const l of ls) locations.set(l.program_id, [...(locations.get(l.program_id) ?? []), l]);
		for (const s of ss) schedules.set(s.program_id, [...(schedules.get(s.program_id) ?? []), s]);
	}
	return { locations, schedules };
}

export async function findProgramDetail(db: Executor, ecosystemId: string, id: string): Promise<ProgramDetail | undefined> {
	const program = await findProgram(db, ecosystemId, id);
	if (!program) return undefined;
	const { locations, schedules } = await childrenOf(db, ecosystemId, [id]);
	return { program, locations: locations.get(id) ?? [], schedules: schedules.get(id) ?? [] };
}

/** The ZIP's internal point from the boundaries the ecosystem uploaded, when it has them. */
export async function uploadedZipPoint(db: Executor, ecosystemId: string, zip: string) {
	const row = await db
		.selectFrom('zip_area')
		.select(['intpt_lat', 'intpt_lon'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('zip', '=', zip)
		.executeTakeFirst();
	return row ? { lat: Number(row.intpt_lat), lon: Number(row.intpt_lon) } : undefined;
}

/** Active listings whose last confirmation (or creation, if never confirmed) is older than `before`. */
export async function listListingsConfirmedBefore(db: Executor, ecosystemId: string, before: string) {
	return db
		.selectFrom('program')
		.innerJoin('partner', (join) => join.onRef('partner.id', '=', 'program.partner_id').onRef('partner.ecosystem_id', '=', 'program.ecosystem_id'))
		.select(['program.id', 'program.name', 'program.last_verified_at', 'program.created_at', 'partner.name as partner_name', 'partner.slug as partner_slug'])
		.where('program.ecosystem_id', '=', ecosystemId)
		.where('program.status', '=', 'active')
		.where((eb) => eb.or([eb('program.last_verified_at', '<', before), eb.and([eb('program.last_verified_at', 'is', null), eb('program.created_at', '<', before)])]))
		.orderBy('program.last_verified_at')
		.orderBy('program.name')
		.execute();
}
