/**
 * The common agenda's use-cases. Backbone staff (`ecosystem.agenda.manage`) define results,
 * indicators, targets, strategies and actions; partners (`partner.activities.manage`, own partner
 * only) attach activities and performance measures to strategies; the published part is public.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { slugify, nowIso } from '../util.js';
import { loadDashboardInput } from '../dashboard/dashboard.service.js';
import { defaultGoalYear, publicIndexes } from '../dashboard/dashboard.js';
import { localized, type Locale } from '../content.js';
import { resultView } from './agenda-view.js';
import { groupLabel } from '../dashboard/dashboard-labels.js';

/** Groups every form offers besides the ecosystem's focus groups. */
const commonGroups = ['all', 'black', 'hispanic', 'asian', 'white', 'female', 'male', 'black:female', 'hispanic:female', 'asian:female', 'white:female'];
import * as repo from './agenda.repository.js';
import {
	actionSchema,
	actionStatusSchema,
	activitySchema,
	indicatorSchema,
	measureSchema,
	needsReminder,
	resultSchema,
	strategySchema,
	todayUtc,
	formatYearValues,
	type IndicatorInput
} from './agenda.js';
import { accessIndexSeries, readAgenda, type AgendaResult } from './agenda-read.js';
import { straightLineTargets } from './turn-the-curve.js';
import { actionReminderEmail } from './agenda-mail.js';

type Db = Kysely<Database>;

async function loadAgenda(db: Db, ecosystemId: string, { publishedOnly, partnerId }: { publishedOnly: boolean; partnerId?: string }) {
	const [measurement, results, indicators, targets, values, strategies, activities, measures, actions] = await Promise.all([
		loadDashboardInput(db, ecosystemId),
		repo.listResults(db, ecosystemId, { publishedOnly }),
		repo.listIndicators(db, ecosystemId),
		repo.listYearValues(db, 'agenda_target', ecosystemId),
		repo.listYearValues(db, 'agenda_indicator_value', ecosystemId),
		repo.listStrategies(db, ecosystemId),
		repo.listActivities(db, ecosystemId, partnerId),
		repo.listMeasures(db, ecosystemId),
		publishedOnly ? Promise.resolve([]) : repo.listActions(db, ecosystemId)
	]);
	if (!measurement) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	const goalYear = measurement.ecosystem.goal_year ?? defaultGoalYear;
	const read = readAgenda({ measurement, goalYear, results, indicators, targets, values, strategies, activities, measures, actions, today: todayUtc() });
	return { goalYear, ...read };
}

/** The published agenda: anyone may read it. Actions (with their owners) stay with the backbone. */
export async function getPublicAgenda({ db, ecosystemId }: { db: Db; ecosystemId: string }): Promise<{ goalYear: number; threshold: number; results: AgendaResult[] }> {
	return loadAgenda(db, ecosystemId, { publishedOnly: true });
}

/** The public agenda page in one language: the goal, then each published result. */
export async function getAgendaPage({ db, ecosystemId, locale }: { db: Db; ecosystemId: string; locale: Locale }) {
	const [agenda, ecosystem] = await Promise.all([
		getPublicAgenda({ db, ecosystemId }),
		db.selectFrom('ecosystem').select(['goal', 'goal_es']).where('id', '=', ecosystemId).executeTakeFirstOrThrow()
	]);
	return {
		goalYear: agenda.goalYear,
		threshold: agenda.threshold,
		goal: localized(locale, ecosystem.goal, ecosystem.goal_es),
		results: agenda.results.map((r) => resultView(r, locale))
	};
}

/** One published indicator's turn-the-curve page, with its result and the partners working on it. */
export async function getIndicatorPage({ db, ecosystemId, slug, locale }: { db: Db; ecosystemId: string; slug: string; locale: Locale }) {
	const agenda = await getPublicAgenda({ db, ecosystemId });
	for (const result of agenda.results) {
		const indicator = result.indicators.find((i) => i.row.slug === slug);
		if (!indicator) continue;
		const view = resultView({ ...result, indicators: [indicator] }, locale);
		return { goalYear: agenda.goalYear, threshold: agenda.threshold, result: view, indicator: view.indicators[0]! };
	}
	throw new DomainError('AGENDA_ITEM_NOT_FOUND');
}

