/**
 * The JSON API (v1) partners' own systems call with a per-partner token. A token acts for its
 * partner only, in its ecosystem only: authorisation is the token itself (`requireToken`), not a
 * person's role. Errors are RFC 9457 problem details listing every problem.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { publicActor } from '../auth/roles.js';
import { DomainError } from '../errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { findEcosystemBySlug } from '../ecosystems/ecosystems.repository.js';
import { findSubmissionByIdempotencyKey, listSubmissionCells, listSubmissionVersions, type SubmissionRow } from '../submissions/submissions.repository.js';
import { cycleForPartner, receiveSubmission } from '../submissions/submissions.service.js';
import { templateGroups, type CellProblem, type CycleMetric, type RawCell } from '../submissions/submissions.js';
import { aggregateParticipants, participantColumns, readParticipantObjects, type RowProblem } from '../participants/participants.js';
import { insertParticipantRows } from '../participants/participants.repository.js';
import { sha256 } from '../util.js';
import { bearerSecret, hashToken } from './api-tokens.js';
import { findLiveToken, touchApiToken, type TokenOwner } from './api-tokens.repository.js';

/** One problem in a request: where (row in the list, or field) and why. */
export interface ApiProblemItem {
	row?: number;
	column?: string;
	value?: string;
	message: string;
}

/** A refused request, turned into `application/problem+json` by the route. */
export class ApiProblem extends Error {
	constructor(
		readonly status: number,
		readonly title: string,
		readonly detail: string,
		readonly problems: ApiProblemItem[] = []
	) {
		super(detail);
	}
	toJSON() {
		return { type: 'about:blank', title: this.title, status: this.status, detail: this.detail, ...(this.problems.length > 0 ? { problems: this.problems } : {}) };
	}
}

export interface ApiPrincipal extends TokenOwner {
	ecosystemSlug: string;
}

/** Finds the token's partner. A missing, revoked or foreign token gets the same 401. */
export async function authenticate(db: Kysely<Database>, ecosystemSlug: string, authorization: string | null): Promise<ApiPrincipal> {
	const secret = bearerSecret(authorization);
	if (!secret) throw new ApiProblem(401, 'Unauthorized', 'Send your partner API token as “Authorization: Bearer pty_…”.');
	const ecosystem = await findEcosystemBySlug(db, ecosystemSlug);
	const owner = ecosystem && (await findLiveToken(db, ecosystem.id, hashToken(secret)));
	if (!ecosystem || !owner) throw new ApiProblem(401, 'Unauthorized', 'This token is not valid for this ecosystem, or it was revoked. Ask your partner admin for a new one.');
	await touchApiToken(db, ecosystem.id, owner.tokenId);
	return { ...owner, ecosystemSlug };
}

/** The token's scope: its own partner's data in its own ecosystem. */
function requireToken(principal: ApiPrincipal) {
	return { ecosystemId: principal.ecosystemId, partnerId: principal.partnerId };
}

async function cycleOf(db: Kysely<Database>, principal: ApiPrincipal, cycleId: string) {
	const { ecosystemId, partnerId } = requireToken(principal);
	try {
		return await cycleForPartner(db, ecosystemId, cycleId, partnerId);
	} catch (error) {
		if (error instanceof DomainError && error.status === 404) throw new ApiProblem(404, 'Not Found', 'Your partner was not asked to report to this collection cycle, or it does not exist.');
		throw error;
	}
}

/** The cycle's template: what to send, metric by metric, and the participant columns. */
export async function getCycleTemplate({ db, principal, cycleId }: { db: Kysely<Database>; principal: ApiPrincipal; cycleId: string }) {
	const { cycle, metrics } = await cycleOf(db, principal, cycleId);
	return {
		id: cycle.id,
		name: cycle.name,
		year: cycle.year,
		period_start: cycle.period_start,
		period_end: cycle.period_end,
		due_on: cycle.due_on,
		instructions: cycle.instructions,
		open: cycle.closed_at === null,
		metrics: metrics.map((m) => ({ slug: m.slug, name: m.name, unit: m.unit, breakdowns: m.disaggregations, groups: templateGroups(m.disaggregations) })),
		participant_columns: [...participantColumns]
	};
}

