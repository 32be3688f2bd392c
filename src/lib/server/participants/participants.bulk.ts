/**
 * Bulk writes of participant rows, the one place the importer leaves the query builder: building
 * and compiling a 15,000-parameter Kysely insert per batch cost more than the database's own work.
 * One interface, `ParticipantRowWriter`, with a writer per database:
 *   - SQLite: one prepared statement of 64 rows (node:sqlite `StatementSync`), reused for the
 *     whole file, on the connection that holds the transaction;
 *   - PostgreSQL: `COPY participant_record FROM STDIN` (pg-copy-streams) on the transaction's client.
 * `inBulkTransaction` opens the transaction these writers write in; everything else in it goes
 * through Kysely as usual. A database opened elsewhere (no raw handle) falls back to Kysely inserts.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { Kysely, PostgresDialect, type PostgresPool, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { rawHandleOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { ParticipantRow } from './participants.js';
import { insertParticipantRows } from './participants.repository.js';

export interface ParticipantRowWriter {
	/** Writes rows of one submission; awaited (PostgreSQL: until the socket takes them). */
	write(rows: readonly ParticipantRow[]): Promise<void>;
	/** Ends the writing: every row is in the table (uncommitted) when this resolves. */
	close(): Promise<void>;
}

export type OpenRowWriter = (ecosystemId: string, submissionId: string) => ParticipantRowWriter;

const columns = 'ecosystem_id, submission_id, row_number, pseudonym, program, race_ethnicity, sex, zip, grade_band, age_band, disability, english_learner, low_income, started_on, ended_on';
/** Values per row. (Binding the two keys once as ?1 and ?2 was measured 4× slower in node:sqlite.) */
const PER_ROW = 15;
export const SQLITE_ROWS_PER_STATEMENT = 64;

function sqliteInsert(rows: number): string {
	const tuples: string[] = [];
	const tuple = `(${Array.from({ length: PER_ROW }, () => '?').join(', ')})`;
	for (let r = 0; r < rows; r++) tuples.push(tuple);
	return `INSERT INTO participant_record (${columns}) VALUES ${tuples.join(', ')}`;
}

function fill(params: SQLInputValue[], at: number, ecosystemId: string, submissionId: string, r: ParticipantRow): void {
	params[at] = ecosystemId;
	params[at + 1] = submissionId;
	params[at + 2] = r.rowNumber;
	params[at + 3] = r.pseudonym;
	params[at + 4] = r.program;
	params[at + 5] = r.raceEthnicity;
	params[at + 6] = r.sex;
	params[at + 7] = r.zip;
	params[at + 8] = r.gradeBand;
	params[at + 9] = r.ageBand;
	params[at + 10] = r.disability;
	params[at + 11] = r.englishLearner;
	params[at + 12] = r.lowIncome;
	params[at + 13] = r.startedOn;
	params[at + 14] = r.endedOn;
}

function sqliteWriter(raw: DatabaseSync, ecosystemId: string, submissionId: string): ParticipantRowWriter {
	const statements = new Map<number, { statement: StatementSync; params: SQLInputValue[] }>();
	const statementFor = (rows: number) => {
		let entry = statements.get(rows);
		if (!entry) {
			const params: SQLInputValue[] = new Array(rows * PER_ROW).fill(null);
			entry = { statement: raw.prepare(sqliteInsert(rows)), params };
			statements.set(rows, entry);
		}
		return entry;
	};
	return {
		async write(rows) {
			for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
				const count = Math.min(SQLITE_ROWS_PER_STATEMENT, rows.length - start);
				const { statement, params } = statementFor(count);
				for (let i = 0; i < count; i++) fill(params, i * PER_ROW, ecosystemId, submissionId, rows[start + i]!);
				statement.run(...params);
			}
		},
		async close() {
			statements.clear();
		}
	};
}

/** A value in COPY's text format: \N is null; backslash, tab and line breaks are escaped. */
const copyText = (value: string | null): string => (value === null ? '\\N' : /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value);
const copyFlag = (value: 0 | 1 | null): string => (value === null ? '\\N' : value === 1 ? '1' : '0');

function copyWriter(client: pg.PoolClient, ecosystemId: string, submissionId: string, track: (stream: CopyStreamQuery) => void): ParticipantRowWriter {
	let stream: CopyStreamQuery | undefined;
	const keys = `${ecosystemId}\t${submissionId}\t`;
	return {
		async write(rows) {
			if (rows.length === 0) return;
			if (!stream) {
				stream = client.query(copyFrom(`COPY participant_record (${columns}) FROM STDIN`));
				// Errors surface in write() and close(); the listener keeps one between them from crashing the process.
				stream.on('error', () => {});
				track(stream);
			}
			if (stream.errored) throw stream.errored;
			let text = '';
			for (const r of rows) {
				text += `${keys}${r.rowNumber}\t${copyText(r.pseudonym)}\t${copyText(r.program)}\t${copyText(r.raceEthnicity)}\t${copyText(r.sex)}\t${copyText(r.zip)}\t${copyText(r.gradeBand)}\t${copyText(r.ageBand)}\t${copyFlag(r.disability)}\t${copyFlag(r.englishLearner)}\t${copyFlag(r.lowIncome)}\t${copyText(r.startedOn)}\t${copyText(r.endedOn)}\n`;
			}
			if (!stream.write(text)) await once(stream, 'drain');
		},
		async close() {
			if (!stream) return;
			stream.end();
			await finished(stream);
		}
	};
}

/**
 * Runs `work` in one transaction, with a way to open bulk row writers inside it. On PostgreSQL the
 * transaction runs on a client of its own (so COPY and the Kysely queries share it); an open COPY
 * is cancelled before the rollback.
 */
export async function inBulkTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>, open: OpenRowWriter) => Promise<T>): Promise<T> {
	const handle = rawHandleOf(db);
	if (handle?.dialect === 'sqlite') {
		return db.transaction().execute((trx) => work(trx, (ecosystemId, submissionId) => sqliteWriter(handle.sqlite, ecosystemId, submissionId)));
	}
	if (handle?.dialect === 'postgres') {
		const client = await handle.pool.connect();
		const copies: CopyStreamQuery[] = [];
		let failure: unknown;
		const single = new Kysely<Database>({
			dialect: new PostgresDialect({
				pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} } as unknown as PostgresPool
			})
		});
		try {
			return await single.transaction().execute(async (trx) => {
				try {
					return await work(trx, (ecosystemId, submissionId) => copyWriter(client, ecosystemId, submissionId, (s) => copies.push(s)));
				} catch (error) {
					for (const copy of copies) {
						if (copy.writableFinished || copy.destroyed) continue;
						copy.destroy(new Error('import cancelled'));
						await finished(copy).catch(() => {});
					}
					throw error;
				}
			});
		} catch (error) {
			failure = error;
			throw error;
		} finally {
			await single.destroy();
			// A client whose COPY failed midway is not trusted again: the pool opens a fresh one.
			client.release(failure instanceof Error && copies.length > 0 ? failure : undefined);
		}
	}
	return db.transaction().execute((trx) =>
		work(trx, (ecosystemId, submissionId) => ({ write: (rows) => insertParticipantRows(trx, ecosystemId, submissionId, rows), close: async () => {} }))
	);
}
