import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import type { Executor } from '../audit/audit.repository.js';
import { createSubmissionVersion, listSubmissionCells, listSubmissionVersions } from './submissions.repository.js';
import { receiveSubmission, submitCells } from './submissions.service.js';

async function countSubmissions(db: Executor, ecosystemId: string) {
	const row = await db.selectFrom('submission').select((eb) => eb.fn.countAll<number>().as('n')).where('ecosystem_id', '=', ecosystemId).executeTakeFirstOrThrow();
	const cells = await db.selectFrom('submission_value').select((eb) => eb.fn.countAll<number>().as('n')).where('ecosystem_id', '=', ecosystemId).executeTakeFirstOrThrow();
	return { submissions: Number(row.n), cells: Number(cells.n) };
}

describeEachDatabase('submissions service', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'participants' });
		const hours = await makeMetric(db, eco.id, { slug: 'hours', unit: 'hours', disaggregations: [] });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id, hours.id], partnerIds: [partner.id] });
		const keisha = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		return { ctx, db, eco, partner, metric, hours, cycle, keisha };
	}

	describe('submitCells', () => {
		it('stores a valid submission as version 1, then a resubmission as version 2 superseding it', async () => {
			const { db, eco, partner, metric, hours, cycle, keisha } = await setup();
			const first = await submitCells({
				db, actor: keisha, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid',
				cells: [
					{ metric: 'participants', group: 'all', value: '120' },
					{ metric: 'participants', group: 'black:female', value: '31' },
					{ metric: 'hours', group: 'all', value: '' }
				]
			});
			expect(first).toMatchObject({ ok: true, value: { version: 1, cellCount: 2 } });
			const second = await submitCells({
				db, actor: keisha, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'csv', fileName: 'counts.csv', rowCount: 3,
				cells: [{ metric: 'participants', group: 'zip=19104', value: '12' }, { metric: hours.id, group: 'all', value: '340.5' }]
			});
			expect(second).toMatchObject({ ok: true, value: { version: 2, cellCount: 2 } });
			const versions = await listSubmissionVersions(db, eco.id, cycle.id, partner.id);
			expect(versions.map((v) => [v.version, v.status, v.method, v.file_name, v.row_count, v.submitted_by_email])).toEqual([
				[2, 'submitted', 'csv', 'counts.csv', 3, keisha.email],
				[1, 'superseded', 'grid', null, 2, keisha.email]
			]);
			expect(await listSubmissionCells(db, eco.id, versions[1]!.id)).toEqual(
				[{ metricId: metric.id, groupKey: 'all', value: 120 }, { metricId: metric.id, groupKey: 'black:female', value: 31 }].sort((a, b) => a.groupKey.localeCompare(b.groupKey))
			);
			expect((await listSubmissionCells(db, eco.id, versions[0]!.id)).map((c) => c.value).sort()).toEqual([12, 340.5]);
			expect(await auditActions(db, eco.id)).toEqual(['submission.create', 'submission.create']);
		});

		it('lists every problem and stores nothing', async () => {
			const { db, eco, partner, cycle, keisha } = await setup();
			const outcome = await submitCells({
				db, actor: keisha, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'csv',
				cells: [
					{ row: 2, metric: 'participants', group: 'all', value: '120' },
					{ row: 3, metric: 'participants', group: 'disability=yes', value: '4' },
					{ row: 4, metric: 'hours', group: 'female', value: 'x' }
				]
			});
			expect(outcome.ok ? [] : outcome.problems.map((p) => [p.row, p.column])).toEqual([[3, 'group'], [4, 'group'], [4, 'value']]);
			expect(await countSubmissions(db, eco.id)).toEqual({ submissions: 0, cells: 0 });
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('writes nothing when a later write in the same transaction fails', async () => {
			const { db, eco, partner, cycle, keisha } = await setup();
			await expect(
				receiveSubmission({
					db, actor: keisha, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'participants', submittedByUserId: keisha.userId,
					cells: [{ metric: 'participants', group: 'all', value: 5 }],
					alsoWrite: async () => {
						throw new Error('disk full');
					}
				})
			).rejects.toThrow('disk full');
			expect(await countSubmissions(db, eco.id)).toEqual({ submissions: 0, cells: 0 });
		});

		it('refuses another partner’s people, educators and signed-out visitors', async () => {
			const { ctx, db, eco, partner, cycle } = await setup();
			const other = await makePartner(db, eco.id);
			const outsider = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: other.id });
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const cells = [{ metric: 'participants', group: 'all', value: '1' }];
			for (const actor of [outsider, educator]) {
				await expect(submitCells({ db, actor, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid', cells })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			}
			await expect(submitCells({ db, actor: publicActor, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid', cells })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			// A partner not asked by the cycle cannot submit to it, even for itself.
			await expect(submitCells({ db, actor: outsider, ecosystemId: eco.id, cycleId: cycle.id, partnerId: other.id, method: 'grid', cells })).rejects.toMatchObject({ code: 'CYCLE_NOT_FOUND' });
			expect(await countSubmissions(db, eco.id)).toEqual({ submissions: 0, cells: 0 });
		});

		it('keeps tenants apart: another ecosystem’s cycle is not found and nothing is written', async () => {
			const { ctx, db, eco, partner, cycle } = await setup();
			const otherEco = await makeEcosystem(db);
			const theirPartner = await makePartner(db, otherEco.id);
			const theirAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: otherEco.id, partnerId: theirPartner.id });
			const cells = [{ metric: 'participants', group: 'all', value: '1' }];
			await expect(submitCells({ db, actor: theirAdmin, ecosystemId: otherEco.id, cycleId: cycle.id, partnerId: theirPartner.id, method: 'grid', cells })).rejects.toMatchObject({ code: 'CYCLE_NOT_FOUND' });
			await expect(submitCells({ db, actor: theirAdmin, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid', cells })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await countSubmissions(db, eco.id)).toEqual({ submissions: 0, cells: 0 });
			expect(await countSubmissions(db, otherEco.id)).toEqual({ submissions: 0, cells: 0 });
		});

		it('refuses a closed cycle with a plain message', async () => {
			const { db, eco, partner, cycle, keisha } = await setup();
			await db.updateTable('collection_cycle').set({ closed_at: new Date().toISOString() }).where('id', '=', cycle.id).execute();
			const outcome = await submitCells({ db, actor: keisha, ecosystemId: eco.id, cycleId: cycle.id, partnerId: partner.id, method: 'grid', cells: [{ metric: 'participants', group: 'all', value: '1' }] });
			expect(outcome).toEqual({ ok: false, problems: [{ column: 'file', message: expect.stringContaining('closed') }] });
		});
	});

	describe('createSubmissionVersion', () => {
		it('numbers versions per cycle and partner, and a rolled-back transaction leaves the previous latest untouched', async () => {
			const { db, eco, partner, metric, cycle } = await setup();
			const cells = [{ metricId: metric.id, groupKey: 'all', value: 3 }];
			const v1 = await db.transaction().execute((trx) => createSubmissionVersion(trx, eco.id, { cycleId: cycle.id, partnerId: partner.id, method: 'api', submittedByUserId: null, cells }));
			expect(v1).toMatchObject({ version: 1, supersededId: null });
			await expect(
				db.transaction().execute(async (trx) => {
					await createSubmissionVersion(trx, eco.id, { cycleId: cycle.id, partnerId: partner.id, method: 'api', submittedByUserId: null, cells });
					throw new Error('abort');
				})
			).rejects.toThrow('abort');
			expect((await listSubmissionVersions(db, eco.id, cycle.id, partner.id)).map((v) => [v.version, v.status])).toEqual([[1, 'submitted']]);
			const v2 = await db.transaction().execute((trx) => createSubmissionVersion(trx, eco.id, { cycleId: cycle.id, partnerId: partner.id, method: 'api', submittedByUserId: null, cells }));
			expect(v2).toEqual({ id: expect.any(String), version: 2, supersededId: v1.id });
		});
	});
});