function submissionJson(row: Pick<SubmissionRow, 'id' | 'version' | 'status' | 'method' | 'row_count' | 'created_at' | 'review_comment' | 'accepted_at'>, cells: { metricId: string; groupKey: string; value: number }[], metrics: readonly CycleMetric[]) {
	const slug = new Map(metrics.map((m) => [m.id, m.slug]));
	return {
		id: row.id,
		version: row.version,
		status: row.status,
		method: row.method,
		row_count: row.row_count,
		created_at: row.created_at,
		accepted_at: row.accepted_at,
		review_comment: row.review_comment,
		cells: cells.map((c) => ({ metric: slug.get(c.metricId) ?? c.metricId, group: c.groupKey, value: c.value }))
	};
}

/** Every version this partner sent to the cycle, newest first, with its cells. */
export async function listOwnSubmissions({ db, principal, cycleId }: { db: Kysely<Database>; principal: ApiPrincipal; cycleId: string }) {
	const { ecosystemId, partnerId } = requireToken(principal);
	const { metrics } = await cycleOf(db, principal, cycleId);
	const versions = await listSubmissionVersions(db, ecosystemId, cycleId, partnerId);
	return Promise.all(versions.map(async (v) => submissionJson(v, await listSubmissionCells(db, ecosystemId, v.id), metrics)));
}

/** A stable text of a JSON value (keys sorted), so the same body always has the same fingerprint. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const MAX_PARTICIPANTS = 5000;

/** What a POST body asks for, or every problem with its shape. */
function readBody(body: unknown): { cells: RawCell[] } | { participants: unknown[]; metric: string | undefined } {
	const problems: ApiProblemItem[] = [];
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiProblem(400, 'Bad Request', 'Send a JSON object: {"cells": [...]} or {"participants": [...]}.');
	const b = body as Record<string, unknown>;
	for (const key of Object.keys(b)) if (!['cells', 'participants', 'metric', 'note'].includes(key)) problems.push({ column: key, message: `“${key}” is not a field of a submission. Use cells, or participants with metric, and note.` });
	if ((b.cells === undefined) === (b.participants === undefined)) problems.push({ column: 'cells', message: 'Send either cells (counts you made) or participants (rows Parity counts), one of the two.' });
	if (b.cells !== undefined && !Array.isArray(b.cells)) problems.push({ column: 'cells', message: 'cells is a list of {"metric", "group", "value"}.' });
	if (b.participants !== undefined && !Array.isArray(b.participants)) problems.push({ column: 'participants', message: 'participants is a list of objects, one per person.' });
	if (Array.isArray(b.participants) && b.participants.length > MAX_PARTICIPANTS) problems.push({ column: 'participants', message: `Send at most ${MAX_PARTICIPANTS} participants per request; upload larger files on the partner’s submission page.` });
	if (b.metric !== undefined && typeof b.metric !== 'string') problems.push({ column: 'metric', message: 'metric is the web address (slug) of one of the cycle’s metrics.' });
	if (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > 2000)) problems.push({ column: 'note', message: 'note is a text of at most 2000 characters.' });
	if (Array.isArray(b.cells)) {
		b.cells.forEach((cell, index) => {
			const c = cell as Record<string, unknown> | null;
			const ok = c && typeof c === 'object' && typeof c.metric === 'string' && typeof c.group === 'string' && (c.value === null || ['number', 'string'].includes(typeof c.value));
			if (!ok) problems.push({ row: index + 1, message: 'Each cell is {"metric": "<slug>", "group": "<group key>", "value": <number>}.' });
		});
	}
	if (problems.length > 0) throw new ApiProblem(422, 'Unprocessable Content', 'The submission was not stored: fix every problem listed.', problems);
	if (Array.isArray(b.cells)) return { cells: (b.cells as { metric: string; group: string; value: number | string | null }[]).map((c, i) => ({ row: i + 1, metric: c.metric, group: c.group, value: c.value })) };
	return { participants: b.participants as unknown[], metric: b.metric as string | undefined };
}