/** Backbone staff: the whole agenda (published or not), its actions, and what the forms offer. */
export async function getAgendaForBackbone({ db, actor, ecosystemId, locale = 'en' }: { db: Db; actor: Actor; ecosystemId: string; locale?: Locale }) {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const [agenda, owners, metrics] = await Promise.all([
		loadAgenda(db, ecosystemId, { publishedOnly: false }),
		repo.listPossibleOwners(db, ecosystemId),
		db.selectFrom('metric').select(['id', 'name', 'name_es']).where('ecosystem_id', '=', ecosystemId).where('archived_at', 'is', null).orderBy('name').execute()
	]);
	const strategiesWithoutPartners = agenda.results.flatMap((r) => r.strategies.filter((s) => s.activities.length === 0).map((s) => ({ ...s, resultTitle: r.row.title })));
	const today = todayUtc();
	return { ...agenda, today, views: agenda.results.map((r) => resultView(r, locale)), owners, metrics, strategiesWithoutPartners };
}

/** Open actions past their due date, for the backbone's workspace. */
export async function listOverdueActions({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const today = todayUtc();
	const actions = await repo.listActions(db, ecosystemId);
	return actions.filter((a) => (a.status === 'planned' || a.status === 'in_progress') && a.due_on < today);
}

// --- results ------------------------------------------------------------------------------------

export async function createResult({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ id: string; slug: string }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(resultSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx) => {
		const base = slugify(v.title) || 'result';
		let slug = base;
		for (let n = 2; await repo.resultSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const position = (await repo.listResults(trx, ecosystemId, { publishedOnly: false })).length;
		const id = await repo.insertResult(trx, ecosystemId, slug, v, position);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_result', id, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.result.create', entityType: 'agenda_result', entityId: id, summary: `Added the result “${v.title}”` });
		return ok({ id, slug });
	});
}

export async function updateResult({ db, actor, ecosystemId, resultId, input }: { db: Db; actor: Actor; ecosystemId: string; resultId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(resultSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx) => {
		const current = await repo.findResult(trx, ecosystemId, resultId);
		if (!current) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		const publishedAt = v.published ? (current.published_at ?? nowIso()) : null;
		await repo.updateResult(trx, ecosystemId, resultId, v, publishedAt);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_result', id: resultId, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.result.update', entityType: 'agenda_result', entityId: resultId, summary: `Updated the result “${v.title}” (version ${version})` });
		return ok({ version });
	});
}

// --- indicators ---------------------------------------------------------------------------------

/** References checked against this ecosystem's rows; targets filled in from a final target. */
async function resolveIndicator(trx: Executor, ecosystemId: string, v: IndicatorInput): Promise<Outcome<{ targets: { year: number; value: number }[]; baselineValue: number | null }>> {
	const issues: FieldIssue[] = [];
	if (!(await repo.findResult(trx, ecosystemId, v.result_id))) issues.push({ field: 'result_id', message: 'Choose one of this ecosystem’s results.' });
	if (v.source === 'access_index' && v.metric_id) {
		const metric = await trx.selectFrom('metric').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', v.metric_id).executeTakeFirst();
		if (!metric) issues.push({ field: 'metric_id', message: 'Choose one of this ecosystem’s metrics.' });
	}
	let targets = v.targets;
	let baselineValue = v.baseline_value;
	if (!issues.length && v.final_target !== null && v.baseline_year !== undefined) {
		if (baselineValue === null && v.source === 'access_index') {
			const measurement = await loadDashboardInput(trx, ecosystemId);
			const series = measurement ? accessIndexSeries(publicIndexes(measurement), v.metric_id ?? null, v.group_key ?? null) : [];
			baselineValue = series.find((p) => p.year === v.baseline_year)?.value ?? null;
		}
		if (baselineValue === null) {
			issues.push({ field: 'baseline_value', message: `There is no published value for ${v.baseline_year} to start the targets from; enter the baseline value.` });
		} else {
			targets = straightLineTargets({ baseline: { year: v.baseline_year, value: baselineValue }, final: { year: v.target_year, value: v.final_target } });
		}
	}
	return issues.length ? invalid(issues) : ok({ targets, baselineValue });
}

