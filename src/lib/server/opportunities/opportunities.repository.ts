import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { ApplicationInput, ApplicationStatus, OpportunityInput, OpportunitySearch } from './opportunities.js';

/** What anyone may see of an opportunity: nothing here is about applicants. */
export interface OpportunityRow {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	partner_name: string;
	partner_slug: string;
	slug: string;
	kind: string;
	audience: string;
	title: string;
	title_es: string | null;
	description_md: string;
	description_md_es: string | null;
	occupation_code: string | null;
	occupation_title: string | null;
	major_group: string | null;
	min_age: number | null;
	max_age: number | null;
	min_grade: number | null;
	max_grade: number | null;
	zip_codes_json: string;
	focus_json: string;
	location: string;
	pay_kind: string;
	pay_amount: number | null;
	pay_period: string | null;
	starts_on: string | null;
	ends_on: string | null;
	deadline: string;
	places: number;
	closed_at: string | null;
	closed_reason: string | null;
	is_demo: number;
	created_at: string;
}

function opportunities(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('opportunity as o')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'o.partner_id').onRef('p.ecosystem_id', '=', 'o.ecosystem_id'))
		.leftJoin('occupation as oc', 'oc.code', 'o.occupation_code')
		.select([
			'o.id', 'o.ecosystem_id', 'o.partner_id', 'p.name as partner_name', 'p.slug as partner_slug', 'o.slug', 'o.kind',
			'o.audience', 'o.title', 'o.title_es', 'o.description_md', 'o.description_md_es', 'o.occupation_code',
			'oc.title as occupation_title', 'oc.major_group', 'o.min_age', 'o.max_age', 'o.min_grade', 'o.max_grade',
			'o.zip_codes_json', 'o.focus_json', 'o.location', 'o.pay_kind', 'o.pay_amount', 'o.pay_period', 'o.starts_on',
			'o.ends_on', 'o.deadline', 'o.places', 'o.closed_at', 'o.closed_reason', 'o.is_demo', 'o.created_at'
		])
		.where('o.ecosystem_id', '=', ecosystemId);
}

