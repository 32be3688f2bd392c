/**
 * The common agenda's tables. Every query filters by ecosystem_id, including look-ups by id, so
 * another ecosystem's ids find nothing.
 */
import type { Executor } from '../audit/audit.repository.js';
import type { Actor } from '../auth/roles.js';
import type { ActionInput, ActivityInput, IndicatorInput, MeasureInput, ResultInput, StrategyInput } from './agenda.js';
import type { Point } from './turn-the-curve.js';
import { newId, nowIso } from '../util.js';

export type Versioned = 'agenda_result' | 'agenda_indicator' | 'agenda_strategy' | 'agenda_action' | 'agenda_activity' | 'agenda_measure';

/** Keeps the full content of one version of an agenda item. */
export async function recordRevision(db: Executor, args: { ecosystemId: string; table: Versioned; id: string; actor: Actor }): Promise<number> {
	const row = await db.selectFrom(args.table).selectAll().where('ecosystem_id', '=', args.ecosystemId).where('id', '=', args.id).executeTakeFirstOrThrow();
	const version = Number(row.version);
	await db
		.insertInto('agenda_revision')
		.values({
			id: newId(),
			ecosystem_id: args.ecosystemId,
			entity_type: args.table,
			entity_id: args.id,
			version,
			snapshot_json: JSON.stringify(row),
			actor_user_id: args.actor.kind === 'user' ? args.actor.userId : null,
			created_at: nowIso()
		})
		.execute();
	return version;
}

