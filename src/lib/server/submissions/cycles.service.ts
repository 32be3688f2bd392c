/**
 * The backbone side of partner submissions: open a collection cycle, watch who has submitted,
 * accept or return a submission (accepting refreshes the network's numbers on the dashboard in
 * the same transaction), and remind partners before the due date.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { nowIso } from '../util.js';
import { listPartners, findPartnerById } from '../partners/partners.repository.js';
import { sectors } from '../partners/partners.js';
import { listMetrics, replaceMetricValues } from '../metrics/metrics.repository.js';
import { findEcosystemById } from '../ecosystems/ecosystems.repository.js';
import * as repo from './submissions.repository.js';
import {
	boardStatus,
	cycleMetricOf,
	cycleSchema,
	isLate,
	isPublicGroupKey,
	latestAccepted,
	NO_PARTNERS_CHOSEN,
	partnerChoiceIssues,
	qualityFlags,
	reviewSchema,
	selectPartners,
	sumByMetricGroup,
	summableUnits,
	templateGroups,
	type BoardStatus
} from './submissions.js';
import { asLocale, reminderEmail, returnedEmail } from './submissions-mail.js';

type Scope = { db: Kysely<Database>; actor: Actor; ecosystemId: string };

export const todayOf = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Backbone staff: what the "Open a collection cycle" form offers. */
export async function prepareCycleForm({ db, actor, ecosystemId }: Scope) {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const [metrics, partners] = await Promise.all([listMetrics(db, ecosystemId), listPartners(db, ecosystemId)]);
	return {
		metrics: metrics.filter((m) => m.archived_at === null && summableUnits.includes(m.unit)).map((m) => ({ id: m.id, name: m.name, name_es: m.name_es, unit: m.unit, stage: m.stage })),
		partners: partners.map((p) => ({ id: p.id, name: p.name, sector: p.sector })),
		sectors: sectors.filter((s) => partners.some((p) => p.sector === s))
	};
}

/** Backbone staff open a cycle: its period, the metrics asked, the due date and the partners asked. */
export async function openCycle({ db, actor, ecosystemId, input }: Scope & { input: unknown }): Promise<Outcome<{ id: string; partners: number }>> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const parsed = validate(cycleSchema, input);
	if (!parsed.ok) return invalid([...parsed.issues, ...partnerChoiceIssues(input)]);
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		const [metrics, partners] = await Promise.all([listMetrics(trx, ecosystemId), listPartners(trx, ecosystemId)]);
		const issues = [];
		const usable = new Set(metrics.filter((m) => m.archived_at === null && summableUnits.includes(m.unit)).map((m) => m.id));
		if (value.metric_ids.some((id) => !usable.has(id))) {
			issues.push({ field: 'metric_ids', message: 'Choose metrics from the list: current metrics counted in people or hours.' });
		}
		if (value.partner_ids.some((id) => !partners.some((p) => p.id === id))) {
			issues.push({ field: 'partner_ids', message: 'Choose partners from the list.' });
		}
		const partnerIds = selectPartners(value, partners);
		if (partnerIds.length === 0 && !issues.some((i) => i.field === 'partner_ids')) {
			issues.push({ field: 'partner_ids', message: NO_PARTNERS_CHOSEN });
		}
		if (issues.length > 0) return invalid(issues);
		const id = await repo.insertCycle(trx, ecosystemId, {
			name: value.name,
			year: value.year,
			periodStart: value.period_start,
			periodEnd: value.period_end,
			dueOn: value.due_on,
			instructions: value.instructions,
			createdBy: actor.userId,
			metricIds: [...new Set(value.metric_ids)],
			partnerIds
		});
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'cycle.open',
			entityType: 'collection_cycle',
			entityId: id,
			summary: `Opened the collection cycle “${value.name}” for ${partnerIds.length} partners, due ${value.due_on}`,
			detail: { metrics: value.metric_ids.length, partners: partnerIds.length, year: value.year }
		});
		return ok({ id, partners: partnerIds.length });
	});
}

export interface CycleSummary extends repo.CycleRow {
	asked: number;
	counts: Record<BoardStatus, number>;
	late: number;
}

