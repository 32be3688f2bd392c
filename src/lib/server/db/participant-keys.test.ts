import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { createSubmissionVersion } from '../submissions/submissions.repository.js';
import { insertParticipantRows } from '../participants/participants.repository.js';
import type { ParticipantRow } from '../participants/participants.js';
import * as participantImport from './migrations/2026-12-02T0200-participant-import.js';

const row = (rowNumber: number, pseudonym: string): ParticipantRow => ({
	rowNumber, pseudonym, program: 'Robotics', raceEthnicity: 'black', sex: 'female', zip: '19104', gradeBand: '6-8', ageBand: null, disability: 0, englishLearner: null, lowIncome: 1, startedOn: '2026-01-10', endedOn: null
});

describeEachDatabase('participant rows’ one foreign key (migration 2026-12-02T0200)', (get) => {
	async function submissionWithRows(rows: number) {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost' });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id] });
		const submission = await createSubmissionVersion(db, eco.id, { cycleId: cycle.id, partnerId: partner.id, method: 'participants', submittedByUserId: null, fileName: 'p.csv', rowCount: rows, cells: [] });
		await insertParticipantRows(db, eco.id, submission.id, Array.from({ length: rows }, (_, i) => row(i + 2, `p-${i}`)));
		return { ecosystemId: eco.id, submissionId: submission.id };
	}
	const rowsOf = async (submissionId: string) =>
		(await get().db.selectFrom('participant_record').select(['ecosystem_id', 'row_number', 'pseudonym', 'race_ethnicity', 'low_income']).where('submission_id', '=', submissionId).orderBy('row_number').execute()).map((r) => ({ ...r, low_income: Number(r.low_income) }));

	it('keeps every row when applied to a table that has rows (and when undone)', async () => {
		const { db } = get();
		const { submissionId } = await submissionWithRows(3);
		const before = await rowsOf(submissionId);
		expect(before).toHaveLength(3);
		await participantImport.down(db);
		expect(await rowsOf(submissionId)).toEqual(before);
		await participantImport.up(db);
		expect(await rowsOf(submissionId)).toEqual(before);
	});

	it('refuses a row whose ecosystem is not its submission’s, and one without a submission', async () => {
		const { db } = get();
		const { submissionId } = await submissionWithRows(1);
		const other = await makeEcosystem(db);
		await expect(insertParticipantRows(db, other.id, submissionId, [row(9, 'p-x')])).rejects.toThrow(/foreign key/i);
		await expect(insertParticipantRows(db, other.id, 'no-such-submission', [row(9, 'p-x')])).rejects.toThrow(/foreign key/i);
		expect(await rowsOf(submissionId)).toHaveLength(1);
	});

	it('rows go with their submission, and with their ecosystem', async () => {
		const { db } = get();
		const first = await submissionWithRows(2);
		await db.deleteFrom('submission').where('id', '=', first.submissionId).execute();
		expect(await rowsOf(first.submissionId)).toEqual([]);
		const second = await submissionWithRows(2);
		await db.deleteFrom('ecosystem').where('id', '=', second.ecosystemId).execute();
		expect(await rowsOf(second.submissionId)).toEqual([]);
	});
});