export async function listRevisions(db: Executor, ecosystemId: string, entityId: string) {
	const rows = await db
		.selectFrom('agenda_revision')
		.select(['version', 'snapshot_json', 'actor_user_id', 'created_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('entity_id', '=', entityId)
		.orderBy('version')
		.execute();
	return rows.map((r) => ({ version: Number(r.version), snapshot: JSON.parse(r.snapshot_json) as Record<string, unknown>, actorUserId: r.actor_user_id, createdAt: r.created_at }));
}

// --- results ------------------------------------------------------------------------------------

export async function listResults(db: Executor, ecosystemId: string, { publishedOnly }: { publishedOnly: boolean }) {
	let query = db.selectFrom('agenda_result').selectAll().where('ecosystem_id', '=', ecosystemId);
	if (publishedOnly) query = query.where('published_at', 'is not', null);
	return query.orderBy('position').orderBy('created_at').execute();
}
export type ResultRow = Awaited<ReturnType<typeof listResults>>[number];

export async function findResult(db: Executor, ecosystemId: string, id: string) {
	return db.selectFrom('agenda_result').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function resultSlugInUse(db: Executor, ecosystemId: string, slug: string) {
	return !!(await db.selectFrom('agenda_result').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

const resultColumns = (v: ResultInput, publishedAt: string | null) => ({
	title: v.title,
	title_es: v.title_es ?? null,
	statement: v.statement,
	statement_es: v.statement_es ?? null,
	published_at: publishedAt
});

export async function insertResult(db: Executor, ecosystemId: string, slug: string, v: ResultInput, position: number): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_result')
		.values({ id, ecosystem_id: ecosystemId, slug, position, ...resultColumns(v, v.published ? now : null), version: 1, created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function updateResult(db: Executor, ecosystemId: string, id: string, v: ResultInput, publishedAt: string | null): Promise<number> {
	const r = await db
		.updateTable('agenda_result')
		.set((eb) => ({ ...resultColumns(v, publishedAt), version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

// --- indicators ---------------------------------------------------------------------------------

export async function listIndicators(db: Executor, ecosystemId: string) {
	return db.selectFrom('agenda_indicator').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('position').orderBy('created_at').execute();
}
export type IndicatorRow = Awaited<ReturnType<typeof listIndicators>>[number];

export async function findIndicatorBySlug(db: Executor, ecosystemId: string, slug: string) {
	return db.selectFrom('agenda_indicator').selectAll().where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function findIndicator(db: Executor, ecosystemId: string, id: string) {
	return db.selectFrom('agenda_indicator').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function indicatorSlugInUse(db: Executor, ecosystemId: string, slug: string) {
	return !!(await findIndicatorBySlug(db, ecosystemId, slug));
}

const indicatorColumns = (v: IndicatorInput) => ({
	result_id: v.result_id,
	name: v.name,
	name_es: v.name_es ?? null,
	source: v.source,
	metric_id: v.source === 'access_index' ? (v.metric_id ?? null) : null,
	group_key: v.source === 'access_index' ? (v.group_key ?? null) : null,
	unit: v.unit,
	polarity: v.polarity,
	baseline_year: v.baseline_year ?? null,
	baseline_value: v.baseline_value,
	target_year: v.target_year,
	forecast_window: v.forecast_window,
	story_md: v.story_md,
	story_md_es: v.story_md_es ?? null
});

export async function insertIndicator(db: Executor, ecosystemId: string, slug: string, v: IndicatorInput, position: number): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_indicator')
		.values({ id, ecosystem_id: ecosystemId, slug, position, ...indicatorColumns(v), version: 1, created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function updateIndicator(db: Executor, ecosystemId: string, id: string, v: IndicatorInput): Promise<number> {
	const r = await db
		.updateTable('agenda_indicator')
		.set((eb) => ({ ...indicatorColumns(v), version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Replaces an indicator's targets or hand-entered values with `points`. */
export async function replaceYearValues(db: Executor, table: 'agenda_target' | 'agenda_indicator_value', ecosystemId: string, indicatorId: string, points: readonly Point[]) {
	await db.deleteFrom(table).where('ecosystem_id', '=', ecosystemId).where('indicator_id', '=', indicatorId).execute();
	if (points.length) {
		await db
			.insertInto(table)
			.values(points.map((p) => ({ ecosystem_id: ecosystemId, indicator_id: indicatorId, year: p.year, value: p.value })))
			.execute();
	}
}

export async function listYearValues(db: Executor, table: 'agenda_target' | 'agenda_indicator_value', ecosystemId: string) {
	const rows = await db.selectFrom(table).select(['indicator_id', 'year', 'value']).where('ecosystem_id', '=', ecosystemId).orderBy('year').execute();
	return rows.map((r) => ({ indicatorId: r.indicator_id, year: Number(r.year), value: Number(r.value) }));
}

// --- strategies, activities, measures -----------------------------------------------------------

export async function listStrategies(db: Executor, ecosystemId: string) {
	return db.selectFrom('agenda_strategy').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('position').orderBy('created_at').execute();
}

export async function findStrategy(db: Executor, ecosystemId: string, id: string) {
	return db.selectFrom('agenda_strategy').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function insertStrategy(db: Executor, ecosystemId: string, v: StrategyInput, position: number): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_strategy')
		.values({
			id,
			ecosystem_id: ecosystemId,
			result_id: v.result_id,
			title: v.title,
			title_es: v.title_es ?? null,
			description: v.description,
			description_es: v.description_es ?? null,
			position,
			version: 1,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function listActivities(db: Executor, ecosystemId: string, partnerId?: string) {
	let query = db
		.selectFrom('agenda_activity')
		.innerJoin('partner', 'partner.id', 'agenda_activity.partner_id')
		.selectAll('agenda_activity')
		.select(['partner.name as partner_name', 'partner.slug as partner_slug'])
		.where('agenda_activity.ecosystem_id', '=', ecosystemId)
		.where('partner.ecosystem_id', '=', ecosystemId);
	if (partnerId) query = query.where('agenda_activity.partner_id', '=', partnerId);
	return query.orderBy('partner.name').orderBy('agenda_activity.created_at').execute();
}

export async function findActivity(db: Executor, ecosystemId: string, id: string) {
	return db.selectFrom('agenda_activity').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function insertActivity(db: Executor, ecosystemId: string, partnerId: string, v: ActivityInput): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_activity')
		.values({
			id,
			ecosystem_id: ecosystemId,
			partner_id: partnerId,
			strategy_id: v.strategy_id,
			name: v.name,
			name_es: v.name_es ?? null,
			description: v.description,
			description_es: v.description_es ?? null,
			version: 1,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function listMeasures(db: Executor, ecosystemId: string) {
	const rows = await db.selectFrom('agenda_measure').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('created_at').execute();
	return rows.map((r) => ({ ...r, values: JSON.parse(r.values_json) as Point[] }));
}

export async function insertMeasure(db: Executor, ecosystemId: string, v: MeasureInput): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_measure')
		.values({
			id,
			ecosystem_id: ecosystemId,
			activity_id: v.activity_id,
			name: v.name,
			name_es: v.name_es ?? null,
			kind: v.kind,
			polarity: v.polarity,
			values_json: JSON.stringify(v.values),
			version: 1,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

// --- actions ------------------------------------------------------------------------------------

export async function listActions(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('agenda_action')
		.leftJoin('user', 'user.id', 'agenda_action.owner_user_id')
		.selectAll('agenda_action')
		.select(['user.name as owner_name', 'user.email as owner_email'])
		.where('agenda_action.ecosystem_id', '=', ecosystemId)
		.orderBy('agenda_action.due_on')
		.orderBy('agenda_action.created_at')
		.execute();
}
export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

export async function findAction(db: Executor, ecosystemId: string, id: string) {
	return db.selectFrom('agenda_action').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function insertAction(db: Executor, ecosystemId: string, v: ActionInput): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('agenda_action')
		.values({
			id,
			ecosystem_id: ecosystemId,
			result_id: v.result_id,
			indicator_id: v.indicator_id ?? null,
			title: v.title,
			owner_user_id: v.owner_user_id,
			due_on: v.due_on,
			status: v.status,
			notes: v.notes,
			reminded_at: null,
			version: 1,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function setActionStatus(db: Executor, ecosystemId: string, id: string, status: ActionInput['status']): Promise<number> {
	const r = await db
		.updateTable('agenda_action')
		.set((eb) => ({ status, version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function markReminded(db: Executor, ecosystemId: string, ids: readonly string[]) {
	if (!ids.length) return;
	await db.updateTable('agenda_action').set({ reminded_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', 'in', ids).execute();
}

/** People who may own an action: anyone with a role in the ecosystem. */
export async function listPossibleOwners(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.select(['user.id', 'user.name', 'user.email', 'membership.role'])
		.where('membership.ecosystem_id', '=', ecosystemId)
		.orderBy('user.name')
		.execute();
}

// --- edits (each raises the version; the caller records the revision) ---------------------------

export async function updateStrategy(db: Executor, ecosystemId: string, id: string, v: StrategyInput) {
	await db
		.updateTable('agenda_strategy')
		.set((eb) => ({ result_id: v.result_id, title: v.title, title_es: v.title_es ?? null, description: v.description, description_es: v.description_es ?? null, version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
}

export async function updateActivity(db: Executor, ecosystemId: string, id: string, v: ActivityInput) {
	await db
		.updateTable('agenda_activity')
		.set((eb) => ({ strategy_id: v.strategy_id, name: v.name, name_es: v.name_es ?? null, description: v.description, description_es: v.description_es ?? null, version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
}

export async function findMeasure(db: Executor, ecosystemId: string, id: string) {
	const row = await db.selectFrom('agenda_measure').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
	return row ? { ...row, values: JSON.parse(row.values_json) as Point[] } : undefined;
}

export async function updateMeasure(db: Executor, ecosystemId: string, id: string, v: MeasureInput) {
	await db
		.updateTable('agenda_measure')
		.set((eb) => ({ activity_id: v.activity_id, name: v.name, name_es: v.name_es ?? null, kind: v.kind, polarity: v.polarity, values_json: JSON.stringify(v.values), version: eb('version', '+', 1), updated_at: nowIso() }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
}

export async function updateAction(db: Executor, ecosystemId: string, id: string, v: ActionInput) {
	await db
		.updateTable('agenda_action')
		.set((eb) => ({
			result_id: v.result_id,
			indicator_id: v.indicator_id || null,
			title: v.title,
			owner_user_id: v.owner_user_id,
			due_on: v.due_on,
			status: v.status,
			notes: v.notes,
			version: eb('version', '+', 1),
			updated_at: nowIso()
		}))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
}