/** Backbone staff: every cycle with how many partners have submitted, been accepted, returned or are late. */
export async function listCyclesForBackbone({ db, actor, ecosystemId, today = todayOf() }: Scope & { today?: string }): Promise<CycleSummary[]> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const [cycles, asked, latest] = await Promise.all([repo.listCycles(db, ecosystemId), repo.countCyclePartners(db, ecosystemId), repo.listLatestSubmissions(db, ecosystemId)]);
	return cycles.map((cycle) => {
		const rows = latest.filter((s) => s.cycle_id === cycle.id);
		const total = asked.get(cycle.id) ?? 0;
		const counts: Record<BoardStatus, number> = { not_submitted: total - rows.length, submitted: 0, accepted: 0, returned: 0 };
		for (const row of rows) counts[boardStatus(row)]++;
		const late = cycle.due_on < today ? counts.not_submitted + counts.returned : 0;
		return { ...cycle, asked: total, counts, late };
	});
}

async function requireCycle(db: Executor, ecosystemId: string, cycleId: string) {
	const cycle = await repo.findCycle(db, ecosystemId, cycleId);
	if (!cycle) throw new DomainError('CYCLE_NOT_FOUND');
	return cycle;
}

/** Backbone staff: one cycle's status board, one row per partner asked. */
export async function getCycleBoard({ db, actor, ecosystemId, cycleId, today = todayOf() }: Scope & { cycleId: string; today?: string }) {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const cycle = await requireCycle(db, ecosystemId, cycleId);
	const [partners, latest, metrics] = await Promise.all([
		repo.listCyclePartners(db, ecosystemId, cycleId),
		repo.listLatestSubmissions(db, ecosystemId, cycleId),
		repo.listCycleMetrics(db, ecosystemId, cycleId)
	]);
	const rows = partners.map((p) => {
		const submission = latest.find((s) => s.partner_id === p.partner_id);
		const status = boardStatus(submission);
		return {
			id: p.partner_id,
			name: p.name,
			slug: p.slug,
			sector: p.sector,
			status,
			late: isLate(status, cycle.due_on, today),
			remindedAt: p.reminded_at,
			submission: submission ? { id: submission.id, version: submission.version, method: submission.method, createdAt: submission.created_at } : null
		};
	});
	return { cycle, metrics, rows };
}

/** Backbone staff with two-factor sign-in: one submission's numbers, its warning signs and its history. */
export async function getSubmissionForReview({ db, actor, ecosystemId, submissionId }: Scope & { submissionId: string }) {
	requireAccess(actor, 'ecosystem.submissions.review', { ecosystemId });
	const submission = await repo.findSubmission(db, ecosystemId, submissionId);
	if (!submission) throw new DomainError('SUBMISSION_NOT_FOUND');
	const cycle = await requireCycle(db, ecosystemId, submission.cycle_id);
	const [partner, metricRows, cells, versions, previous] = await Promise.all([
		findPartnerById(db, ecosystemId, submission.partner_id),
		repo.listCycleMetrics(db, ecosystemId, cycle.id),
		repo.listSubmissionCells(db, ecosystemId, submission.id),
		repo.listSubmissionVersions(db, ecosystemId, cycle.id, submission.partner_id),
		repo.listAcceptedCells(db, ecosystemId, { beforeYear: cycle.year, partnerId: submission.partner_id })
	]);
	if (!partner) throw new DomainError('SUBMISSION_NOT_FOUND');
	const metrics = metricRows.map(cycleMetricOf);
	const flags = qualityFlags({ metrics, cells, previous: latestAccepted(previous) });
	const table = metrics.map((metric) => {
		const mine = cells.filter((c) => c.metricId === metric.id);
		const keys = [...new Set([...templateGroups(metric.disaggregations), ...mine.map((c) => c.groupKey)])];
		return {
			metric: metricRows.find((r) => r.id === metric.id)!,
			rows: keys.filter((k) => mine.some((c) => c.groupKey === k)).map((groupKey) => ({ groupKey, value: mine.find((c) => c.groupKey === groupKey)!.value })),
			blank: keys.filter((k) => !mine.some((c) => c.groupKey === k)).length
		};
	});
	return { submission, cycle, partner: { id: partner.id, name: partner.name, slug: partner.slug }, table, flags, versions };
}

