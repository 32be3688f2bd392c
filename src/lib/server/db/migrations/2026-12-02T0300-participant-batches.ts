import { sql, type Kysely } from 'kysely';

/**
 * Participant rows are stored in row groups: `participant_batch` holds up to a few thousand
 * consecutive rows of one submission in one database row (`payload`: JSON text, each column's
 * distinct values once and a code per row; format 1, read and written by
 * `participants/participants.batch.ts`). Why: a database pays per stored row (B-tree entry, key
 * and foreign-key checks, its share of the commit); a million-row import spent most of its time
 * there (SQLite: about 3.5 s to insert and 2.2 s to commit 1M rows, more than twice DuckDB's whole
 * load of the file). Nothing reads these rows one by one: they are counted into cells at import.
 *
 * The tenant key and the one foreign key stay as they were: (ecosystem_id, submission_id) →
 * the submission, deleted with it (and with its ecosystem, through the submission). The existing
 * rows are copied into groups (consecutive row numbers; a gap starts a new group) and
 * `participant_record` is dropped. The packing is copied here, frozen: this migration writes
 * format 1 whatever later code does.
 */
const COLUMNS = ['pseudonym', 'program', 'race_ethnicity', 'sex', 'zip', 'grade_band', 'age_band', 'disability', 'english_learner', 'low_income', 'started_on', 'ended_on'] as const;
const FLAGS = new Set(['disability', 'english_learner', 'low_income']);
const GROUP_ROWS = 1024;

type Value = string | number | null;
type RecordRow = Record<string, Value> & { row_number: number };

function pack(rows: readonly RecordRow[]): string {
	const payload: Record<string, unknown> = { format: 1 };
	for (const column of COLUMNS) {
		const values: Value[] = [];
		const codes: number[] = [];
		const index = new Map<Value, number>();
		for (const row of rows) {
			const raw = row[column] ?? null;
			const value = raw !== null && FLAGS.has(column) ? Number(raw) : raw;
			let code = index.get(value);
			if (code === undefined) {
				code = values.length;
				index.set(value, code);
				values.push(value);
			}
			codes.push(code);
		}
		payload[column] = [values, codes];
	}
	return JSON.stringify(payload);
}

function unpack(firstRowNumber: number, rowCount: number, payload: string): RecordRow[] {
	const parsed = JSON.parse(payload) as Record<string, [Value[], number[]]> & { format: number };
	if (parsed.format !== 1) throw new Error(`participant_batch format ${parsed.format} cannot be undone by this migration`);
	return Array.from({ length: rowCount }, (_, i) => {
		const row: RecordRow = { row_number: firstRowNumber + i };
		for (const column of COLUMNS) {
			const [values, codes] = parsed[column]!;
			row[column] = values[codes[i]!] ?? null;
		}
		return row;
	});
}

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('participant_batch')
		.addColumn('ecosystem_id', 'text', (c) => c.notNull())
		.addColumn('submission_id', 'text', (c) => c.notNull())
		// The file's row number of the group's first row (the header is row 1); its rows follow on.
		.addColumn('first_row_number', 'integer', (c) => c.notNull())
		.addColumn('row_count', 'integer', (c) => c.notNull().check(sql`row_count > 0`))
		.addColumn('payload', 'text', (c) => c.notNull())
		// Every read is one submission's groups in row order, and the foreign key's cascade looks them up by the same pair.
		.addPrimaryKeyConstraint('participant_batch_pk', ['ecosystem_id', 'submission_id', 'first_row_number'])
		.addForeignKeyConstraint('participant_batch_submission_fk', ['ecosystem_id', 'submission_id'], 'submission', ['ecosystem_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();

	const submissions = await db.selectFrom('participant_record').select(['ecosystem_id', 'submission_id']).distinct().execute();
	for (const { ecosystem_id, submission_id } of submissions) {
		let after = -1;
		for (;;) {
			const page = (await db
				.selectFrom('participant_record')
				.selectAll()
				.where('ecosystem_id', '=', ecosystem_id)
				.where('submission_id', '=', submission_id)
				.where('row_number', '>', after)
				.orderBy('row_number')
				.limit(GROUP_ROWS)
				.execute()) as RecordRow[];
			if (page.length === 0) break;
			let start = 0;
			for (let i = 1; i <= page.length; i++) {
				if (i < page.length && Number(page[i]!.row_number) === Number(page[i - 1]!.row_number) + 1) continue;
				const run = page.slice(start, i);
				await db
					.insertInto('participant_batch')
					.values({ ecosystem_id, submission_id, first_row_number: Number(run[0]!.row_number), row_count: run.length, payload: pack(run) })
					.execute();
				start = i;
			}
			after = Number(page.at(-1)!.row_number);
		}
	}
	await db.schema.dropTable('participant_record').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	// participant_record as migration 2026-12-02T0200-participant-import left it, on both databases.
	await sql`CREATE TABLE participant_record (
		ecosystem_id text NOT NULL,
		submission_id text NOT NULL,
		row_number integer NOT NULL,
		pseudonym text NOT NULL,
		program text DEFAULT '' NOT NULL,
		race_ethnicity text,
		sex text,
		zip text,
		grade_band text,
		age_band text,
		disability integer,
		english_learner integer,
		low_income integer,
		started_on text,
		ended_on text,
		CONSTRAINT participant_record_pk PRIMARY KEY (submission_id, row_number),
		CONSTRAINT participant_record_submission_fk FOREIGN KEY (ecosystem_id, submission_id) REFERENCES submission (ecosystem_id, id) ON DELETE CASCADE
	)`.execute(db);
	const batches = await db.selectFrom('participant_batch').select(['ecosystem_id', 'submission_id', 'first_row_number']).execute();
	for (const key of batches) {
		const batch = await db
			.selectFrom('participant_batch')
			.selectAll()
			.where('ecosystem_id', '=', key.ecosystem_id)
			.where('submission_id', '=', key.submission_id)
			.where('first_row_number', '=', key.first_row_number)
			.executeTakeFirstOrThrow();
		const rows = unpack(Number(batch.first_row_number), Number(batch.row_count), batch.payload);
		// 64 rows of 15 values: under SQLite's limit on bound parameters.
		for (let start = 0; start < rows.length; start += 64) {
			await db
				.insertInto('participant_record')
				.values(rows.slice(start, start + 64).map((row) => ({ ecosystem_id: key.ecosystem_id, submission_id: key.submission_id, ...row })))
				.execute();
		}
	}
	await db.schema.dropTable('participant_batch').execute();
}