export async function createIndicator({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ id: string; slug: string }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(indicatorSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string; slug: string }>> => {
		const resolved = await resolveIndicator(trx, ecosystemId, v);
		if (!resolved.ok) return resolved;
		const base = slugify(v.name) || 'indicator';
		let slug = base;
		for (let n = 2; await repo.indicatorSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const position = (await repo.listIndicators(trx, ecosystemId)).length;
		const id = await repo.insertIndicator(trx, ecosystemId, slug, { ...v, baseline_value: resolved.value.baselineValue }, position);
		await repo.replaceYearValues(trx, 'agenda_target', ecosystemId, id, resolved.value.targets);
		await repo.replaceYearValues(trx, 'agenda_indicator_value', ecosystemId, id, v.values);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_indicator', id, actor });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'agenda.indicator.create',
			entityType: 'agenda_indicator',
			entityId: id,
			summary: `Added the indicator “${v.name}”`,
			detail: { targets: resolved.value.targets, values: v.values }
		});
		return ok({ id, slug });
	});
}

export async function updateIndicator({ db, actor, ecosystemId, indicatorSlug, input }: { db: Db; actor: Actor; ecosystemId: string; indicatorSlug: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(indicatorSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ version: number }>> => {
		const current = await repo.findIndicatorBySlug(trx, ecosystemId, indicatorSlug);
		if (!current) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		const resolved = await resolveIndicator(trx, ecosystemId, v);
		if (!resolved.ok) return resolved;
		await repo.updateIndicator(trx, ecosystemId, current.id, { ...v, baseline_value: resolved.value.baselineValue });
		await repo.replaceYearValues(trx, 'agenda_target', ecosystemId, current.id, resolved.value.targets);
		await repo.replaceYearValues(trx, 'agenda_indicator_value', ecosystemId, current.id, v.values);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_indicator', id: current.id, actor });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'agenda.indicator.update',
			entityType: 'agenda_indicator',
			entityId: current.id,
			summary: `Updated the indicator “${v.name}” (version ${version})`,
			detail: { targets: resolved.value.targets, values: v.values }
		});
		return ok({ version });
	});
}

/** Backbone staff: one indicator as its edit form shows it, the form's choices, and its versions. */
export async function getIndicatorForEdit({ db, actor, ecosystemId, slug, locale = 'en' }: { db: Db; actor: Actor; ecosystemId: string; slug: string; locale?: Locale }) {
	const options = await prepareAgendaForms({ db, actor, ecosystemId, locale });
	const row = await repo.findIndicatorBySlug(db, ecosystemId, slug);
	if (!row) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
	const [targets, values, revisions] = await Promise.all([
		repo.listYearValues(db, 'agenda_target', ecosystemId),
		repo.listYearValues(db, 'agenda_indicator_value', ecosystemId),
		repo.listRevisions(db, ecosystemId, row.id)
	]);
	const stored: Record<string, string | number | null> = {
		...row,
		targets: formatYearValues(targets.filter((t) => t.indicatorId === row.id)),
		values: formatYearValues(values.filter((t) => t.indicatorId === row.id))
	};
	return { row, stored, options, revisions };
}

// --- strategies ---------------------------------------------------------------------------------

export async function createStrategy({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(strategySchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		if (!(await repo.findResult(trx, ecosystemId, v.result_id))) return invalid([{ field: 'result_id', message: 'Choose one of this ecosystem’s results.' }]);
		const position = (await repo.listStrategies(trx, ecosystemId)).length;
		const id = await repo.insertStrategy(trx, ecosystemId, v, position);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_strategy', id, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.strategy.create', entityType: 'agenda_strategy', entityId: id, summary: `Added the strategy “${v.title}”` });
		return ok({ id });
	});
}

// --- actions ------------------------------------------------------------------------------------

export async function createAction({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(actionSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		const issues: FieldIssue[] = [];
		if (!(await repo.findResult(trx, ecosystemId, v.result_id))) issues.push({ field: 'result_id', message: 'Choose one of this ecosystem’s results.' });
		if (v.indicator_id) {
			const indicator = await repo.findIndicator(trx, ecosystemId, v.indicator_id);
			if (!indicator || indicator.result_id !== v.result_id) issues.push({ field: 'indicator_id', message: 'Choose an indicator of the same result, or none.' });
		}
		const owners = await repo.listPossibleOwners(trx, ecosystemId);
		if (!owners.some((o) => o.id === v.owner_user_id)) issues.push({ field: 'owner_user_id', message: 'Choose someone with a role in this ecosystem as the owner.' });
		if (issues.length) return invalid(issues);
		const id = await repo.insertAction(trx, ecosystemId, v);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_action', id, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.action.create', entityType: 'agenda_action', entityId: id, summary: `Added the action “${v.title}”, due ${v.due_on}` });
		return ok({ id });
	});
}

