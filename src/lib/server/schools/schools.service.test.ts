import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import * as repo from './schools.repository.js';
import { defaultLevels, defaultRubric } from './schools.js';
import { getSchool, listMySchools, submitAssessment } from './schools.service.js';

const levels = (values: number[]) => Object.fromEntries(defaultRubric.map((d, i) => [`level.${d.key}`, String(values[i])]));

describeEachDatabase('STEM school transformation service', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		for (const [position, d] of defaultRubric.entries()) await repo.insertDomain(db, eco.id, { ...d, levels: defaultLevels, position });
		const schoolId = await repo.insertSchool(db, eco.id, { slug: 'kestrel-park', name: 'Kestrel Park STEM Academy', gradeBands: ['9-12'] });
		const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await repo.insertSchoolMember(db, eco.id, schoolId, lee.userId);
		return { db, eco, lee, schoolId };
	}

	it('a school team completes the rubric two years running and sees growth by domain', async () => {
		const { db, eco, lee } = await setup(get().ctx);
		const at = new Date('2026-09-01T00:00:00Z');
		expect(await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2025', ...levels([1, 2, 1, 2]) }, now: at })).toEqual({ ok: true, value: { year: 2025 } });
		expect(await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2026', ...levels([2, 2, 3, 1]), 'plan.partnerships': 'Host two industry visits.' }, now: at })).toMatchObject({ ok: true });
		const page = await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.growth.years).toEqual([2025, 2026]);
		expect(page.growth.domains.map((d) => [d.key, d.byYear, d.change])).toEqual([
			['leadership_culture', [1, 2], 1],
			['curriculum_instruction', [2, 2], 0],
			['partnerships', [1, 3], 2],
			['equity_access', [2, 1], -1]
		]);
		expect(page.assessments.at(-1)!.plans.partnerships).toBe('Host two industry visits.');
		expect(await auditActions(db, eco.id)).toEqual(['school.assessment.save', 'school.assessment.save']);
	});

	it('replaces a year’s scores when the team submits that year again, and lists every problem', async () => {
		const { db, eco, lee } = await setup(get().ctx);
		const at = new Date('2026-09-01T00:00:00Z');
		await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2026', ...levels([1, 1, 1, 1]) }, now: at });
		await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2026', ...levels([4, 4, 4, 4]) }, now: at });
		const bad = await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2040', 'level.partnerships': '9' }, now: at });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['year', 'level.leadership_culture', 'level.curriculum_instruction', 'level.partnerships', 'level.equity_access']);
		const page = await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.assessments.map((a) => [a.year, Object.values(a.levels)])).toEqual([[2026, [4, 4, 4, 4]]]);
	});

	it('keeps a school to its team and backbone staff', async () => {
		const { ctx } = get();
		const { db, eco } = await setup(ctx);
		const outsider = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const partner = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: null });
		expect(await listMySchools({ db, actor: outsider, ecosystemId: eco.id })).toEqual([]);
		await expect(getSchool({ db, actor: outsider, ecosystemId: eco.id, slug: 'kestrel-park' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(submitAssessment({ db, actor: outsider, ecosystemId: eco.id, slug: 'kestrel-park', input: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(listMySchools({ db, actor: partner, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(listMySchools({ db, actor: publicActor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		expect((await listMySchools({ db, actor: staff, ecosystemId: eco.id })).map((s) => s.slug)).toEqual(['kestrel-park']);
		expect((await getSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park' })).school.name).toBe('Kestrel Park STEM Academy');
	});

	describe('tenant isolation', () => {
		it('never reaches another ecosystem’s schools', async () => {
			const { ctx } = get();
			const home = await setup(ctx);
			const away = await setup(ctx);
			await expect(getSchool({ db: home.db, actor: away.lee, ecosystemId: home.eco.id, slug: 'kestrel-park' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await submitAssessment({ db: home.db, actor: away.lee, ecosystemId: away.eco.id, slug: 'kestrel-park', input: { year: String(new Date().getUTCFullYear()), ...levels([2, 2, 2, 2]) } });
			expect((await getSchool({ db: home.db, actor: home.lee, ecosystemId: home.eco.id, slug: 'kestrel-park' })).assessments).toEqual([]);
			expect(await auditActions(home.db, home.eco.id)).toEqual([]);
		});
	});
});
