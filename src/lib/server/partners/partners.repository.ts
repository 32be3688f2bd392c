import type { Executor } from '../audit/audit.repository.js';
import type { PartnerProfileInput } from './partners.js';
import { newId, nowIso } from '../util.js';

export interface PartnerRow {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	sector: string;
	summary: string;
	summary_es: string | null;
	description_md: string;
	description_md_es: string | null;
	website: string | null;
	email: string | null;
	phone: string | null;
	city: string | null;
	zip: string | null;
	is_demo: number;
	updated_at: string;
}

const columns = [
	'id', 'ecosystem_id', 'slug', 'name', 'sector', 'summary', 'summary_es', 'description_md',
	'description_md_es', 'website', 'email', 'phone', 'city', 'zip', 'is_demo', 'updated_at'
] as const;

export async function listPartners(db: Executor, ecosystemId: string): Promise<PartnerRow[]> {
	return db.selectFrom('partner').select(columns).where('ecosystem_id', '=', ecosystemId).orderBy('name').execute();
}

export async function findPartnerBySlug(db: Executor, ecosystemId: string, slug: string): Promise<PartnerRow | undefined> {
	return db
		.selectFrom('partner')
		.select(columns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('slug', '=', slug)
		.executeTakeFirst();
}

export async function findPartnerById(db: Executor, ecosystemId: string, id: string): Promise<PartnerRow | undefined> {
	return db
		.selectFrom('partner')
		.select(columns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function partnerSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await findPartnerBySlug(db, ecosystemId, slug));
}

export async function insertPartner(
	db: Executor,
	ecosystemId: string,
	slug: string,
	values: PartnerProfileInput,
	isDemo = false
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('partner')
		.values({
			id,
			ecosystem_id: ecosystemId,
			slug,
			...nullable(values),
			is_demo: isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function updatePartner(db: Executor, ecosystemId: string, id: string, values: PartnerProfileInput): Promise<number> {
	const result = await db
		.updateTable('partner')
		.set({ ...nullable(values), updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

function nullable(values: PartnerProfileInput) {
	return {
		name: values.name,
		sector: values.sector,
		summary: values.summary,
		summary_es: values.summary_es ?? null,
		description_md: values.description_md,
		description_md_es: values.description_md_es ?? null,
		website: values.website ?? null,
		email: values.email ?? null,
		phone: values.phone ?? null,
		city: values.city ?? null,
		zip: values.zip ?? null
	};
}

export async function countPartnersBySector(db: Executor, ecosystemId: string): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('partner')
		.select(['sector', (eb) => eb.fn.countAll<number>().as('n')])
		.where('ecosystem_id', '=', ecosystemId)
		.groupBy('sector')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.sector, Number(r.n)]));
}
