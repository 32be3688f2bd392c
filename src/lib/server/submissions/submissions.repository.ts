import type { Executor } from '../audit/audit.repository.js';
import type { Selectable } from 'kysely';
import type { CollectionCycleTable, SubmissionMethod, SubmissionStatus, SubmissionTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import type { Cell } from './submissions.js';

// ---------------------------------------------------------------------------------------------
// Cycles

export type CycleRow = Omit<Selectable<CollectionCycleTable>, 'created_by_user_id' | 'updated_at'>;

const cycleColumns = ['id', 'ecosystem_id', 'name', 'year', 'period_start', 'period_end', 'due_on', 'instructions', 'closed_at', 'created_at'] as const;

const cycleOut = (row: CycleRow): CycleRow => ({ ...row, year: Number(row.year) });

export async function findCycle(db: Executor, ecosystemId: string, cycleId: string): Promise<CycleRow | undefined> {
	const row = await db.selectFrom('collection_cycle').select(cycleColumns).where('ecosystem_id', '=', ecosystemId).where('id', '=', cycleId).executeTakeFirst();
	return row && cycleOut(row);
}

export async function listCycles(db: Executor, ecosystemId: string): Promise<CycleRow[]> {
	const rows = await db.selectFrom('collection_cycle').select(cycleColumns).where('ecosystem_id', '=', ecosystemId).orderBy('due_on', 'desc').orderBy('name').execute();
	return rows.map(cycleOut);
}

/** The cycles a partner was asked to report to, newest first. */
export async function listPartnerCycles(db: Executor, ecosystemId: string, partnerId: string): Promise<CycleRow[]> {
	const rows = await db
		.selectFrom('collection_cycle')
		.innerJoin('collection_cycle_partner as cp', 'cp.cycle_id', 'collection_cycle.id')
		.select(cycleColumns.map((c) => `collection_cycle.${c}` as const))
		.where('collection_cycle.ecosystem_id', '=', ecosystemId)
		.where('cp.ecosystem_id', '=', ecosystemId)
		.where('cp.partner_id', '=', partnerId)
		.orderBy('collection_cycle.due_on', 'desc')
		.execute();
	return rows.map(cycleOut);
}

export async function insertCycle(
	db: Executor,
	ecosystemId: string,
	values: { name: string; year: number; periodStart: string; periodEnd: string; dueOn: string; instructions: string; createdBy: string | null; metricIds: readonly string[]; partnerIds: readonly string[] }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('collection_cycle')
		.values({
			id,
			ecosystem_id: ecosystemId,
			name: values.name,
			year: values.year,
			period_start: values.periodStart,
			period_end: values.periodEnd,
			due_on: values.dueOn,
			instructions: values.instructions,
			created_by_user_id: values.createdBy,
			created_at: now,
			updated_at: now
		})
		.execute();
	if (values.metricIds.length > 0) {
		await db.insertInto('collection_cycle_metric').values(values.metricIds.map((metricId, position) => ({ ecosystem_id: ecosystemId, cycle_id: id, metric_id: metricId, position }))).execute();
	}
	if (values.partnerIds.length > 0) {
		await db.insertInto('collection_cycle_partner').values(values.partnerIds.map((partnerId) => ({ ecosystem_id: ecosystemId, cycle_id: id, partner_id: partnerId, reminded_at: null }))).execute();
	}
	return id;
}

export interface CycleMetricRow {
	id: string;
	slug: string;
	name: string;
	name_es: string | null;
	definition: string;
	unit: 'people' | 'percent' | 'rate' | 'hours' | 'other';
	disaggregations_json: string;
}

/** The metrics a cycle asks for, in the order the cycle lists them. */
export async function listCycleMetrics(db: Executor, ecosystemId: string, cycleId: string): Promise<CycleMetricRow[]> {
	return db
		.selectFrom('collection_cycle_metric as cm')
		.innerJoin('metric', 'metric.id', 'cm.metric_id')
		.select(['metric.id', 'metric.slug', 'metric.name', 'metric.name_es', 'metric.definition', 'metric.unit', 'metric.disaggregations_json'])
		.where('cm.ecosystem_id', '=', ecosystemId)
		.where('metric.ecosystem_id', '=', ecosystemId)
		.where('cm.cycle_id', '=', cycleId)
		.orderBy('cm.position')
		.execute();
}

export interface CyclePartnerRow {
	partner_id: string;
	slug: string;
	name: string;
	sector: string;
	email: string | null;
	reminded_at: string | null;
}

export async function listCyclePartners(db: Executor, ecosystemId: string, cycleId: string): Promise<CyclePartnerRow[]> {
	return db
		.selectFrom('collection_cycle_partner as cp')
		.innerJoin('partner', 'partner.id', 'cp.partner_id')
		.select(['cp.partner_id', 'partner.slug', 'partner.name', 'partner.sector', 'partner.email', 'cp.reminded_at'])
		.where('cp.ecosystem_id', '=', ecosystemId)
		.where('partner.ecosystem_id', '=', ecosystemId)
		.where('cp.cycle_id', '=', cycleId)
		.orderBy('partner.name')
		.execute();
}

export async function isPartnerInCycle(db: Executor, ecosystemId: string, cycleId: string, partnerId: string): Promise<boolean> {
	const row = await db
		.selectFrom('collection_cycle_partner')
		.select('partner_id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('cycle_id', '=', cycleId)
		.where('partner_id', '=', partnerId)
		.executeTakeFirst();
	return !!row;
}

export async function markReminded(db: Executor, ecosystemId: string, cycleId: string, partnerId: string, at: string): Promise<void> {
	await db
		.updateTable('collection_cycle_partner')
		.set({ reminded_at: at })
		.where('ecosystem_id', '=', ecosystemId)
		.where('cycle_id', '=', cycleId)
		.where('partner_id', '=', partnerId)
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Submissions

export type SubmissionRow = Selectable<SubmissionTable>;

const submissionColumns = [
	'id', 'ecosystem_id', 'cycle_id', 'partner_id', 'version', 'method', 'status', 'submitted_by_user_id', 'api_token_id',
	'idempotency_key', 'request_fingerprint', 'file_name', 'row_count', 'note', 'reviewed_by_user_id', 'reviewed_at',
	'review_comment', 'accepted_at', 'created_at'
] as const;

const submissionOut = <T extends { version: number; row_count: number }>(row: T): T => ({ ...row, version: Number(row.version), row_count: Number(row.row_count) });

export async function findSubmission(db: Executor, ecosystemId: string, submissionId: string): Promise<SubmissionRow | undefined> {
	const row = await db.selectFrom('submission').select(submissionColumns).where('ecosystem_id', '=', ecosystemId).where('id', '=', submissionId).executeTakeFirst();
	return row && submissionOut(row);
}

/** The submission an API request with this Idempotency-Key already made, if any. */
export async function findSubmissionByIdempotencyKey(db: Executor, ecosystemId: string, partnerId: string, key: string): Promise<SubmissionRow | undefined> {
	const row = await db
		.selectFrom('submission')
		.select(submissionColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('partner_id', '=', partnerId)
		.where('idempotency_key', '=', key)
		.executeTakeFirst();
	return row && submissionOut(row);
}

export interface SubmissionVersionInput {
	cycleId: string;
	partnerId: string;
	method: SubmissionMethod;
	submittedByUserId: string | null;
	apiTokenId?: string | null;
	idempotencyKey?: string | null;
	requestFingerprint?: string | null;
	fileName?: string | null;
	/** CSV data rows or participant rows read; defaults to the number of cells. */
	rowCount?: number;
	note?: string;
	cells: readonly Cell[];
}

const CELL_BATCH = 500;

/**
 * Writes a new version of a partner's submission to a cycle, in the caller's transaction: the
 * next version number, its cells, and the previous latest version marked 'superseded'. Two
 * simultaneous writers cannot both take version n: the unique (cycle, partner, version)
 * constraint refuses the second, whose transaction rolls back.
 */
export async function createSubmissionVersion(
	trx: Executor,
	ecosystemId: string,
	input: SubmissionVersionInput
): Promise<{ id: string; version: number; supersededId: string | null }> {
	const previous = await trx
		.selectFrom('submission')
		.select(['id', 'version', 'status'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('cycle_id', '=', input.cycleId)
		.where('partner_id', '=', input.partnerId)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
	const version = previous ? Number(previous.version) + 1 : 1;
	let supersededId: string | null = null;
	if (previous && previous.status !== 'superseded') {
		await trx.updateTable('submission').set({ status: 'superseded' }).where('ecosystem_id', '=', ecosystemId).where('id', '=', previous.id).execute();
		supersededId = previous.id;
	}
	const id = newId();
	await trx
		.insertInto('submission')
		.values({
			id,
			ecosystem_id: ecosystemId,
			cycle_id: input.cycleId,
			partner_id: input.partnerId,
			version,
			method: input.method,
			status: 'submitted',
			submitted_by_user_id: input.submittedByUserId,
			api_token_id: input.apiTokenId ?? null,
			idempotency_key: input.idempotencyKey ?? null,
			request_fingerprint: input.requestFingerprint ?? null,
			file_name: input.fileName ?? null,
			row_count: input.rowCount ?? input.cells.length,
			note: input.note ?? '',
			reviewed_by_user_id: null,
			reviewed_at: null,
			review_comment: null,
			accepted_at: null,
			created_at: nowIso()
		})
		.execute();
	for (let start = 0; start < input.cells.length; start += CELL_BATCH) {
		await trx
			.insertInto('submission_value')
			.values(input.cells.slice(start, start + CELL_BATCH).map((c) => ({ ecosystem_id: ecosystemId, submission_id: id, metric_id: c.metricId, group_key: c.groupKey, value: c.value })))
			.execute();
	}
	return { id, version, supersededId };
}

export interface SubmissionVersionRow {
	id: string;
	version: number;
	method: SubmissionMethod;
	status: SubmissionStatus;
	file_name: string | null;
	row_count: number;
	note: string;
	created_at: string;
	submitted_by_name: string | null;
	submitted_by_email: string | null;
	api_token_name: string | null;
	reviewed_at: string | null;
	review_comment: string | null;
	reviewed_by_name: string | null;
	accepted_at: string | null;
}

/** Every version of one partner's submission to one cycle, newest first, with who did what. */
export async function listSubmissionVersions(db: Executor, ecosystemId: string, cycleId: string, partnerId: string): Promise<SubmissionVersionRow[]> {
	const rows = await db
		.selectFrom('submission as s')
		.leftJoin('user as submitter', 'submitter.id', 's.submitted_by_user_id')
		.leftJoin('user as reviewer', 'reviewer.id', 's.reviewed_by_user_id')
		.leftJoin('partner_api_token as token', (join) => join.onRef('token.id', '=', 's.api_token_id').on('token.ecosystem_id', '=', ecosystemId))
		.select([
			's.id', 's.version', 's.method', 's.status', 's.file_name', 's.row_count', 's.note', 's.created_at', 's.reviewed_at', 's.review_comment', 's.accepted_at',
			'submitter.name as submitted_by_name', 'submitter.email as submitted_by_email', 'reviewer.name as reviewed_by_name', 'token.name as api_token_name'
		])
		.where('s.ecosystem_id', '=', ecosystemId)
		.where('s.cycle_id', '=', cycleId)
		.where('s.partner_id', '=', partnerId)
		.orderBy('s.version', 'desc')
		.execute();
	return rows.map(submissionOut);
}

export async function listSubmissionCells(db: Executor, ecosystemId: string, submissionId: string): Promise<Cell[]> {
	const rows = await db
		.selectFrom('submission_value')
		.select(['metric_id', 'group_key', 'value'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.orderBy('metric_id')
		.orderBy('group_key')
		.execute();
	return rows.map((r) => ({ metricId: r.metric_id, groupKey: r.group_key, value: Number(r.value) }));
}

/** Records a review on a version that is still waiting for one; returns false when it is not. */
export async function setSubmissionReview(
	db: Executor,
	ecosystemId: string,
	submissionId: string,
	review: { status: 'accepted' | 'returned'; reviewerId: string; comment: string; at: string }
): Promise<boolean> {
	const result = await db
		.updateTable('submission')
		.set({
			status: review.status,
			reviewed_by_user_id: review.reviewerId,
			reviewed_at: review.at,
			review_comment: review.comment === '' ? null : review.comment,
			accepted_at: review.status === 'accepted' ? review.at : null
		})
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', submissionId)
		.where('status', '=', 'submitted')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Status boards

export interface LatestSubmissionRow {
	id: string;
	cycle_id: string;
	partner_id: string;
	version: number;
	status: SubmissionStatus;
	method: SubmissionMethod;
	created_at: string;
	reviewed_at: string | null;
}

/**
 * Each partner's latest version in one cycle or in all cycles of the ecosystem: the one that is
 * not superseded (every new version supersedes the one before it).
 */
export async function listLatestSubmissions(db: Executor, ecosystemId: string, cycleId?: string): Promise<LatestSubmissionRow[]> {
	let query = db
		.selectFrom('submission')
		.select(['id', 'cycle_id', 'partner_id', 'version', 'status', 'method', 'created_at', 'reviewed_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('status', '!=', 'superseded');
	if (cycleId) query = query.where('cycle_id', '=', cycleId);
	const rows = await query.execute();
	return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/** How many partners each cycle of the ecosystem asks. */
export async function countCyclePartners(db: Executor, ecosystemId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('collection_cycle_partner')
		.select(['cycle_id', (eb) => eb.fn.countAll().as('n')])
		.where('ecosystem_id', '=', ecosystemId)
		.groupBy('cycle_id')
		.execute();
	return new Map(rows.map((r) => [r.cycle_id, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Accepted cells (rollups, previous values)

/**
 * Cells of every accepted version (accepted then, even if superseded since) in the ecosystem's
 * cycles matching the filter, for metrics the cycle asks for.
 */
export async function listAcceptedCells(
	db: Executor,
	ecosystemId: string,
	filter: { year?: number; beforeYear?: number; partnerId?: string; metricIds?: readonly string[] }
) {
	let query = db
		.selectFrom('submission_value as v')
		.innerJoin('submission as s', 's.id', 'v.submission_id')
		.innerJoin('collection_cycle as c', 'c.id', 's.cycle_id')
		.select(['s.partner_id', 's.id as submission_id', 'c.due_on', 'c.year', 's.version', 'v.metric_id', 'v.group_key', 'v.value'])
		.where('v.ecosystem_id', '=', ecosystemId)
		.where('s.ecosystem_id', '=', ecosystemId)
		.where('c.ecosystem_id', '=', ecosystemId)
		.where('s.accepted_at', 'is not', null);
	if (filter.year !== undefined) query = query.where('c.year', '=', filter.year);
	if (filter.beforeYear !== undefined) query = query.where('c.year', '<', filter.beforeYear);
	if (filter.partnerId) query = query.where('s.partner_id', '=', filter.partnerId);
	if (filter.metricIds) {
		if (filter.metricIds.length === 0) return [];
		query = query.where('v.metric_id', 'in', filter.metricIds);
	}
	const rows = await query.execute();
	return rows.map((r) => ({
		partnerId: r.partner_id,
		submissionId: r.submission_id,
		dueOn: r.due_on,
		year: Number(r.year),
		version: Number(r.version),
		metricId: r.metric_id,
		groupKey: r.group_key,
		value: Number(r.value)
	}));
}

// ---------------------------------------------------------------------------------------------
// Who hears about a partner's data

export interface PartnerContact {
	email: string;
	name: string;
	locale: string | null;
}

/** The partner's people (partner admins and members); the partner's own address when it has none. */
export async function listPartnerContacts(db: Executor, ecosystemId: string, partnerId: string): Promise<PartnerContact[]> {
	const people = await db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.select(['user.email', 'user.name', 'user.locale'])
		.where('membership.ecosystem_id', '=', ecosystemId)
		.where('membership.partner_id', '=', partnerId)
		.where('membership.role', 'in', ['partner_admin', 'partner_member'])
		.orderBy('user.email')
		.execute();
	if (people.length > 0) return people;
	const partner = await db.selectFrom('partner').select(['email', 'name']).where('ecosystem_id', '=', ecosystemId).where('id', '=', partnerId).executeTakeFirst();
	return partner?.email ? [{ email: partner.email, name: partner.name, locale: null }] : [];
}