export async function setActionStatus({ db, actor, ecosystemId, actionId, input }: { db: Db; actor: Actor; ecosystemId: string; actionId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(actionStatusSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const current = await repo.findAction(trx, ecosystemId, actionId);
		if (!current) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		await repo.setActionStatus(trx, ecosystemId, actionId, parsed.value.status);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_action', id: actionId, actor });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'agenda.action.status',
			entityType: 'agenda_action',
			entityId: actionId,
			summary: `Action “${current.title}”: ${current.status} → ${parsed.value.status}`
		});
		return ok({ version });
	});
}

/**
 * Emails the owner of every open action that is overdue or due within a week and was not
 * reminded in the last week, through the outbox. Returns how many reminders were queued.
 */
export async function sendActionReminders({ ctx, actor, ecosystemId, locale, origin }: { ctx: AppContext; actor: Actor; ecosystemId: string; locale: Locale; origin: string }): Promise<{ sent: number }> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const db = ctx.db.kysely;
	const now = new Date();
	const messages = await db.transaction().execute(async (trx) => {
		const ecosystem = await trx.selectFrom('ecosystem').select(['name', 'slug']).where('id', '=', ecosystemId).executeTakeFirstOrThrow();
		const due = (await repo.listActions(trx, ecosystemId)).filter((a) => a.owner_email && needsReminder(a, now));
		await repo.markReminded(trx, ecosystemId, due.map((a) => a.id));
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.action.remind', entityType: 'agenda_action', summary: `Reminded the owners of ${due.length} action(s)` });
		return due.map((a) =>
			actionReminderEmail(locale, {
				ecosystemId,
				to: a.owner_email!,
				ecosystem: ecosystem.name,
				title: a.title,
				due: a.due_on,
				overdue: a.due_on < todayUtc(now),
				url: `${origin}/e/${ecosystem.slug}/admin/agenda#actions`
			})
		);
	});
	for (const message of messages) await ctx.mailer.send(message);
	return { sent: messages.length };
}

// --- partners' activities and performance measures --------------------------------------------

/**
 * The partner a contributions page or form is about. Membership is checked first (signed-out
 * people are sent to sign in, outsiders refused before learning anything), then the right to
 * manage that partner's activities.
 */
async function authorisedPartner(db: Executor, actor: Actor, ecosystemId: string, partnerSlug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await db.selectFrom('partner').select(['id', 'name', 'slug']).where('ecosystem_id', '=', ecosystemId).where('slug', '=', partnerSlug).executeTakeFirst();
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.activities.manage', { ecosystemId, partnerId: partner.id });
	return partner;
}

/** A partner's page of contributions: the strategies it may join, and its activities with their measures. */
export async function getPartnerContributions({ db, actor, ecosystemId, partnerSlug, locale = 'en' }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; locale?: Locale }) {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const agenda = await loadAgenda(db, ecosystemId, { publishedOnly: false, partnerId: partner.id });
	const views = agenda.results.map((r) => resultView(r, locale));
	const strategies = views.flatMap((r) => r.strategies.map((s) => ({ id: s.id, title: s.title, result: r.title })));
	const activities = views.flatMap((r) => r.strategies.flatMap((s) => s.activities.map((a) => ({ ...a, strategy: s.title }))));
	return { partner, strategies, activities };
}

export async function createActivity({ db, actor, ecosystemId, partnerSlug, input }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(activitySchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		if (!(await repo.findStrategy(trx, ecosystemId, v.strategy_id))) return invalid([{ field: 'strategy_id', message: 'Choose one of this ecosystem’s strategies.' }]);
		const id = await repo.insertActivity(trx, ecosystemId, partner.id, v);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_activity', id, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.activity.create', entityType: 'agenda_activity', entityId: id, summary: `${partner.name} added the activity “${v.name}”` });
		return ok({ id });
	});
}

