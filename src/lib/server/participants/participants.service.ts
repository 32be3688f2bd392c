/**
 * Participant-level submissions: a partner's de-identified rows, read as a stream, checked, and
 * stored with the counts Parity computes from them, all or nothing.
 *
 * A file import reads the file (the web upload's is stored in the database and imported by a queue
 * job: participants.queue.ts) once, in ONE transaction: every row is checked, counted into cells
 * (people in memory, up to PEOPLE_IN_MEMORY of them) and written in row groups of a few thousand
 * rows (participants.batch.ts), then the cells, the audit entry and the job's success. The first problem
 * stops the writing and rolls the transaction back; the check reads on to list every problem.
 * A process killed at any moment leaves all of it or none of it.
 */
import type { Readable } from 'node:stream';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError } from '../errors.js';
import { findPartnerBySlug } from '../partners/partners.repository.js';
import { createSubmissionVersion } from '../submissions/submissions.repository.js';
import { cycleForPartner } from '../submissions/submissions.service.js';
import { validateCells, type CycleMetric } from '../submissions/submissions.js';
import { PeopleCounter, type RowProblem } from './participants.js';
import { PARTICIPANT_BATCH_ROWS, type EncodedBatch } from './participants.batch.js';
import { countStoredPeople } from './participants.stored.js';
import { readParticipantStream, type StreamOutcome, type StreamProgress } from './participants.stream.js';
import * as repo from './participants.repository.js';
import { log } from '../log.js';
import * as files from './import-files.repository.js';

/** Where participant rows go: a cycle, a partner asked to report to it, and one of its people metrics. */
export interface ParticipantTarget {
	ecosystemId: string;
	cycleId: string;
	partnerId: string;
	metric: CycleMetric;
}

/** A submission of participant rows is refused: every problem found (the first ones), and how many. */
export class ParticipantProblems extends Error {
	constructor(readonly problems: RowProblem[], readonly total: number) {
		super(`${total} problem(s) in the participant rows`);
	}
}

/**
 * The metric participant rows are counted into: one the cycle asks for, counted in people. With
 * no choice given, the cycle's only people metric. A plain-language problem when there is none.
 */
export async function resolveTarget(db: Executor, ecosystemId: string, cycleId: string, partnerId: string, metricKey: string | undefined): Promise<ParticipantTarget | string> {
	const { cycle, metrics } = await cycleForPartner(db, ecosystemId, cycleId, partnerId);
	if (cycle.closed_at) return 'This collection cycle is closed; ask the backbone team to reopen it.';
	const people = metrics.filter((m) => m.unit === 'people');
	const metric = metricKey ? people.find((m) => m.slug === metricKey || m.id === metricKey) : people.length === 1 ? people[0] : undefined;
	if (metric) return { ecosystemId, cycleId, partnerId, metric };
	return people.length === 0
		? 'This cycle asks for no count of people, so participant rows cannot be counted into it.'
		: `Choose the metric the participants are counted in: one of ${people.map((m) => m.slug).join(', ')}.`;
}

/**
 * The partner a person submits for. Membership is checked first (outsiders learn nothing about
 * the partner), then the right to submit for that partner.
 */
async function submittingPartner(db: Kysely<Database>, actor: Actor, ecosystemId: string, partnerSlug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.data.submit', { ecosystemId, partnerId: partner.id });
	return Object.assign(partner, { userId: actor.userId });
}

/** A partner's upload to one cycle, as routes call it. */
export interface UploadCall {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	cycleId: string;
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Writes one participant submission in the caller's transaction: the version, the rows (written by
 * `feed`, which returns how many), then the cells: from `counted` (people counted while the rows
 * were read) or, when it gave up (too many people), counted again from the stored rows in passes
 * of at most `peopleInMemory` people, where a person whose rows disagree refuses the whole
 * submission (thrown, so the transaction rolls back).
 */
