import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { ADDRESS_JUST_TAKEN } from '../db/unique-violation.js';
import { insertMetric, listMetrics } from './metrics.repository.js';
import { metricSchema } from './metrics.js';
import { createMetric } from './metrics.service.js';

/**
 * Two people adding a metric with the same name at the same moment: both transactions check the
 * web address before either inserts, so both find it free. This is made deterministic by letting
 * the check answer "free" (`stale` times) for a row another create has already written.
 */
const race = vi.hoisted(() => ({ stale: 0 }));
vi.mock('./metrics.repository.js', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./metrics.repository.js')>();
	return {
		...actual,
		metricSlugInUse: async (...args: Parameters<typeof actual.metricSlugInUse>) => {
			if (race.stale > 0) {
				race.stale--;
				return false;
			}
			return actual.metricSlugInUse(...args);
		}
	};
});

const input = {
	name: 'Black women in STEM jobs',
	definition: 'Civilian employed women aged 16 and over in computer, engineering and science occupations.',
	unit: 'people',
	stage: 'workforce',
	frequency: 'annual'
};

describeEachDatabase('createMetric when another create takes the web address first', (get) => {
	beforeEach(() => {
		race.stale = 0;
	});

	async function setting() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		// The other person's metric, already committed under the address this create will pick.
		await insertMetric(db, eco.id, 'black-women-in-stem-jobs', metricSchema.parse(input));
		return { db, eco, staff };
	}

	it('rolls the collided attempt back and tries once more with the next free address', async () => {
		const { db, eco, staff } = await setting();
		race.stale = 1;
		const outcome = await createMetric({ db, actor: staff, ecosystemId: eco.id, input });
		expect(outcome).toMatchObject({ ok: true, value: { slug: 'black-women-in-stem-jobs-2' } });
		expect((await listMetrics(db, eco.id)).map((m) => m.slug).sort()).toEqual(['black-women-in-stem-jobs', 'black-women-in-stem-jobs-2']);
		expect(await auditActions(db, eco.id)).toEqual(['metric.create']);
	});

	it('asks the person to try again when the second attempt collides too, and stores nothing', async () => {
		const { db, eco, staff } = await setting();
		race.stale = 2;
		const outcome = await createMetric({ db, actor: staff, ecosystemId: eco.id, input });
		expect(outcome).toEqual({ ok: false, issues: [{ field: 'name', message: ADDRESS_JUST_TAKEN }] });
		expect((await listMetrics(db, eco.id)).map((m) => m.slug)).toEqual(['black-women-in-stem-jobs']);
		expect(await auditActions(db, eco.id)).toEqual([]);
	});
});
