/**
 * Partner data submissions: partners submit cells to the collection cycles they were asked to
 * report to; backbone staff open cycles and review submissions. Every way in (grid, CSV, API,
 * participant rows) ends in `receiveSubmission`, so validation, versioning and the audit entry
 * are the same for all, and nothing is stored unless every cell is valid.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { DomainError } from '../errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import * as repo from './submissions.repository.js';
import { boardStatus, cycleMetricOf, isLate, templateGroups, validateCells, type CellProblem, type CycleMetric, type RawCell } from './submissions.js';
import { findPartnerBySlug } from '../partners/partners.repository.js';
import { localized, type Locale } from '../content.js';
import { slugify } from '../util.js';
import { countsTemplate, parseCountsCsv } from './submissions-csv.js';
import { submissionGroupLabel } from './submissions-labels.js';

export type SubmissionOutcome =
	| { ok: true; value: { submissionId: string; version: number; cellCount: number } }
	| { ok: false; problems: CellProblem[] };

/** The cycle a partner may submit to, with its metrics; not found unless the partner was asked. */
export async function cycleForPartner(db: Executor, ecosystemId: string, cycleId: string, partnerId: string): Promise<{ cycle: repo.CycleRow; metrics: CycleMetric[] }> {
	const cycle = await repo.findCycle(db, ecosystemId, cycleId);
	if (!cycle || !(await repo.isPartnerInCycle(db, ecosystemId, cycleId, partnerId))) throw new DomainError('CYCLE_NOT_FOUND');
	const metrics = (await repo.listCycleMetrics(db, ecosystemId, cycleId)).map(cycleMetricOf);
	return { cycle, metrics };
}

export interface ReceiveSubmissionInput extends Omit<repo.SubmissionVersionInput, 'cells'> {
	db: Kysely<Database>;
	/** Who is recorded in the audit log: the person, or for API tokens whoever the caller says. */
	actor: Actor;
	ecosystemId: string;
	/** The cells as they arrived; checked before anything is written. */
	cells: readonly RawCell[];
	/** More writes for the same transaction (e.g. participant rows), given the new submission's id. */
	alsoWrite?: (trx: Executor, submissionId: string) => Promise<void>;
}

/**
 * Checks and stores one submission. The caller has already decided that this person or API
 * token may submit for `partnerId` (submitCells checks the person's permission; the JSON API
 * checks its token). One transaction: the new version, its cells, the previous version marked
 * superseded, `alsoWrite`, and the audit entry; on any problem nothing is written.
 */
export async function receiveSubmission(input: ReceiveSubmissionInput): Promise<SubmissionOutcome> {
	const { db, ecosystemId, cycleId, partnerId } = input;
	const { cycle, metrics } = await cycleForPartner(db, ecosystemId, cycleId, partnerId);
	if (cycle.closed_at) return { ok: false, problems: [{ column: 'file', message: 'This collection cycle is closed; ask the backbone team to reopen it.' }] };
	const checked = validateCells(input.cells, metrics);
	if (!checked.ok) return checked;
	const attempt = () =>
		db.transaction().execute(async (trx) => {
			const { db: _db, actor: _actor, ecosystemId: _eco, alsoWrite: _also, ...version } = input;
			const created = await repo.createSubmissionVersion(trx, ecosystemId, { ...version, cells: checked.cells });
			if (input.alsoWrite) await input.alsoWrite(trx, created.id);
			await recordAudit(trx, {
				actor: input.actor,
				ecosystemId,
				action: 'submission.create',
				entityType: 'submission',
				entityId: created.id,
				summary: `Submitted version ${created.version} to “${cycle.name}” (${checked.cells.length} values, ${input.method})`,
				detail: { cycleId, partnerId, version: created.version, method: input.method, superseded: created.supersededId }
			});
			return { ok: true as const, value: { submissionId: created.id, version: created.version, cellCount: checked.cells.length } };
		});
	try {
		return await attempt();
	} catch (error) {
		// Someone else took this version number in the same instant: the next try takes the one after.
		if (!isUniqueViolation(error) || input.idempotencyKey) throw error;
		return attempt();
	}
}

/** A partner's person submits cells (grid or CSV) for their own partner. */
export async function submitCells(
	input: Omit<ReceiveSubmissionInput, 'submittedByUserId' | 'apiTokenId' | 'idempotencyKey' | 'requestFingerprint'> & { method: 'grid' | 'csv' | 'participants' }
): Promise<SubmissionOutcome> {
	requireAccess(input.actor, 'partner.data.submit', { ecosystemId: input.ecosystemId, partnerId: input.partnerId });
	return receiveSubmission({ ...input, submittedByUserId: input.actor.userId });
}

// ---------------------------------------------------------------------------------------------
// The partner's pages

type PartnerScope = { db: Kysely<Database>; actor: Actor; ecosystemId: string; partnerSlug: string };

/**
 * The partner at this address, if the person may submit its data. Membership is checked first,
 * so signed-out people are sent to sign in and outsiders learn nothing about the partner.
 */
async function partnerForData({ db, actor, ecosystemId, partnerSlug }: PartnerScope) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.data.submit', { ecosystemId, partnerId: partner.id });
	return { id: partner.id, slug: partner.slug, name: partner.name };
}

