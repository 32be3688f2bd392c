/**
 * Participant files uploaded through the web form, imported by a job of the durable queue
 * (jobs/): the upload stores the file in the database as it arrives (`import_file_chunk`, about
 * 1 MB a row), then enqueues `participants.import` with the ecosystem and the import job's id. Any
 * app server's worker runs it, streaming the chunks into the one-transaction import
 * (`runParticipantImport`). The import job's status row makes the import happen once: a retried
 * job (its worker died) imports only if nothing was committed, and a finished import is never run
 * again. The file is removed when the import ends, successfully or not.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/roles.js';
import { loadActor, type TwoFactorPolicy } from '../auth/actor.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import type { JobPolicy, JobQueue } from '../jobs/jobs.js';
import type { UploadSink } from './participants.upload.js';
import { prepareParticipantUpload, resolveTarget, runParticipantImport, type UploadCall } from './participants.service.js';
import * as repo from './participants.repository.js';
import * as files from './import-files.repository.js';

export const PARTICIPANT_IMPORT_QUEUE = 'participants.import';

/** What the job carries: never the file or a name, only where to find them. */
export interface ParticipantImportJobData {
	ecosystemId: string;
	importJobId: string;
}

/**
 * A large import may take minutes (a million rows on a busy PostgreSQL); an attempt is taken for
 * dead only after half an hour, then retried from the stored file.
 */
export const PARTICIPANT_IMPORT_POLICY: Partial<JobPolicy> = { expireInSeconds: 30 * 60, retryLimit: 3, retryDelaySeconds: 30 };

/** How long an unfinished upload's file is kept without news before it is taken as abandoned. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60_000;

/**
 * Where a partner's upload goes while it arrives: a queued import job (nothing shows it yet) and
 * its file's chunks. Who may upload is checked before the first byte is stored.
 */
export function participantUploadSink(call: UploadCall): UploadSink {
	const { db, actor, ecosystemId } = call;
	return {
		async begin(fileName) {
			const { partner, cycle } = await prepareParticipantUpload(call);
			const userId = actor.kind === 'user' ? actor.userId : null;
			return repo.insertImportJob(db, { ecosystemId, cycleId: cycle.id, partnerId: partner.id, fileName, bytesTotal: 0, userId });
		},
		chunk: (importJobId, seq, bytes) => files.insertFileChunk(db, ecosystemId, importJobId, seq, bytes),
		discard: (importJobId) => files.deleteImportJob(db, ecosystemId, importJobId)
	};
}

/**
 * The upload is complete: the metric the rows count into is settled (a problem comes back at once,
 * as a form issue, and the file is dropped), then the import is enqueued. Resolves to the import
 * job's id, for the progress page.
 */
export async function queueUploadedParticipantFile(
	args: UploadCall & { jobs: JobQueue; importJobId: string; metric?: string; bytes: number }
): Promise<Outcome<{ jobId: string }>> {
	const { db, ecosystemId, importJobId, jobs } = args;
	try {
		const { partner, cycle } = await prepareParticipantUpload(args);
		const target = await resolveTarget(db, ecosystemId, cycle.id, partner.id, args.metric);
		if (typeof target === 'string') {
			await files.deleteImportJob(db, ecosystemId, importJobId);
			return invalid([{ field: 'metric', message: target }]);
		}
		await files.recordUploadedFile(db, ecosystemId, importJobId, { metricId: target.metric.id, bytesTotal: args.bytes });
		const data: ParticipantImportJobData = { ecosystemId, importJobId };
		await jobs.send(PARTICIPANT_IMPORT_QUEUE, data);
		return ok({ jobId: importJobId });
	} catch (error) {
		// Not queued: nothing would ever import or remove the stored file.
		await files.deleteImportJob(db, ecosystemId, importJobId).catch(() => undefined);
		throw error;
	}
}

export type QueuedImportResult =
	| { import: 'succeeded'; rows: number }
	| { import: 'failed'; problems: number }
	| { import: 'already finished'; status: string }
	| { import: 'not found' };

/**
 * The job: imports a stored file once. An import found finished (by an earlier attempt that died
 * before telling the queue) only has its leftover file removed. A refused file is a finished import
 * (its problems are on the progress page), not a failed job; an error on our side is thrown, so
 * the queue retries it.
 */