export async function createMeasure({ db, actor, ecosystemId, partnerSlug, input }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(measureSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		const activity = await repo.findActivity(trx, ecosystemId, v.activity_id);
		if (!activity || activity.partner_id !== partner.id) return invalid([{ field: 'activity_id', message: 'Choose one of your own activities.' }]);
		const id = await repo.insertMeasure(trx, ecosystemId, v);
		await repo.recordRevision(trx, { ecosystemId, table: 'agenda_measure', id, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.measure.create', entityType: 'agenda_measure', entityId: id, summary: `${partner.name} added the performance measure “${v.name}”` });
		return ok({ id });
	});
}

// --- what the backbone's forms offer ------------------------------------------------------------

/** Choices for the agenda's forms: results, indicators, metrics, groups and possible owners. */
export async function prepareAgendaForms({ db, actor, ecosystemId, locale = 'en' }: { db: Db; actor: Actor; ecosystemId: string; locale?: Locale }) {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const [results, indicators, owners, metrics, ecosystem] = await Promise.all([
		repo.listResults(db, ecosystemId, { publishedOnly: false }),
		repo.listIndicators(db, ecosystemId),
		repo.listPossibleOwners(db, ecosystemId),
		db.selectFrom('metric').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('archived_at', 'is', null).orderBy('name').execute(),
		db.selectFrom('ecosystem').select(['goal_year', 'focus_groups_json']).where('id', '=', ecosystemId).executeTakeFirstOrThrow()
	]);
	const focus: unknown = JSON.parse(ecosystem.focus_groups_json ?? '[]');
	return {
		results: results.map((r) => ({ id: r.id, title: r.title })),
		indicators: indicators.map((i) => ({ id: i.id, name: i.name, resultId: i.result_id })),
		owners: owners.map((o) => ({ id: o.id, name: o.name, email: o.email })),
		metrics,
		groups: [...new Set([...(Array.isArray(focus) ? focus.filter((g): g is string => typeof g === 'string') : []), ...commonGroups])].map((g) => ({ value: g, label: groupLabel(g, locale) })),
		goalYear: ecosystem.goal_year ?? defaultGoalYear
	};
}

/** Backbone staff: one result for its edit form, with its versions. */
export async function getResultForEdit({ db, actor, ecosystemId, resultId }: { db: Db; actor: Actor; ecosystemId: string; resultId: string }) {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const row = await repo.findResult(db, ecosystemId, resultId);
	if (!row) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
	return { row, revisions: await repo.listRevisions(db, ecosystemId, row.id) };
}

// --- editing strategies, actions, activities and measures ---------------------------------------

/** Backbone staff: one strategy, action, activity or measure, as its edit form shows it, with its versions. */
export async function getAgendaItemForEdit({ db, actor, ecosystemId, kind, id }: { db: Db; actor: Actor; ecosystemId: string; kind: 'strategy' | 'action'; id: string }) {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const row = kind === 'strategy' ? await repo.findStrategy(db, ecosystemId, id) : await repo.findAction(db, ecosystemId, id);
	if (!row) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
	return { row: row as Record<string, unknown> & { id: string; version: number }, revisions: await repo.listRevisions(db, ecosystemId, row.id) };
}

export async function updateStrategy({ db, actor, ecosystemId, strategyId, input }: { db: Db; actor: Actor; ecosystemId: string; strategyId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(strategySchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ version: number }>> => {
		const current = await repo.findStrategy(trx, ecosystemId, strategyId);
		if (!current) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		if (!(await repo.findResult(trx, ecosystemId, v.result_id))) return invalid([{ field: 'result_id', message: 'Choose one of this ecosystem’s results.' }]);
		await repo.updateStrategy(trx, ecosystemId, strategyId, v);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_strategy', id: strategyId, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.strategy.update', entityType: 'agenda_strategy', entityId: strategyId, summary: `Updated the strategy “${v.title}” (version ${version})` });
		return ok({ version });
	});
}

async function actionProblems(trx: Executor, ecosystemId: string, v: { result_id: string; indicator_id?: string; owner_user_id: string }): Promise<FieldIssue[]> {
	const issues: FieldIssue[] = [];
	if (!(await repo.findResult(trx, ecosystemId, v.result_id))) issues.push({ field: 'result_id', message: 'Choose one of this ecosystem’s results.' });
	if (v.indicator_id) {
		const indicator = await repo.findIndicator(trx, ecosystemId, v.indicator_id);
		if (!indicator || indicator.result_id !== v.result_id) issues.push({ field: 'indicator_id', message: 'Choose an indicator of the same result, or none.' });
	}
	const owners = await repo.listPossibleOwners(trx, ecosystemId);
	if (!owners.some((o) => o.id === v.owner_user_id)) issues.push({ field: 'owner_user_id', message: 'Choose someone with a role in this ecosystem as the owner.' });
	return issues;
}

