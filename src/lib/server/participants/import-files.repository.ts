/**
 * Uploaded participant files kept in the database (`import_file_chunk`) until their import job
 * ends, and the import-job updates that make a queued import run exactly once. Every query is
 * scoped by ecosystem_id: a job naming another ecosystem reads nothing.
 */
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import { rawHandleOf } from '../db/connection.js';
import type { Database, ImportJobTable } from '../db/schema.js';
import { nowIso } from '../util.js';

export async function insertFileChunk(db: Executor, ecosystemId: string, importJobId: string, seq: number, bytes: Uint8Array): Promise<void> {
	await db.insertInto('import_file_chunk').values({ ecosystem_id: ecosystemId, import_job_id: importJobId, seq, bytes }).execute();
}

export async function deleteFileChunks(db: Executor, ecosystemId: string, importJobId: string): Promise<number> {
	const result = await db.deleteFrom('import_file_chunk').where('ecosystem_id', '=', ecosystemId).where('import_job_id', '=', importJobId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function countFileChunks(db: Executor, ecosystemId: string, importJobId: string): Promise<{ chunks: number; bytes: number }> {
	const row = await db
		.selectFrom('import_file_chunk')
		.select([sql<number>`count(*)`.as('chunks'), sql<number>`coalesce(sum(length(bytes)), 0)`.as('bytes')])
		.where('ecosystem_id', '=', ecosystemId)
		.where('import_job_id', '=', importJobId)
		.executeTakeFirstOrThrow();
	return { chunks: Number(row.chunks), bytes: Number(row.bytes) };
}

const CHUNK_SQL = 'SELECT seq, bytes FROM import_file_chunk WHERE ecosystem_id = ? AND import_job_id = ? AND seq > ? ORDER BY seq LIMIT 1';

/**
 * The stored file as a stream, one chunk in memory at a time. On SQLite the chunks are read on the
 * raw connection: the import reads them while its own write transaction holds Kysely's only
 * connection (a Kysely query would wait for that transaction, which waits for the file).
 */
export function readFileChunks(db: Kysely<Database>, ecosystemId: string, importJobId: string): Readable {
	const raw = rawHandleOf(db);
	async function next(after: number): Promise<{ seq: number; bytes: Uint8Array } | undefined> {
		if (raw?.dialect === 'sqlite') {
			const row = raw.sqlite.prepare(CHUNK_SQL).get(ecosystemId, importJobId, after) as { seq: number; bytes: Uint8Array } | undefined;
			return row && { seq: Number(row.seq), bytes: row.bytes };
		}
		const row = await db
			.selectFrom('import_file_chunk')
			.select(['seq', 'bytes'])
			.where('ecosystem_id', '=', ecosystemId)
			.where('import_job_id', '=', importJobId)
			.where('seq', '>', after)
			.orderBy('seq')
			.limit(1)
			.executeTakeFirst();
		return row && { seq: Number(row.seq), bytes: row.bytes };
	}
	async function* chunks() {
		for (let after = -1; ; ) {
			const chunk = await next(after);
			if (!chunk) return;
			after = chunk.seq;
			yield Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
		}
	}
	return Readable.from(chunks(), { objectMode: false });
}

/** The upload is complete: the metric chosen and the file's size, read by the job. */
export async function recordUploadedFile(db: Executor, ecosystemId: string, importJobId: string, file: { metricId: string; bytesTotal: number }): Promise<void> {
	await db
		.updateTable('import_job')
		.set({ metric_id: file.metricId, bytes_total: file.bytesTotal, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', importJobId)
		.execute();
}

/** An upload that was refused or cut off: the job goes, and its chunks with it. */
export async function deleteImportJob(db: Executor, ecosystemId: string, importJobId: string): Promise<void> {
	await deleteFileChunks(db, ecosystemId, importJobId);
	await db.deleteFrom('import_job').where('ecosystem_id', '=', ecosystemId).where('id', '=', importJobId).execute();
}

export async function findImportJobById(db: Executor, ecosystemId: string, importJobId: string) {
	return db.selectFrom('import_job').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', importJobId).executeTakeFirst();
}

/**
 * An attempt takes the import: from 'queued', or from 'running' when an earlier attempt died. A
 * finished import (succeeded or failed) is never started again: its status row is the decision.
 */
export async function claimImportJob(db: Executor, ecosystemId: string, importJobId: string): Promise<boolean> {
	const result = await db
		.updateTable('import_job')
		.set({ status: 'running', bytes_read: 0, rows_read: 0, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', importJobId)
		.where('status', 'in', ['queued', 'running'])
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * Changes a running import only. In the import's transaction this is the commit's gate: a second
 * attempt that ran alongside (an attempt taken for dead that was only slow) finds the import
 * finished, changes nothing and rolls back.
 */
export async function updateRunningImportJob(
	db: Executor,
	ecosystemId: string,
	importJobId: string,
	change: Partial<Pick<ImportJobTable, 'status' | 'problems_json' | 'submission_id'>> & { bytes_read?: number; rows_read?: number }
): Promise<boolean> {
	const result = await db
		.updateTable('import_job')
		.set({ ...change, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', importJobId)
		.where('status', '=', 'running')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * Files left behind: their import finished (its job died before removing them) or went quiet long
 * ago (an upload cut off with its server). Returns how many chunks were removed.
 */
export async function deleteAbandonedFileChunks(db: Executor, ecosystemId: string, quietSince: string): Promise<number> {
	const jobs = db
		.selectFrom('import_job')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where((eb) => eb.or([eb('status', 'in', ['succeeded', 'failed']), eb('updated_at', '<', quietSince)]));
	const result = await db.deleteFrom('import_file_chunk').where('ecosystem_id', '=', ecosystemId).where('import_job_id', 'in', jobs).executeTakeFirst();
	return Number(result.numDeletedRows);
}