/** A partner's cycles, newest first, with where its submission stands. */
export async function listPartnerCycles(scope: PartnerScope & { today?: string }) {
	const partner = await partnerForData(scope);
	const { db, ecosystemId } = scope;
	const today = scope.today ?? new Date().toISOString().slice(0, 10);
	const [cycles, latest] = await Promise.all([repo.listPartnerCycles(db, ecosystemId, partner.id), repo.listLatestSubmissions(db, ecosystemId)]);
	return {
		partner,
		cycles: cycles.map((cycle) => {
			const submission = latest.find((s) => s.cycle_id === cycle.id && s.partner_id === partner.id);
			const status = boardStatus(submission);
			return { ...cycle, status, late: isLate(status, cycle.due_on, today), version: submission?.version ?? null };
		})
	};
}

/** One cycle for the partner: what it asks (metrics and their groups), the latest numbers sent, and every version. */
export async function getPartnerCycle(scope: PartnerScope & { cycleId: string; locale: Locale }) {
	const partner = await partnerForData(scope);
	const { db, ecosystemId, cycleId, locale } = scope;
	const { cycle, metrics } = await cycleForPartner(db, ecosystemId, cycleId, partner.id);
	const [rows, versions] = await Promise.all([repo.listCycleMetrics(db, ecosystemId, cycleId), repo.listSubmissionVersions(db, ecosystemId, cycleId, partner.id)]);
	const latest = versions[0];
	const cells = latest ? await repo.listSubmissionCells(db, ecosystemId, latest.id) : [];
	return {
		partner,
		cycle,
		metrics: metrics.map((metric) => {
			const row = rows.find((r) => r.id === metric.id)!;
			const mine = cells.filter((c) => c.metricId === metric.id);
			const keys = [...new Set([...templateGroups(metric.disaggregations), ...mine.map((c) => c.groupKey)])];
			return {
				id: metric.id,
				slug: metric.slug,
				name: localized(locale, row.name, row.name_es),
				definition: row.definition,
				unit: metric.unit,
				groups: keys.map((key) => ({ key, label: submissionGroupLabel(key, locale), value: mine.find((c) => c.groupKey === key)?.value ?? null }))
			};
		}),
		versions,
		status: boardStatus(latest)
	};
}

/** The grid's fields are named `c:<metric slug>:<group key>`; anything else in the form is ignored. */
export function gridCells(fields: Iterable<[string, string]>): RawCell[] {
	const cells: RawCell[] = [];
	for (const [name, value] of fields) {
		const match = /^c:([^:]+):(.+)$/.exec(name);
		if (match) cells.push({ metric: match[1]!, group: match[2]!, value, row: cells.length + 1 });
	}
	return cells;
}

/** The partner's people submit the web grid. */
export async function submitGrid(scope: PartnerScope & { cycleId: string; fields: Iterable<[string, string]>; note?: string }): Promise<SubmissionOutcome> {
	const partner = await partnerForData(scope);
	const cells = gridCells(scope.fields);
	const outcome = await submitCells({ db: scope.db, actor: scope.actor, ecosystemId: scope.ecosystemId, cycleId: scope.cycleId, partnerId: partner.id, method: 'grid', cells, note: scope.note });
	if (outcome.ok) return outcome;
	return { ok: false, problems: outcome.problems.map((p) => ({ ...p, field: p.row !== undefined ? `c:${cells[p.row - 1]?.metric}:${cells[p.row - 1]?.group}` : undefined })) };
}

/** The largest counts file accepted: a full template of every breakdown is a few hundred kilobytes. */
export const MAX_COUNTS_FILE_BYTES = 2 * 1024 * 1024;

/** The partner's people upload the cycle's CSV of counts: every problem of the file and its cells at once, or one stored version. */
export async function submitCountsCsv(scope: PartnerScope & { cycleId: string; fileName: string; text: string }): Promise<SubmissionOutcome> {
	const partner = await partnerForData(scope);
	const { db, actor, ecosystemId, cycleId } = scope;
	const parsed = parseCountsCsv(scope.text);
	if (parsed.problems.length > 0) {
		const { metrics } = await cycleForPartner(db, ecosystemId, cycleId, partner.id);
		const checked = validateCells(parsed.cells, metrics);
		const more = checked.ok ? [] : checked.problems.filter((p) => p.column !== 'file');
		return { ok: false, problems: [...parsed.problems, ...more].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
	}
	return submitCells({ db, actor, ecosystemId, cycleId, partnerId: partner.id, method: 'csv', cells: parsed.cells, fileName: scope.fileName.slice(0, 200), rowCount: parsed.cells.length });
}

/** The cycle's CSV template, in the person's language. */
export async function cycleTemplate(scope: PartnerScope & { cycleId: string; locale: Locale }) {
	const partner = await partnerForData(scope);
	const { db, ecosystemId, cycleId, locale } = scope;
	const { cycle, metrics } = await cycleForPartner(db, ecosystemId, cycleId, partner.id);
	const rows = await repo.listCycleMetrics(db, ecosystemId, cycleId);
	const body = countsTemplate(
		metrics.map((metric) => {
			const row = rows.find((r) => r.id === metric.id)!;
			return { ...metric, label: localized(locale, row.name, row.name_es) };
		}),
		(key) => submissionGroupLabel(key, locale)
	);
	return { body, fileName: `${slugify(cycle.name) || 'cycle'}-${partner.slug}-template.csv` };
}