/** Open opportunities matching the search, soonest deadline first. */
export async function searchOpen(db: Executor, ecosystemId: string, search: OpportunitySearch, today: string): Promise<OpportunityRow[]> {
	let query = opportunities(db, ecosystemId).where('o.closed_at', 'is', null).where('o.deadline', '>=', today);
	if (search.kind) query = query.where('o.kind', '=', search.kind);
	if (search.audience) query = query.where('o.audience', '=', search.audience);
	if (search.area) query = query.where('oc.major_group', '=', search.area);
	if (search.paidOnly) query = query.where('o.pay_kind', '!=', 'unpaid');
	if (search.age !== null) {
		const age = search.age;
		query = query
			.where((eb) => eb.or([eb('o.min_age', 'is', null), eb('o.min_age', '<=', age)]))
			.where((eb) => eb.or([eb('o.max_age', 'is', null), eb('o.max_age', '>=', age)]));
	}
	if (search.q) {
		// lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
		const pattern = `%${search.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		const like = (column: string) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
		query = query.where((eb) =>
			eb.or([like('o.title'), like('o.title_es'), like('o.description_md'), like('o.description_md_es'), like('p.name'), like('oc.title')])
		);
	}
	return query.orderBy('o.deadline').orderBy('o.title').execute();
}

export async function findOpportunityBySlug(db: Executor, ecosystemId: string, slug: string): Promise<OpportunityRow | undefined> {
	return opportunities(db, ecosystemId).where('o.slug', '=', slug).executeTakeFirst();
}

export async function findOpportunitiesBySlugs(db: Executor, ecosystemId: string, slugs: string[]): Promise<OpportunityRow[]> {
	if (slugs.length === 0) return [];
	return opportunities(db, ecosystemId).where('o.slug', 'in', slugs).orderBy('o.deadline').execute();
}

/** A partner's own opportunities, open and closed, with how many applied and how many were placed. */
export async function listForPartner(db: Executor, ecosystemId: string, partnerId: string) {
	return opportunities(db, ecosystemId)
		.where('o.partner_id', '=', partnerId)
		.select((eb) => [
			eb.selectFrom('opportunity_application as a').whereRef('a.opportunity_id', '=', 'o.id').select((e) => e.fn.countAll<number>().as('n')).as('applications'),
			eb
				.selectFrom('opportunity_application as a')
				.whereRef('a.opportunity_id', '=', 'o.id')
				.where('a.status', '=', 'placed')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('placed')
		])
		.orderBy('o.deadline', 'desc')
		.execute();
}

export async function slugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('opportunity').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function insertOpportunity(
	db: Executor,
	values: { ecosystemId: string; partnerId: string; slug: string; postedBy: string | null; isDemo?: boolean; input: OpportunityInput }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	const v = values.input;
	await db
		.insertInto('opportunity')
		.values({
			id,
			ecosystem_id: values.ecosystemId,
			partner_id: values.partnerId,
			slug: values.slug,
			kind: v.kind,
			audience: v.audience,
			title: v.title,
			title_es: v.title_es ?? null,
			description_md: v.description_md,
			description_md_es: v.description_md_es ?? null,
			occupation_code: v.occupation_code ?? null,
			min_age: v.min_age ?? null,
			max_age: v.max_age ?? null,
			min_grade: v.min_grade ?? null,
			max_grade: v.max_grade ?? null,
			zip_codes_json: JSON.stringify(v.zip_codes),
			focus_json: JSON.stringify(v.focus),
			location: v.location,
			pay_kind: v.pay_kind,
			pay_amount: v.pay_kind === 'unpaid' ? null : (v.pay_amount ?? null),
			pay_period: v.pay_kind === 'unpaid' ? null : (v.pay_period ?? null),
			starts_on: v.starts_on ?? null,
			ends_on: v.ends_on ?? null,
			deadline: v.deadline,
			places: v.places,
			closed_at: null,
			closed_reason: null,
			posted_by_user_id: values.postedBy,
			is_demo: values.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

/** The poster's edit: every field of the form; the address (slug), partner and state stay. */
export async function updateOpportunity(db: Executor, ecosystemId: string, id: string, v: OpportunityInput): Promise<number> {
	const result = await db
		.updateTable('opportunity')
		.set({
			kind: v.kind,
			audience: v.audience,
			title: v.title,
			title_es: v.title_es ?? null,
			description_md: v.description_md,
			description_md_es: v.description_md_es ?? null,
			occupation_code: v.occupation_code ?? null,
			min_age: v.min_age ?? null,
			max_age: v.max_age ?? null,
			min_grade: v.min_grade ?? null,
			max_grade: v.max_grade ?? null,
			zip_codes_json: JSON.stringify(v.zip_codes),
			focus_json: JSON.stringify(v.focus),
			location: v.location,
			pay_kind: v.pay_kind,
			pay_amount: v.pay_kind === 'unpaid' ? null : (v.pay_amount ?? null),
			pay_period: v.pay_kind === 'unpaid' ? null : (v.pay_period ?? null),
			starts_on: v.starts_on ?? null,
			ends_on: v.ends_on ?? null,
			deadline: v.deadline,
			places: v.places,
			updated_at: nowIso()
		})
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function closeOpportunity(db: Executor, ecosystemId: string, id: string, reason: 'deadline' | 'poster'): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('opportunity')
		.set({ closed_at: now, closed_reason: reason, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('closed_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Opportunities whose deadline day is over and that are still open, in every ecosystem (the sweep). */
export async function listExpired(db: Executor, today: string) {
	return db
		.selectFrom('opportunity')
		.select(['id', 'ecosystem_id', 'title'])
		.where('closed_at', 'is', null)
		.where('deadline', '<', today)
		.execute();
}

export async function insertApplication(db: Executor, ecosystemId: string, opportunityId: string, input: ApplicationInput, withdrawTokenHash: string | null = null): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('opportunity_application')
		.values({
			id,
			ecosystem_id: ecosystemId,
			opportunity_id: opportunityId,
			applicant_name: input.name,
			applicant_email: input.email,
			applicant_phone: input.phone ?? null,
			age: input.age ?? null,
			grade: input.grade ?? null,
			zip: input.zip ?? null,
			statement: input.statement,
			locale: input.locale,
			status: 'submitted',
			notes: '',
			placed_at: null,
			withdraw_token_hash: withdrawTokenHash,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

/** The application an applicant's private withdrawal link points at, with its opportunity's title. */
export async function findApplicationByWithdrawHash(db: Executor, ecosystemId: string, tokenHash: string) {
	return db
		.selectFrom('opportunity_application as a')
		.innerJoin('opportunity as o', (j) => j.onRef('o.id', '=', 'a.opportunity_id').onRef('o.ecosystem_id', '=', 'a.ecosystem_id'))
		.select(['a.id', 'a.withdrawn_at', 'a.locale', 'o.title', 'o.title_es', 'o.slug'])
		.where('a.ecosystem_id', '=', ecosystemId)
		.where('a.withdraw_token_hash', '=', tokenHash)
		.executeTakeFirst();
}

export async function markWithdrawn(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('opportunity_application')
		.set({ withdrawn_at: now, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('withdrawn_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function hasApplied(db: Executor, ecosystemId: string, opportunityId: string, email: string): Promise<boolean> {
	const row = await db
		.selectFrom('opportunity_application')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('opportunity_id', '=', opportunityId)
		.where('applicant_email', '=', email.toLowerCase())
		.executeTakeFirst();
	return !!row;
}

const applicationColumns = [
	'id', 'opportunity_id', 'applicant_name', 'applicant_email', 'applicant_phone', 'age', 'grade', 'zip', 'statement',
	'locale', 'status', 'notes', 'placed_at', 'withdrawn_at', 'created_at', 'updated_at'
] as const;

export async function listApplications(db: Executor, ecosystemId: string, opportunityId: string) {
	return db
		.selectFrom('opportunity_application')
		.select(applicationColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('opportunity_id', '=', opportunityId)
		.orderBy('created_at')
		.execute();
}

export async function findApplication(db: Executor, ecosystemId: string, opportunityId: string, id: string) {
	return db
		.selectFrom('opportunity_application')
		.select(applicationColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('opportunity_id', '=', opportunityId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function updateApplicationReview(
	db: Executor,
	ecosystemId: string,
	id: string,
	values: { status: ApplicationStatus; notes: string; placedAt: string | null }
): Promise<number> {
	const result = await db
		.updateTable('opportunity_application')
		.set({ status: values.status, notes: values.notes, placed_at: values.placedAt, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertMessage(
	db: Executor,
	values: { ecosystemId: string; applicationId: string; senderUserId: string; subject: string; body: string }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('opportunity_message')
		.values({
			id,
			ecosystem_id: values.ecosystemId,
			application_id: values.applicationId,
			sender_user_id: values.senderUserId,
			subject: values.subject,
			body: values.body,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function listMessages(db: Executor, ecosystemId: string, applicationId: string) {
	return db
		.selectFrom('opportunity_message')
		.select(['id', 'subject', 'body', 'created_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('application_id', '=', applicationId)
		.orderBy('created_at')
		.execute();
}