export async function updateAction({ db, actor, ecosystemId, actionId, input }: { db: Db; actor: Actor; ecosystemId: string; actionId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(actionSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ version: number }>> => {
		const current = await repo.findAction(trx, ecosystemId, actionId);
		if (!current) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		const issues = await actionProblems(trx, ecosystemId, v);
		if (issues.length) return invalid(issues);
		await repo.updateAction(trx, ecosystemId, actionId, v);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_action', id: actionId, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.action.update', entityType: 'agenda_action', entityId: actionId, summary: `Updated the action “${v.title}”, due ${v.due_on} (version ${version})` });
		return ok({ version });
	});
}

/** A partner's own activity or measure for its edit form (another partner's is "not found"), with its versions. */
export async function getContributionForEdit({ db, actor, ecosystemId, partnerSlug, kind, id }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; kind: 'activity' | 'measure'; id: string }) {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const activities = await repo.listActivities(db, ecosystemId, partner.id);
	let stored: Record<string, string | number | null>;
	if (kind === 'activity') {
		const row = activities.find((a) => a.id === id);
		if (!row) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		stored = { strategy_id: row.strategy_id, name: row.name, name_es: row.name_es, description: row.description, description_es: row.description_es, version: Number(row.version) };
	} else {
		const row = await repo.findMeasure(db, ecosystemId, id);
		if (!row || !activities.some((a) => a.id === row.activity_id)) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		stored = { activity_id: row.activity_id, name: row.name, name_es: row.name_es, kind: row.kind, polarity: row.polarity, values: formatYearValues(row.values), version: Number(row.version) };
	}
	const strategies = (await repo.listStrategies(db, ecosystemId)).map((s) => ({ id: s.id, title: s.title }));
	return { partner, stored, strategies, activities: activities.map((a) => ({ id: a.id, name: a.name })), revisions: await repo.listRevisions(db, ecosystemId, id) };
}

export async function updateActivity({ db, actor, ecosystemId, partnerSlug, activityId, input }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; activityId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(activitySchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ version: number }>> => {
		const current = await repo.findActivity(trx, ecosystemId, activityId);
		if (!current || current.partner_id !== partner.id) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		if (!(await repo.findStrategy(trx, ecosystemId, v.strategy_id))) return invalid([{ field: 'strategy_id', message: 'Choose one of this ecosystem’s strategies.' }]);
		await repo.updateActivity(trx, ecosystemId, activityId, v);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_activity', id: activityId, actor });
		await recordAudit(trx, { actor, ecosystemId, action: 'agenda.activity.update', entityType: 'agenda_activity', entityId: activityId, summary: `${partner.name} updated the activity “${v.name}” (version ${version})` });
		return ok({ version });
	});
}

export async function updateMeasure({ db, actor, ecosystemId, partnerSlug, measureId, input }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; measureId: string; input: unknown }): Promise<Outcome<{ version: number }>> {
	const partner = await authorisedPartner(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(measureSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<{ version: number }>> => {
		const current = await repo.findMeasure(trx, ecosystemId, measureId);
		const owner = current ? await repo.findActivity(trx, ecosystemId, current.activity_id) : undefined;
		if (!current || owner?.partner_id !== partner.id) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
		const target = await repo.findActivity(trx, ecosystemId, v.activity_id);
		if (!target || target.partner_id !== partner.id) return invalid([{ field: 'activity_id', message: 'Choose one of your own activities.' }]);
		await repo.updateMeasure(trx, ecosystemId, measureId, v);
		const version = await repo.recordRevision(trx, { ecosystemId, table: 'agenda_measure', id: measureId, actor });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'agenda.measure.update',
			entityType: 'agenda_measure',
			entityId: measureId,
			summary: `${partner.name} updated the performance measure “${v.name}” (version ${version})`,
			detail: { values: v.values }
		});
		return ok({ version });
	});
}