async function saveParticipantSubmission(
	trx: Executor,
	target: ParticipantTarget,
	meta: { userId: string | null; apiTokenId?: string | null; idempotencyKey?: string | null; requestFingerprint?: string | null; fileName: string | null },
	feed: (submissionId: string) => Promise<number>,
	counted: PeopleCounter
): Promise<{ id: string; version: number; rows: number; people: number; cells: number }> {
	const { ecosystemId } = target;
	const created = await createSubmissionVersion(trx, ecosystemId, {
		cycleId: target.cycleId,
		partnerId: target.partnerId,
		method: meta.apiTokenId ? 'api' : 'participants',
		submittedByUserId: meta.userId,
		apiTokenId: meta.apiTokenId ?? null,
		idempotencyKey: meta.idempotencyKey ?? null,
		requestFingerprint: meta.requestFingerprint ?? null,
		fileName: meta.fileName,
		rowCount: 0,
		cells: []
	});
	const rows = await feed(created.id);
	let cells: Map<string, number>;
	let people: number;
	if (!counted.overflowed) {
		cells = counted.cells(target.metric.disaggregations);
		people = counted.distinct;
	} else {
		const stored = await countStoredPeople(trx, ecosystemId, created.id, { rows, breakdowns: target.metric.disaggregations, peopleInMemory: counted.limit });
		if (!stored.ok) throw new ParticipantProblems(stored.problems, stored.total);
		({ cells, people } = stored);
	}
	// Counted cells follow the metric's breakdowns by construction; checking them with the same
	// rules as typed cells keeps every way in equal (e.g. a ZIP outside the metric's breakdowns).
	const checked = validateCells([...cells].map(([group, value]) => ({ metric: target.metric.id, group, value })), [target.metric]);
	if (!checked.ok) throw new ParticipantProblems(checked.problems.map((p) => ({ row: 0, column: p.column, value: p.value ?? '', message: p.message })), checked.problems.length);
	await repo.finishParticipantSubmission(trx, ecosystemId, created.id, rows, target.metric.id, cells);
	return { id: created.id, version: created.version, rows, people, cells: cells.size };
}

// ---------------------------------------------------------------------------------------------
// File imports

/** A partner starts an import of a spooled file: checks the target and records a queued job. */
export async function startParticipantImport({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	cycleId,
	metric,
	fileName,
	bytesTotal
}: UploadCall & { metric?: string; fileName: string; bytesTotal: number }): Promise<{ jobId: string; target: ParticipantTarget }> {
	const partner = await submittingPartner(db, actor, ecosystemId, partnerSlug);
	const target = await resolveTarget(db, ecosystemId, cycleId, partner.id, metric);
	if (typeof target === 'string') throw new ParticipantProblems([{ row: 0, column: 'metric', value: metric ?? '', message: target }], 1);
	const jobId = await repo.insertImportJob(db, { ecosystemId, cycleId, partnerId: partner.id, fileName, bytesTotal, userId: partner.userId });
	return { jobId, target };
}

/**
 * People counted in memory while the file is read (under 100 bytes each, so at most about 100 MB); a file
 * with more is counted again from its stored rows, in passes of at most this many people.
 */
export const PEOPLE_IN_MEMORY = 1_000_000;

/** Thrown inside the import transaction at the first problem found: rolls it back while the check reads on. */
class StopWriting extends Error {}

/** Thrown inside the import transaction when another attempt finished the import first: rolls it back. */
class AlreadyFinished extends Error {}

type ImportOutcome = { ok: true; submissionId: string; rows: number } | { ok: false; problems: RowProblem[]; total: number };

/** What a finished import recorded, for an attempt that came after (or beside) the one that finished it. */
async function recordedOutcome(db: Kysely<Database>, ecosystemId: string, jobId: string): Promise<ImportOutcome> {
	const job = await files.findImportJobById(db, ecosystemId, jobId);
	if (job?.status === 'succeeded' && job.submission_id) return { ok: true, submissionId: job.submission_id, rows: Number(job.rows_read) };
	const recorded = JSON.parse(job?.problems_json ?? 'null') as { problems: RowProblem[]; total: number } | null;
	if (job?.status === 'failed' && recorded) return { ok: false, ...recorded };
	throw new Error(`Import ${jobId} is neither running nor finished (${job?.status ?? 'gone'})`);
}

