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
import { cycleMetricOf, validateCells, type CellProblem, type CycleMetric, type RawCell, type SubmissionMethod } from './submissions.js';

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

export interface ReceiveSubmissionInput {
	db: Kysely<Database>;
	/** Who is recorded in the audit log: the person, or for API tokens whoever the caller says. */
	actor: Actor;
	ecosystemId: string;
	cycleId: string;
	partnerId: string;
	method: SubmissionMethod;
	cells: readonly RawCell[];
	submittedByUserId: string | null;
	apiTokenId?: string | null;
	idempotencyKey?: string | null;
	requestFingerprint?: string | null;
	fileName?: string | null;
	rowCount?: number;
	note?: string;
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
			const created = await repo.createSubmissionVersion(trx, ecosystemId, {
				cycleId,
				partnerId,
				method: input.method,
				submittedByUserId: input.submittedByUserId,
				apiTokenId: input.apiTokenId,
				idempotencyKey: input.idempotencyKey,
				requestFingerprint: input.requestFingerprint,
				fileName: input.fileName,
				rowCount: input.rowCount,
				note: input.note,
				cells: checked.cells
			});
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