/**
 * The network's numbers for one year: for every metric cycles of that year asked for, the sum
 * over partners of each partner's latest accepted cells, written as metric values of origin
 * 'partners' (replacing that year's earlier rollup). Only the keys the public dashboard tabulates
 * (all, race/ethnicity, sex, race × sex) are written; the other breakdowns stay in the
 * submissions, for the partner and backbone views. Writing them moves the dashboard's data
 * version, so cached dashboards are rebuilt on their next read.
 */
export async function refreshRollups(trx: Executor, ecosystemId: string, year: number): Promise<number> {
	const metricIds = await trx
		.selectFrom('collection_cycle_metric as cm')
		.innerJoin('collection_cycle as c', 'c.id', 'cm.cycle_id')
		.select('cm.metric_id')
		.distinct()
		.where('cm.ecosystem_id', '=', ecosystemId)
		.where('c.ecosystem_id', '=', ecosystemId)
		.where('c.year', '=', year)
		.execute();
	const cells = latestAccepted(await repo.listAcceptedCells(trx, ecosystemId, { year }));
	const sums = sumByMetricGroup(cells);
	let written = 0;
	for (const { metric_id } of metricIds) {
		const groups = sums.get(metric_id) ?? new Map();
		const values = [...groups].filter(([groupKey]) => isPublicGroupKey(groupKey)).map(([groupKey, sum]) => ({ groupKey, value: sum.value, moe: null, sourceNote: `Sum of ${sum.partners} partner${sum.partners === 1 ? '' : 's'}’ accepted submissions` }));
		await replaceMetricValues(trx, { ecosystemId, metricId: metric_id, year, origin: 'partners', sourceNote: 'Partner submissions', values });
		written += values.length;
	}
	return written;
}

/**
 * Backbone staff with two-factor sign-in accept or return the latest version of a submission.
 * Accepting refreshes the year's rollups in the same transaction; returning emails the partner's
 * people the comment, after the review is stored.
 */
export async function reviewSubmission({
	ctx,
	actor,
	ecosystemId,
	submissionId,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	submissionId: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ status: 'accepted' | 'returned'; rollups: number }>> {
	requireAccess(actor, 'ecosystem.submissions.review', { ecosystemId });
	const parsed = validate(reviewSchema, input);
	if (!parsed.ok) return parsed;
	const db = ctx.db.kysely;
	const status = parsed.value.decision === 'accept' ? 'accepted' : 'returned';
	const comment = parsed.value.comment.trim();
	const result = await db.transaction().execute(async (trx) => {
		const submission = await repo.findSubmission(trx, ecosystemId, submissionId);
		if (!submission) throw new DomainError('SUBMISSION_NOT_FOUND');
		const cycle = await requireCycle(trx, ecosystemId, submission.cycle_id);
		const at = nowIso();
		if (!(await repo.setSubmissionReview(trx, ecosystemId, submissionId, { status, reviewerId: actor.userId, comment, at }))) {
			throw new DomainError('SUBMISSION_ALREADY_REVIEWED');
		}
		const rollups = status === 'accepted' ? await refreshRollups(trx, ecosystemId, cycle.year) : 0;
		const partner = await findPartnerById(trx, ecosystemId, submission.partner_id);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: status === 'accepted' ? 'submission.accept' : 'submission.return',
			entityType: 'submission',
			entityId: submissionId,
			summary: `${status === 'accepted' ? 'Accepted' : 'Returned'} version ${submission.version} from “${partner?.name ?? ''}” for “${cycle.name}”`,
			detail: { cycleId: cycle.id, partnerId: submission.partner_id, version: submission.version, ...(comment ? { comment } : {}), rollups }
		});
		return { submission, cycle, partner, rollups };
	});
	if (status === 'returned' && result.partner) {
		const ecosystem = await findEcosystemById(db, ecosystemId);
		const contacts = await repo.listPartnerContacts(db, ecosystemId, result.submission.partner_id);
		for (const contact of contacts) {
			const locale = asLocale(contact.locale);
			await ctx.mailer.send({
				ecosystemId,
				to: contact.email,
				kind: 'submission_returned',
				...returnedEmail(locale, {
					ecosystem: ecosystem?.name ?? '',
					partner: result.partner.name,
					cycle: result.cycle.name,
					version: result.submission.version,
					comment,
					reviewer: actor.name,
					url: `${origin}/e/${ecosystem?.slug ?? ''}/partners/${result.partner.slug}/data/${result.cycle.id}`
				})
			});
		}
	}
	return ok({ status, rollups: result.rollups });
}