/**
 * Runs a queued import to its end; never throws for a bad file (the job records every problem).
 * `open` is called once and gives the file from its start.
 *
 * One pass: the file is read, checked and written in ONE transaction (the submission version, every
 * row in groups of PARTICIPANT_BATCH_ROWS, the cells, the audit entry and the job's success). At the first
 * problem the writing stops and the transaction is rolled back at once; the reading goes on outside
 * it so that every problem is listed. A process killed at any moment leaves all of it or none of it.
 */
export async function runParticipantImport({
	db,
	actor,
	jobId,
	target,
	open,
	fileName,
	peopleInMemory = PEOPLE_IN_MEMORY
}: {
	db: Kysely<Database>;
	actor: Actor;
	jobId: string;
	target: ParticipantTarget;
	open: () => Readable;
	fileName: string;
	/** How many distinct people may be counted in memory before they are counted from the stored rows. */
	peopleInMemory?: number;
}): Promise<ImportOutcome> {
	requireAccess(actor, 'partner.data.submit', { ecosystemId: target.ecosystemId, partnerId: target.partnerId });
	const { ecosystemId } = target;
	// Only a running import changes (import-files.repository.ts): an attempt that finds the import
	// finished by another attempt leaves it as it is and reports what was recorded.
	const fail = async (problems: RowProblem[], total: number) => {
		if (!(await files.updateRunningImportJob(db, ecosystemId, jobId, { status: 'failed', problems_json: JSON.stringify({ problems, total }) }))) return recordedOutcome(db, ecosystemId, jobId);
		return { ok: false as const, problems, total };
	};
	// PostgreSQL lets another connection report progress while the transaction writes. SQLite has
	// one writer (and Kysely one connection), so there the job shows progress only once nothing is
	// being written: after a rollback, while the rest of a refused file is checked.
	let writing = false;
	const reportProgress = (p: StreamProgress) =>
		writing && !isPostgres(db) ? undefined : files.updateRunningImportJob(db, ecosystemId, jobId, { bytes_read: p.bytesRead, rows_read: p.rowsRead }).then(() => undefined);
	let reading: Promise<StreamOutcome> | undefined;
	let bytesRead = 0;
	try {
		if (!(await files.claimImportJob(db, ecosystemId, jobId))) return recordedOutcome(db, ecosystemId, jobId);
		const people = new PeopleCounter(peopleInMemory);
		const saved = await db.transaction().execute(async (trx) => {
			writing = true;
			// Up to INSERTS_IN_FLIGHT groups in flight while the next are read: on PostgreSQL the server
			// stores groups while this process checks the next rows (with one, it sat idle a tenth of
			// the time). An insert's error surfaces a few groups later or at the end.
			const inFlight: Promise<void>[] = [];
			try {
				const result = await saveParticipantSubmission(trx, target, { userId: actor.userId, fileName }, async (submissionId) => {
					const write = async (batch: EncodedBatch) => {
						if (inFlight.length >= INSERTS_IN_FLIGHT) await inFlight.shift();
						const insert = repo.insertEncodedBatch(trx, ecosystemId, submissionId, batch);
						insert.catch(() => {});
						inFlight.push(insert);
					};
					let firstProblem!: () => void;
					const problemFound = new Promise<void>((resolve) => (firstProblem = resolve));
					// The rows are read and packed on a second thread while this one counts people and stores groups.
					reading = readParticipantStream(open(), { people, onBatch: write, thread: 'worker', batchSize: PARTICIPANT_BATCH_ROWS, onProblem: firstProblem, onProgress: reportProgress });
					const outcome = await Promise.race([reading, problemFound]);
					if (!outcome || !outcome.problems.empty) throw new StopWriting();
					bytesRead = outcome.bytesRead;
					await Promise.all(inFlight);
					return outcome.rowsRead;
				}, people);
				if (!(await files.updateRunningImportJob(trx, ecosystemId, jobId, { status: 'succeeded', submission_id: result.id, rows_read: result.rows, bytes_read: bytesRead }))) throw new AlreadyFinished();
				await recordAudit(trx, {
					actor,
					ecosystemId,
					action: 'submission.participants',
					entityType: 'submission',
					entityId: result.id,
					summary: `Imported ${result.rows} participant rows (${result.people} people) from “${fileName}” as version ${result.version}`,
					detail: { cycleId: target.cycleId, partnerId: target.partnerId, metricId: target.metric.id, cells: result.cells }
				});
				return result;
			} finally {
				writing = false;
				// Never leave an insert running into the rollback or the commit.
				await Promise.allSettled(inFlight);
			}
		});
		return { ok: true, submissionId: saved.id, rows: saved.rows };
	} catch (error) {
		// Rolled back at the first problem: the check reads the rest of the file for every other one.
		let failure = error;
		if (error instanceof AlreadyFinished) return recordedOutcome(db, ecosystemId, jobId);
		if (error instanceof StopWriting && reading) {
			try {
				const outcome = await reading;
				return await fail(outcome.problems.shown, outcome.problems.total);
			} catch (readingError) {
				failure = readingError;
			}
		}
		if (failure instanceof ParticipantProblems) return fail(failure.problems, failure.total);
		const recorded = await fail([{ row: 0, column: '', value: '', message: 'The import stopped because of an error on our side. Nothing was stored; please try again.' }], 1).catch(() => undefined);
		// Another attempt stored it meanwhile (this one failed on the version it had already taken).
		if (recorded?.ok) return recorded;
		throw failure;
	}
}

