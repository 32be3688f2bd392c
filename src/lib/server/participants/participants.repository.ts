/**
 * Participant records and import jobs. Every query is scoped by ecosystem_id. The aggregation
 * runs in SQL over one submission's rows, so a million-row import never holds its people in
 * memory.
 */
import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { ImportJobTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import { demographicColumns, type CombinationCount, type ParticipantRow } from './participants.js';

export async function insertParticipantRows(db: Executor, ecosystemId: string, submissionId: string, rows: readonly ParticipantRow[]): Promise<void> {
	if (rows.length === 0) return;
	await db
		.insertInto('participant_record')
		.values(
			rows.map((r) => ({
				ecosystem_id: ecosystemId,
				submission_id: submissionId,
				row_number: r.rowNumber,
				pseudonym: r.pseudonym,
				program: r.program,
				race_ethnicity: r.raceEthnicity,
				sex: r.sex,
				zip: r.zip,
				grade_band: r.gradeBand,
				age_band: r.ageBand,
				disability: r.disability,
				english_learner: r.englishLearner,
				low_income: r.lowIncome,
				started_on: r.startedOn,
				ended_on: r.endedOn
			}))
		)
		.execute();
}

/** Distinct people per combination of answers among one submission's rows. */
export async function countPeopleByCombination(db: Executor, ecosystemId: string, submissionId: string): Promise<CombinationCount[]> {
	const rows = await db
		.selectFrom('participant_record')
		.select([...demographicColumns, sql<number>`count(distinct pseudonym)`.as('people')])
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.groupBy([...demographicColumns])
		.execute();
	return rows.map((r) => ({
		...r,
		disability: r.disability === null ? null : Number(r.disability),
		english_learner: r.english_learner === null ? null : Number(r.english_learner),
		low_income: r.low_income === null ? null : Number(r.low_income),
		people: Number(r.people)
	}));
}

export async function countDistinctPeople(db: Executor, ecosystemId: string, submissionId: string): Promise<number> {
	const row = await db
		.selectFrom('participant_record')
		.select(sql<number>`count(distinct pseudonym)`.as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * The rows of the first `limit` people whose rows disagree on an answer (only looked for when the
 * combination counts add up to more people than there are, so the usual import skips it).
 */
export async function rowsOfInconsistentPeople(db: Executor, ecosystemId: string, submissionId: string, limit = 100): Promise<ParticipantRow[]> {
	const signature = sql.join(
		demographicColumns.map((c) => sql`coalesce(cast(${sql.ref(c)} as text), '~')`),
		sql` || '|' || `
	);
	const people = db
		.selectFrom('participant_record')
		.select('pseudonym')
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.groupBy('pseudonym')
		.having(sql`count(distinct ${signature})`, '>', 1)
		.orderBy(sql`min(row_number)`)
		.limit(limit);
	const rows = await db
		.selectFrom('participant_record')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('submission_id', '=', submissionId)
		.where('pseudonym', 'in', people)
		.orderBy('row_number')
		.execute();
	return rows.map((r) => ({
		rowNumber: Number(r.row_number),
		pseudonym: r.pseudonym,
		program: r.program,
		raceEthnicity: r.race_ethnicity as ParticipantRow['raceEthnicity'],
		sex: r.sex as ParticipantRow['sex'],
		zip: r.zip,
		gradeBand: r.grade_band,
		ageBand: r.age_band,
		disability: flag(r.disability),
		englishLearner: flag(r.english_learner),
		lowIncome: flag(r.low_income),
		startedOn: r.started_on,
		endedOn: r.ended_on
	}));
}

const flag = (value: number | null): 0 | 1 | null => (value === null ? null : Number(value) === 1 ? 1 : 0);

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

export async function countParticipantRows(db: Executor, ecosystemId: string, submissionId: string): Promise<number> {
	const row = await db
		.selectFrom('participant_record')
		.select((eb) => eb.fn.countAll().as('n'))
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

export async function updateImportJob(
	db: Executor,
	ecosystemId: string,
	id: string,
	change: Partial<Pick<ImportJobTable, 'status' | 'problems_json' | 'submission_id'>> & { bytes_read?: number; rows_read?: number }
): Promise<void> {
	await db
		.updateTable('import_job')
		.set({ ...change, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
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
