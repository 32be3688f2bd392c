/**
 * Participant rows (stored in row groups, `participant_batch`: participants.batch.ts) and import
 * jobs. Every query is scoped by ecosystem_id. Rows are read back one group at a time, so reading
 * a million-row submission never holds more than a page of groups.
 */
import type { Executor } from '../audit/audit.repository.js';
import type { ImportJobTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import type { ParticipantRow } from './participants.js';
import { decodeParticipantBatch, encodeParticipantBatches, type EncodedBatch } from './participants.batch.js';

/** Stores rows of one submission (in file order), packed into groups. */
export async function insertParticipantRows(db: Executor, ecosystemId: string, submissionId: string, rows: readonly ParticipantRow[]): Promise<void> {
	for (const batch of encodeParticipantBatches(rows)) await insertEncodedBatch(db, ecosystemId, submissionId, batch);
}

/** Stores one group, packed already (participants.batch.ts). */
export async function insertEncodedBatch(db: Executor, ecosystemId: string, submissionId: string, batch: EncodedBatch): Promise<void> {
	await db
		.insertInto('participant_batch')
		.values({ ecosystem_id: ecosystemId, submission_id: submissionId, first_row_number: batch.firstRowNumber, row_count: batch.rowCount, payload: batch.payload })
		.execute();
}

/** Groups read per query: a page of a few tens of thousands of rows. */
const BATCHES_PER_PAGE = 8;

/** One submission's rows, a group at a time, in row order. Participant rows never leave the server: this is for counting. */
export async function* participantRowsOf(db: Executor, ecosystemId: string, submissionId: string): AsyncGenerator<ParticipantRow[]> {
	let after = -1;
	for (;;) {
		const page = await db
			.selectFrom('participant_batch')
			.select(['first_row_number', 'row_count', 'payload'])
			.where('ecosystem_id', '=', ecosystemId)
			.where('submission_id', '=', submissionId)
			.where('first_row_number', '>', after)
			.orderBy('first_row_number')
			.limit(BATCHES_PER_PAGE)
			.execute();
		for (const batch of page) yield decodeParticipantBatch(Number(batch.first_row_number), Number(batch.row_count), batch.payload);
		if (page.length < BATCHES_PER_PAGE) return;
		after = Number(page.at(-1)!.first_row_number);
	}
}

/** The counts Parity computed become the submission's cells; the row count is known at the end. */
export async function finishParticipantSubmission(
	db: Executor,
	ecosystemId: string,
	submissionId: string,
	rowCount: number,
	metricId: string,
	cells: ReadonlyMap<string, number>
): Promise<void> {
	await db.updateTable('submission').set({ row_count: rowCount }).where('ecosystem_id', '=', ecosystemId).where('id', '=', submissionId).execute();
	const values = [...cells].map(([group_key, value]) => ({ ecosystem_id: ecosystemId, submission_id: submissionId, metric_id: metricId, group_key, value }));
	for (let start = 0; start < values.length; start += 500) await db.insertInto('submission_value').values(values.slice(start, start + 500)).execute();
}

/** Rows stored for one submission (the sum of its groups' sizes). */
export async function countParticipantRows(db: Executor, ecosystemId: string, submissionId: string): Promise<number> {
	const row = await db
		.selectFrom('participant_batch')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('row_count'), eb.lit(0)).as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Import jobs

export type ImportJobRow = Omit<ImportJobTable, 'bytes_total' | 'bytes_read' | 'rows_read'> & { bytes_total: number; bytes_read: number; rows_read: number };

export async function insertImportJob(
	db: Executor,
	job: { ecosystemId: string; cycleId: string; partnerId: string; fileName: string; bytesTotal: number; userId: string | null }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('import_job')
		.values({
			id,
			ecosystem_id: job.ecosystemId,
			cycle_id: job.cycleId,
			partner_id: job.partnerId,
			kind: 'participants',
			status: 'queued',
			file_name: job.fileName,
			bytes_total: job.bytesTotal,
			created_by_user_id: job.userId,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function findImportJob(db: Executor, ecosystemId: string, partnerId: string, id: string): Promise<ImportJobRow | undefined> {
	const row = await db
		.selectFrom('import_job')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('partner_id', '=', partnerId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row && { ...row, bytes_total: Number(row.bytes_total), bytes_read: Number(row.bytes_read), rows_read: Number(row.rows_read) };
}