const refused = (problems: readonly (CellProblem | RowProblem)[]) =>
	new ApiProblem(422, 'Unprocessable Content', 'The submission was not stored: fix every problem listed.', problems.map((p) => ({ ...p, column: p.column === 'file' ? undefined : p.column })));

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Stores a submission (cells, or participant rows counted by Parity) as a new version. With an
 * Idempotency-Key, the same key and the same body give back the first submission (200); the same
 * key with another body is refused (422). Two identical requests racing each other meet at the
 * unique (partner, key) constraint: the loser's transaction rolls back and it answers with the
 * winner's submission.
 */
export async function submitViaApi({
	db,
	principal,
	cycleId,
	body,
	idempotencyKey
}: {
	db: Kysely<Database>;
	principal: ApiPrincipal;
	cycleId: string;
	body: unknown;
	idempotencyKey: string | null;
}): Promise<{ status: 200 | 201; submission: ReturnType<typeof submissionJson> }> {
	const { ecosystemId, partnerId } = requireToken(principal);
	if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
		throw new ApiProblem(400, 'Bad Request', 'An Idempotency-Key is 1 to 200 visible ASCII characters, like a UUID.');
	}
	const { metrics } = await cycleOf(db, principal, cycleId);
	const fingerprint = sha256(`${cycleId}\n${canonicalJson(body)}`);
	const replay = async () => {
		const existing = idempotencyKey ? await findSubmissionByIdempotencyKey(db, ecosystemId, partnerId, idempotencyKey) : undefined;
		if (!existing) return undefined;
		if (existing.request_fingerprint !== fingerprint) {
			throw new ApiProblem(422, 'Unprocessable Content', 'This Idempotency-Key was already used with a different request. Send the same body to get the first result again, or use a new key for a new submission.', [
				{ column: 'Idempotency-Key', value: idempotencyKey ?? '', message: 'Already used with another body.' }
			]);
		}
		return { status: 200 as const, submission: submissionJson(existing, await listSubmissionCells(db, ecosystemId, existing.id), metrics) };
	};
	const earlier = await replay();
	if (earlier) return earlier;

	const request = readBody(body);
	let cells: RawCell[];
	let participantRows: ReturnType<typeof readParticipantObjects>['rows'] = [];
	if ('cells' in request) cells = request.cells;
	else {
		const people = metrics.filter((m) => m.unit === 'people');
		const metric = request.metric ? people.find((m) => m.slug === request.metric) : people.length === 1 ? people[0] : undefined;
		if (!metric) throw refused([{ row: 0, column: 'metric', value: request.metric ?? '', message: `Say which metric the participants are counted in: one of ${people.map((m) => m.slug).join(', ') || '(this cycle counts no people)'}.` }]);
		const read = readParticipantObjects(request.participants);
		if (read.problems.length > 0) throw refused(read.problems);
		const counted = aggregateParticipants(read.rows, metric.disaggregations);
		if (!counted.ok) throw refused(counted.problems);
		participantRows = read.rows;
		cells = [...counted.cells].map(([group, value]) => ({ metric: metric.slug, group, value }));
	}
	const attempt = async () => {
		const outcome = await receiveSubmission({
			db,
			actor: publicActor,
			ecosystemId,
			cycleId,
			partnerId,
			method: 'api',
			cells,
			submittedByUserId: null,
			apiTokenId: principal.tokenId,
			idempotencyKey,
			requestFingerprint: fingerprint,
			rowCount: participantRows.length || undefined,
			note: typeof (body as { note?: unknown }).note === 'string' ? (body as { note: string }).note : undefined,
			alsoWrite: participantRows.length > 0
				? (trx, submissionId) => insertParticipantRows(trx, ecosystemId, submissionId, participantRows)
				: undefined
		});
		if (!outcome.ok) throw refused(outcome.problems);
		const versions = await listSubmissionVersions(db, ecosystemId, cycleId, partnerId);
		const created = versions.find((v) => v.id === outcome.value.submissionId)!;
		return { status: 201 as const, submission: submissionJson(created, await listSubmissionCells(db, ecosystemId, created.id), metrics) };
	};
	try {
		return await attempt();
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		// The same key won in another request (answer with its result), or another submission
		// took this version number in the same instant (try once more for the next one).
		const winner = await replay();
		return winner ?? attempt();
	}
}