/** Emails each partner that still owes numbers (nothing in, or only a returned version); returns how many partners. */
async function remind(ctx: AppContext, ecosystemId: string, cycle: repo.CycleRow, origin: string, onlyUnreminded: boolean): Promise<number> {
	const db = ctx.db.kysely;
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) return 0;
	const [partners, latest] = await Promise.all([repo.listCyclePartners(db, ecosystemId, cycle.id), repo.listLatestSubmissions(db, ecosystemId, cycle.id)]);
	let reminded = 0;
	for (const partner of partners) {
		const status = boardStatus(latest.find((s) => s.partner_id === partner.partner_id));
		if (status !== 'not_submitted' && status !== 'returned') continue;
		if (onlyUnreminded && partner.reminded_at) continue;
		const contacts = await repo.listPartnerContacts(db, ecosystemId, partner.partner_id);
		await repo.markReminded(db, ecosystemId, cycle.id, partner.partner_id, nowIso());
		for (const contact of contacts) {
			await ctx.mailer.send({
				ecosystemId,
				to: contact.email,
				kind: 'submission_reminder',
				...reminderEmail(asLocale(contact.locale), {
					ecosystem: ecosystem.name,
					partner: partner.name,
					cycle: cycle.name,
					dueOn: cycle.due_on,
					url: `${origin}/e/${ecosystem.slug}/partners/${partner.slug}/data/${cycle.id}`
				})
			});
		}
		if (contacts.length > 0) reminded++;
	}
	return reminded;
}

/** Backbone staff send one reminder now to every partner of the cycle that still owes numbers. */
export async function remindPartnersNow({ ctx, actor, ecosystemId, cycleId, origin }: { ctx: AppContext; actor: Actor; ecosystemId: string; cycleId: string; origin: string }): Promise<number> {
	requireAccess(actor, 'ecosystem.measurement.manage', { ecosystemId });
	const cycle = await requireCycle(ctx.db.kysely, ecosystemId, cycleId);
	const reminded = await remind(ctx, ecosystemId, cycle, origin, false);
	await recordAudit(ctx.db.kysely, {
		actor,
		ecosystemId,
		action: 'cycle.remind',
		entityType: 'collection_cycle',
		entityId: cycleId,
		summary: `Sent a reminder about “${cycle.name}” to ${reminded} partners`
	});
	return reminded;
}

/** How many days before the due date the automatic reminder goes out. */
export const REMINDER_DAYS_BEFORE = 7;

/**
 * Run by the server's scheduler (runtime.ts), in every ecosystem: for each open cycle due within
 * `daysBefore` days (and not yet past), one reminder to each partner that still owes numbers and
 * has not been reminded about that cycle yet. Safe to run as often as you like.
 */
export async function sendDueReminders({ ctx, now = new Date(), daysBefore = REMINDER_DAYS_BEFORE, origin, ecosystemId }: { ctx: AppContext; now?: Date; daysBefore?: number; origin: string; ecosystemId?: string }): Promise<number> {
	const today = todayOf(now);
	const horizon = todayOf(new Date(now.getTime() + daysBefore * 86_400_000));
	const cycles = await ctx.db.kysely
		.selectFrom('collection_cycle')
		.select(['id', 'ecosystem_id'])
		.where('closed_at', 'is', null)
		.where('due_on', '>=', today)
		.where('due_on', '<=', horizon)
		.$if(ecosystemId !== undefined, (q) => q.where('ecosystem_id', '=', ecosystemId!))
		.execute();
	let reminded = 0;
	for (const { id, ecosystem_id } of cycles) {
		const cycle = await requireCycle(ctx.db.kysely, ecosystem_id, id);
		reminded += await remind(ctx, ecosystem_id, cycle, origin, true);
	}
	return reminded;
}