export async function runQueuedParticipantImport({
	db,
	data,
	twoFactor,
	throughFile = (file) => file
}: {
	db: Kysely<Database>;
	data: ParticipantImportJobData;
	twoFactor: TwoFactorPolicy;
	/** Tests watch (and slow) the file as the import reads it. */
	throughFile?: (file: Readable) => Readable;
}): Promise<QueuedImportResult> {
	const { ecosystemId, importJobId } = data;
	const job = await files.findImportJobById(db, ecosystemId, importJobId);
	if (!job) return { import: 'not found' };
	if (job.status === 'succeeded' || job.status === 'failed') {
		await files.deleteFileChunks(db, ecosystemId, importJobId);
		return { import: 'already finished', status: job.status };
	}
	const refuse = async (message: string): Promise<QueuedImportResult> => {
		const problems = [{ row: 0, column: '', value: '', message }];
		await files.updateRunningImportJob(db, ecosystemId, importJobId, { status: 'failed', problems_json: JSON.stringify({ problems, total: 1 }) });
		await files.deleteFileChunks(db, ecosystemId, importJobId);
		return { import: 'failed', problems: 1 };
	};
	if (!(await files.claimImportJob(db, ecosystemId, importJobId))) return { import: 'already finished', status: 'finished' };
	const stored = await files.countFileChunks(db, ecosystemId, importJobId);
	if (stored.bytes !== Number(job.bytes_total) || stored.bytes === 0) return refuse('The uploaded file is no longer complete on the server. Nothing was stored; please upload it again.');
	const actor = await uploader(db, job.created_by_user_id, twoFactor);
	const target = actor && (await resolveTarget(db, ecosystemId, job.cycle_id, job.partner_id, job.metric_id ?? undefined));
	if (!actor) return refuse('The account that uploaded this file no longer exists. Nothing was stored.');
	if (typeof target === 'string' || !target) return refuse(target || 'The metric chosen for this file is no longer part of the cycle. Nothing was stored.');
	let outcome: Awaited<ReturnType<typeof runParticipantImport>>;
	try {
		outcome = await runParticipantImport({
			db,
			actor,
			jobId: importJobId,
			target,
			fileName: job.file_name,
			open: () => throughFile(files.readFileChunks(db, ecosystemId, importJobId))
		});
	} catch (error) {
		if (error instanceof DomainError) return refuse('The person who uploaded this file may no longer submit data for this partner. Nothing was stored.');
		// Marked failed by the import: its file goes. Still running: kept for the retry.
		const now = await files.findImportJobById(db, ecosystemId, importJobId);
		if (now?.status !== 'running') await files.deleteFileChunks(db, ecosystemId, importJobId);
		throw error;
	}
	await files.deleteFileChunks(db, ecosystemId, importJobId);
	return outcome.ok ? { import: 'succeeded', rows: outcome.rows } : { import: 'failed', problems: outcome.total };
}

/** The person who uploaded, with the roles they hold now (a removed membership stops the import). */
async function uploader(db: Kysely<Database>, userId: string | null, twoFactor: TwoFactorPolicy): Promise<Actor | null> {
	if (!userId) return null;
	const user = await db.selectFrom('user').select(['id', 'email', 'name', 'twoFactorEnabled']).where('id', '=', userId).executeTakeFirst();
	return user ? loadActor(db, user, twoFactor) : null;
}

/** Works the participant-import queue in this process. */
export async function workParticipantImports(
	jobs: JobQueue,
	db: Kysely<Database>,
	options: { twoFactor: TwoFactorPolicy; policy?: Partial<JobPolicy>; throughFile?: (file: Readable) => Readable }
): Promise<void> {
	await jobs.work<ParticipantImportJobData>(
		PARTICIPANT_IMPORT_QUEUE,
		(data) => runQueuedParticipantImport({ db, data, twoFactor: options.twoFactor, throughFile: options.throughFile }),
		{ ...PARTICIPANT_IMPORT_POLICY, ...options.policy }
	);
}

/** Removes the files of imports that finished without removing them, or were abandoned. */
export async function removeAbandonedUploads({ db, ecosystemId, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; now?: Date }): Promise<number> {
	return files.deleteAbandonedFileChunks(db, ecosystemId, new Date(now.getTime() - ABANDONED_UPLOAD_MS).toISOString());
}
