import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { EvidenceStatus } from '../db/schema.js';
import { createHash } from 'node:crypto';
import { newId, nowIso } from '../util.js';
import { fts5Query, tsQuery, type ResourceInput } from './evidence.js';

export interface ResourceRow {
	id: string;
	slug: string;
	kind: string;
	title: string;
	title_es: string | null;
	summary: string;
	summary_es: string | null;
	tags: string;
	grade_bands: string;
	subjects: string;
	essa_tier: number | null;
	citation: string;
	url: string | null;
	file_id: string | null;
	file_name: string | null;
	status: EvidenceStatus;
	suggested_by_partner_id: string | null;
	suggested_by_partner_name: string | null;
	review_note: string | null;
	is_demo: number;
	updated_at: string;
}

function resources(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('evidence_resource as r')
		.leftJoin('evidence_file as f', 'f.id', 'r.file_id')
		.leftJoin('partner as p', 'p.id', 'r.suggested_by_partner_id')
		.select([
			'r.id', 'r.slug', 'r.kind', 'r.title', 'r.title_es', 'r.summary', 'r.summary_es', 'r.tags', 'r.grade_bands',
			'r.subjects', 'r.essa_tier', 'r.citation', 'r.url', 'r.file_id', 'f.file_name', 'r.status',
			'r.suggested_by_partner_id', 'p.name as suggested_by_partner_name', 'r.review_note', 'r.is_demo', 'r.updated_at'
		])
		.where('r.ecosystem_id', '=', ecosystemId);
}

/**
 * Published resources, optionally matching every search term (as prefixes), best match first.
 * The one place that knows each database's full-text engine: FTS5 on SQLite, tsvector on PostgreSQL.
 */
export async function searchPublished(db: Executor, ecosystemId: string, terms: string[]): Promise<ResourceRow[]> {
	const query = resources(db, ecosystemId).where('r.status', '=', 'published');
	if (terms.length === 0) return query.orderBy('r.title').execute();
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		const tsquery = sql`to_tsquery('simple', ${tsQuery(terms)})`;
		return query
			.where(sql<boolean>`r.search @@ ${tsquery}`)
			.orderBy(sql`ts_rank(r.search, ${tsquery})`, 'desc')
			.orderBy('r.title')
			.execute();
	}
	return query
		.innerJoin(sql<{ resource_id: string; rank: number }>`(select resource_id, bm25(evidence_resource_fts) as rank from evidence_resource_fts where evidence_resource_fts match ${fts5Query(terms)})`.as('hit'), 'hit.resource_id', 'r.id')
		.orderBy(sql`hit.rank`)
		.orderBy('r.title')
		.execute();
}

export async function listByStatus(db: Executor, ecosystemId: string, status: EvidenceStatus): Promise<ResourceRow[]> {
	return resources(db, ecosystemId).where('r.status', '=', status).orderBy('r.updated_at').execute();
}

export async function findResourceBySlug(db: Executor, ecosystemId: string, slug: string): Promise<ResourceRow | undefined> {
	return resources(db, ecosystemId).where('r.slug', '=', slug).executeTakeFirst();
}

export async function resourceSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('evidence_resource').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function insertFile(db: Executor, ecosystemId: string, file: { name: string; contentType: string; bytes: Uint8Array }): Promise<string> {
	const id = newId();
	await db
		.insertInto('evidence_file')
		.values({
			id,
			ecosystem_id: ecosystemId,
			file_name: file.name,
			content_type: file.contentType,
			size_bytes: file.bytes.length,
			sha256: createHash('sha256').update(file.bytes).digest('hex'),
			data: file.bytes,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function findFile(db: Executor, ecosystemId: string, id: string) {
	const row = await db
		.selectFrom('evidence_file')
		.select(['id', 'file_name', 'content_type', 'size_bytes', 'data'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? { ...row, data: new Uint8Array(row.data) } : undefined;
}

export async function insertResource(
	db: Executor,
	ecosystemId: string,
	values: { slug: string; status: EvidenceStatus; input: ResourceInput; fileId: string | null; partnerId: string | null; userId: string | null; isDemo?: boolean }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	const { input } = values;
	await db
		.insertInto('evidence_resource')
		.values({
			id,
			ecosystem_id: ecosystemId,
			slug: values.slug,
			kind: input.kind,
			title: input.title,
			title_es: input.title_es ?? null,
			summary: input.summary,
			summary_es: input.summary_es ?? null,
			tags: JSON.stringify(input.tags),
			grade_bands: JSON.stringify(input.grade_bands),
			subjects: JSON.stringify(input.subjects),
			essa_tier: input.essa_tier,
			citation: input.citation,
			url: input.url ?? null,
			file_id: values.fileId,
			status: values.status,
			suggested_by_partner_id: values.partnerId,
			suggested_by_user_id: values.userId,
			is_demo: values.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

/** Decides a suggestion once: only a row still 'suggested' changes. */
export async function reviewResource(
	db: Executor,
	ecosystemId: string,
	id: string,
	values: { status: 'published' | 'rejected'; note: string | null; userId: string }
): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('evidence_resource')
		.set({ status: values.status, review_note: values.note, reviewed_by_user_id: values.userId, reviewed_at: now, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', 'suggested')
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Saves an edited resource. `onlyIfStatus` makes the write conditional (a partner's edit lands
 * only while the suggestion is still pending). The full-text index follows by itself: a trigger
 * on SQLite, a generated column on PostgreSQL.
 */
export async function updateResource(
	db: Executor,
	ecosystemId: string,
	id: string,
	values: { input: ResourceInput; fileId: string | null; onlyIfStatus?: EvidenceStatus }
): Promise<number> {
	const { input } = values;
	let query = db
		.updateTable('evidence_resource')
		.set({
			kind: input.kind,
			title: input.title,
			title_es: input.title_es ?? null,
			summary: input.summary,
			summary_es: input.summary_es ?? null,
			tags: JSON.stringify(input.tags),
			grade_bands: JSON.stringify(input.grade_bands),
			subjects: JSON.stringify(input.subjects),
			essa_tier: input.essa_tier,
			citation: input.citation,
			url: input.url ?? null,
			file_id: values.fileId,
			updated_at: nowIso()
		})
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id);
	if (values.onlyIfStatus) query = query.where('status', '=', values.onlyIfStatus);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Deletes a stored file no resource points at any more (after a replacement). */
export async function deleteUnusedFile(db: Executor, ecosystemId: string, id: string): Promise<void> {
	const used = await db.selectFrom('evidence_resource').select('id').where('ecosystem_id', '=', ecosystemId).where('file_id', '=', id).executeTakeFirst();
	if (!used) await db.deleteFrom('evidence_file').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}