/** Row groups being stored at once during an import (each about 30 kB of text). */
const INSERTS_IN_FLIGHT = 4;

/** How long a running job may go without news before the page calls it interrupted. */
export const STALE_JOB_MS = 10 * 60_000;

export type ImportJobView =
	| { state: 'queued' | 'checking' | 'saving'; bytesRead: number; bytesTotal: number; rowsRead: number; percent: number; fileName: string }
	| { state: 'succeeded'; rowsRead: number; submissionId: string | null; fileName: string }
	| { state: 'failed'; problems: RowProblem[]; total: number; fileName: string }
	| { state: 'interrupted'; fileName: string };

/** What the progress page shows for a job (pure). */
export function viewImportJob(job: repo.ImportJobRow, now: Date): ImportJobView {
	const fileName = job.file_name;
	if (job.status === 'succeeded') return { state: 'succeeded', rowsRead: job.rows_read, submissionId: job.submission_id, fileName };
	if (job.status === 'failed') {
		const parsed = JSON.parse(job.problems_json ?? '{"problems":[],"total":0}') as { problems: RowProblem[]; total: number };
		return { state: 'failed', problems: parsed.problems, total: parsed.total, fileName };
	}
	if (now.getTime() - Date.parse(job.updated_at) > STALE_JOB_MS) return { state: 'interrupted', fileName };
	const checked = job.status === 'running' && job.bytes_total > 0 && job.bytes_read >= job.bytes_total;
	const percent = job.bytes_total > 0 ? Math.min(100, Math.floor((job.bytes_read / job.bytes_total) * 100)) : 0;
	return {
		state: job.status === 'queued' ? 'queued' : checked ? 'saving' : 'checking',
		bytesRead: job.bytes_read,
		bytesTotal: job.bytes_total,
		rowsRead: job.rows_read,
		percent,
		fileName
	};
}

/** A partner's people (and backbone staff) follow an import's progress. */
export async function getImportJob({ db, actor, ecosystemId, partnerSlug, jobId, now = new Date() }: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	jobId: string;
	now?: Date;
}): Promise<ImportJobView> {
	const partner = await submittingPartner(db, actor, ecosystemId, partnerSlug);
	const job = await repo.findImportJob(db, ecosystemId, partner.id, jobId);
	if (!job) throw new DomainError('NOT_FOUND');
	return viewImportJob(job, now);
}

/** What the upload form needs: the partner, the cycle, and the people metrics rows can count into. */
export async function prepareParticipantUpload({ db, actor, ecosystemId, partnerSlug, cycleId }: UploadCall) {
	const partner = await submittingPartner(db, actor, ecosystemId, partnerSlug);
	const { cycle, metrics } = await cycleForPartner(db, ecosystemId, cycleId, partner.id);
	return {
		partner: { id: partner.id, slug: partner.slug, name: partner.name },
		cycle: { id: cycle.id, name: cycle.name, dueOn: cycle.due_on, open: cycle.closed_at === null },
		metrics: metrics.filter((m) => m.unit === 'people').map((m) => ({ slug: m.slug, name: m.name, breakdowns: m.disaggregations }))
	};
}
