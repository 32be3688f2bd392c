import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { createSubmissionVersion } from '../submissions/submissions.repository.js';
import { insertParticipantRows, participantRowsOf } from '../participants/participants.repository.js';
import type { ParticipantRow } from '../participants/participants.js';
import * as participantImport from './migrations/2026-12-02T0200-participant-import.js';
import * as participantBatches from './migrations/2026-12-02T0300-participant-batches.js';

const row = (rowNumber: number, pseudonym: string, change: Partial<ParticipantRow> = {}): ParticipantRow => ({
	rowNumber, pseudonym, program: 'Robotics', raceEthnicity: 'black', sex: 'female', zip: '19104', gradeBand: '6-8', ageBand: null, disability: 0, englishLearner: null, lowIncome: 1, startedOn: '2026-01-10', endedOn: null, ...change
});

describeEachDatabase('participant row groups: one foreign key (migrations 2026-12-02T0200 and T0300)', (get) => {
	async function submissionWithRows(rows: ParticipantRow[]) {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost' });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id] });
		const submission = await createSubmissionVersion(db, eco.id, { cycleId: cycle.id, partnerId: partner.id, method: 'participants', submittedByUserId: null, fileName: 'p.csv', rowCount: rows.length, cells: [] });
		await insertParticipantRows(db, eco.id, submission.id, rows);
		return { ecosystemId: eco.id, submissionId: submission.id };
	}
	const rowsOf = async (ecosystemId: string, submissionId: string) => {
		const rows: ParticipantRow[] = [];
		for await (const group of participantRowsOf(get().db, ecosystemId, submissionId)) rows.push(...group);
		return rows;
	};
	const groupsOf = async (submissionId: string) =>
		(await get().db.selectFrom('participant_batch').select(['first_row_number', 'row_count']).where('submission_id', '=', submissionId).orderBy('first_row_number').execute()).map((g) => [Number(g.first_row_number), Number(g.row_count)]);

	it('moves every row into groups and back when undone, through the older migration too', async () => {
		const { db } = get();
		// 5,000 consecutive rows (several groups, the last one partial), a gap, then two more; every kind of value.
		const rows = [
			...Array.from({ length: 5000 }, (_, i) => row(i + 2, `p-${Math.floor(i / 3)}`, { zip: i % 7 === 0 ? null : `191${String(i % 40).padStart(2, '0')}`, disability: i % 3 === 0 ? null : ((i % 2) as 0 | 1) })),
			row(6000, 'p-x', { program: 'Taller "Ciencia", niñas\\niños', raceEthnicity: null, sex: null, lowIncome: null }),
			row(6001, 'p-y', { program: '' })
		];
		const { ecosystemId, submissionId } = await submissionWithRows(rows);
		expect(await rowsOf(ecosystemId, submissionId)).toEqual(rows);

		await participantBatches.down(db);
		const flat = await sql<{ n: number }>`SELECT count(*) AS n FROM participant_record WHERE submission_id = ${submissionId}`.execute(db);
		expect(Number(flat.rows[0]!.n)).toBe(rows.length);
		// The older migration still undoes and redoes its keys on the table this one gives back.
		await participantImport.down(db);
		await participantImport.up(db);
		await participantBatches.up(db);
		expect(await groupsOf(submissionId)).toEqual([[2, 1024], [1026, 1024], [2050, 1024], [3074, 1024], [4098, 904], [6000, 2]]);
		expect(await rowsOf(ecosystemId, submissionId)).toEqual(rows);
	});

	it('refuses a group whose ecosystem is not its submission’s, and one without a submission', async () => {
		const { db } = get();
		const { ecosystemId, submissionId } = await submissionWithRows([row(2, 'p-1')]);
		const other = await makeEcosystem(db);
		await expect(insertParticipantRows(db, other.id, submissionId, [row(9, 'p-x')])).rejects.toThrow(/foreign key/i);
		await expect(insertParticipantRows(db, other.id, 'no-such-submission', [row(9, 'p-x')])).rejects.toThrow(/foreign key/i);
		expect(await rowsOf(ecosystemId, submissionId)).toHaveLength(1);
	});

	it('groups go with their submission, and with their ecosystem', async () => {
		const { db } = get();
		const first = await submissionWithRows([row(2, 'p-1'), row(3, 'p-2')]);
		await db.deleteFrom('submission').where('id', '=', first.submissionId).execute();
		expect(await groupsOf(first.submissionId)).toEqual([]);
		const second = await submissionWithRows([row(2, 'p-1'), row(3, 'p-2')]);
		await db.deleteFrom('ecosystem').where('id', '=', second.ecosystemId).execute();
		expect(await groupsOf(second.submissionId)).toEqual([]);
	});
});
