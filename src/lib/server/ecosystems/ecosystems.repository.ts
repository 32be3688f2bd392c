import type { Executor } from '../audit/audit.repository.js';
import type { Condition, SiteContentInput } from './ecosystems.js';
import { conditions } from './ecosystems.js';
import { newId, nowIso, truthy } from '../util.js';

export interface EcosystemRow {
	id: string;
	slug: string;
	name: string;
	name_es: string | null;
	region: string;
	tagline: string;
	tagline_es: string | null;
	mission: string;
	mission_es: string | null;
	vision: string;
	vision_es: string | null;
	goal: string;
	goal_es: string | null;
	goal_year: number | null;
	website: string | null;
	contact_email: string | null;
	is_demo: number;
	/** IANA zone events are entered and shown in. */
	time_zone: string;
	created_at: string;
	updated_at: string;
}

export async function listEcosystems(db: Executor): Promise<EcosystemRow[]> {
	return db.selectFrom('ecosystem').selectAll().orderBy('name').execute();
}

export async function findEcosystemBySlug(db: Executor, slug: string): Promise<EcosystemRow | undefined> {
	return db.selectFrom('ecosystem').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findEcosystemById(db: Executor, id: string): Promise<EcosystemRow | undefined> {
	return db.selectFrom('ecosystem').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function slugInUse(db: Executor, slug: string): Promise<boolean> {
	const row = await db.selectFrom('ecosystem').select('id').where('slug', '=', slug).executeTakeFirst();
	return !!row;
}

export async function insertEcosystem(
	db: Executor,
	values: { name: string; slug: string; region: string; isDemo?: boolean } & Partial<SiteContentInput>
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('ecosystem')
		.values({
			id,
			slug: values.slug,
			name: values.name,
			name_es: values.name_es ?? null,
			region: values.region,
			tagline: values.tagline ?? '',
			tagline_es: values.tagline_es ?? null,
			mission: values.mission ?? '',
			mission_es: values.mission_es ?? null,
			vision: values.vision ?? '',
			vision_es: values.vision_es ?? null,
			goal: values.goal ?? '',
			goal_es: values.goal_es ?? null,
			goal_year: values.goal_year ?? null,
			website: values.website ?? null,
			contact_email: values.contact_email ?? null,
			is_demo: values.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	for (const condition of conditions) {
		await db
			.insertInto('ecosystem_condition')
			.values({ ecosystem_id: id, condition, practice_md: '', practice_md_es: null, updated_at: now })
			.execute();
	}
	return id;
}

export async function updateSiteContent(db: Executor, ecosystemId: string, values: SiteContentInput): Promise<void> {
	await db
		.updateTable('ecosystem')
		.set({
			name: values.name,
			name_es: values.name_es ?? null,
			region: values.region,
			tagline: values.tagline,
			tagline_es: values.tagline_es ?? null,
			mission: values.mission,
			mission_es: values.mission_es ?? null,
			vision: values.vision,
			vision_es: values.vision_es ?? null,
			goal: values.goal,
			goal_es: values.goal_es ?? null,
			goal_year: values.goal_year ?? null,
			website: values.website ?? null,
			contact_email: values.contact_email ?? null,
			updated_at: nowIso()
		})
		.where('id', '=', ecosystemId)
		.execute();
}

/** The groups the public dashboard leads with (group keys, in order). */
export async function setFocusGroups(db: Executor, ecosystemId: string, groups: readonly string[]): Promise<void> {
	await db.updateTable('ecosystem').set({ focus_groups_json: JSON.stringify(groups) }).where('id', '=', ecosystemId).execute();
}

export interface ConditionRow {
	condition: Condition;
	practice_md: string;
	practice_md_es: string | null;
}

export async function listConditions(db: Executor, ecosystemId: string): Promise<ConditionRow[]> {
	const rows = await db
		.selectFrom('ecosystem_condition')
		.select(['condition', 'practice_md', 'practice_md_es'])
		.where('ecosystem_id', '=', ecosystemId)
		.execute();
	const order = new Map(conditions.map((c, i) => [c, i]));
	return (rows as ConditionRow[]).sort((a, b) => order.get(a.condition)! - order.get(b.condition)!);
}

export async function saveCondition(
	db: Executor,
	ecosystemId: string,
	condition: Condition,
	practiceMd: string,
	practiceMdEs: string | null
): Promise<void> {
	await db
		.updateTable('ecosystem_condition')
		.set({ practice_md: practiceMd, practice_md_es: practiceMdEs, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('condition', '=', condition)
		.execute();
}

export interface InitiativeRow {
	id: string;
	slug: string;
	title: string;
	title_es: string | null;
	summary_md: string;
	summary_md_es: string | null;
	position: number;
}

export async function listInitiatives(db: Executor, ecosystemId: string): Promise<InitiativeRow[]> {
	return db
		.selectFrom('initiative')
		.select(['id', 'slug', 'title', 'title_es', 'summary_md', 'summary_md_es', 'position'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('position')
		.orderBy('title')
		.execute();
}

export async function findInitiative(db: Executor, ecosystemId: string, id: string): Promise<InitiativeRow | undefined> {
	return db
		.selectFrom('initiative')
		.select(['id', 'slug', 'title', 'title_es', 'summary_md', 'summary_md_es', 'position'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertInitiative(
	db: Executor,
	ecosystemId: string,
	values: Omit<InitiativeRow, 'id'>
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('initiative')
		.values({ id, ecosystem_id: ecosystemId, ...values, created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function updateInitiative(
	db: Executor,
	ecosystemId: string,
	id: string,
	values: Omit<InitiativeRow, 'id' | 'slug'>
): Promise<number> {
	const result = await db
		.updateTable('initiative')
		.set({ ...values, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function deleteInitiative(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db
		.deleteFrom('initiative')
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function initiativeSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	const row = await db
		.selectFrom('initiative')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('slug', '=', slug)
		.executeTakeFirst();
	return !!row;
}

export interface EcosystemWithCounts {
	id: string;
	slug: string;
	name: string;
	region: string;
	isDemo: boolean;
	partnerCount: number;
	memberCount: number;
	createdAt: string;
}

/**
 * Platform administration only: every ecosystem with how many partners and members it has.
 * Crosses ecosystems by design, so it returns counts and public fields, never member details.
 */
export async function listEcosystemsWithCounts(db: Executor): Promise<EcosystemWithCounts[]> {
	const rows = await db
		.selectFrom('ecosystem')
		.select((eb) => [
			'ecosystem.id',
			'ecosystem.slug',
			'ecosystem.name',
			'ecosystem.region',
			'ecosystem.is_demo',
			'ecosystem.created_at',
			eb
				.selectFrom('partner')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('partner.ecosystem_id', '=', 'ecosystem.id')
				.as('partner_count'),
			eb
				.selectFrom('membership')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('membership.ecosystem_id', '=', 'ecosystem.id')
				.as('member_count')
		])
		.orderBy('ecosystem.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		name: r.name,
		region: r.region,
		isDemo: truthy(r.is_demo),
		partnerCount: Number(r.partner_count ?? 0),
		memberCount: Number(r.member_count ?? 0),
		createdAt: r.created_at
	}));
}
