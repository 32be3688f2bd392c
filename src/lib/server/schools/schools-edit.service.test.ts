import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import type { AppContext } from '../context.js';
import * as repo from './schools.repository.js';
import { defaultLevels, defaultRubric } from './schools.js';
import { getRubricForEdit, getSchool, getSchoolForEdit, saveRubricDomain, submitAssessment, updateSchool } from './schools.service.js';

const levels = (values: number[]) => Object.fromEntries(defaultRubric.map((d, i) => [`level.${d.key}`, String(values[i])]));
const at = new Date('2026-09-01T00:00:00Z');

describeEachDatabase('editing the school rubric and schools', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		for (const [position, d] of defaultRubric.entries()) await repo.insertDomain(db, eco.id, { ...d, levels: defaultLevels, position });
		const schoolId = await repo.insertSchool(db, eco.id, { slug: 'kestrel-park', name: 'Kestrel Park STEM Academy', gradeBands: ['9-12'] });
		const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await repo.insertSchoolMember(db, eco.id, schoolId, lee.userId);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		return { db, eco, lee, staff, schoolId };
	}

	it('lets backbone staff rename a rated domain and its levels, and past answers keep their step on the scale', async () => {
		const { db, eco, lee, staff } = await setup(get().ctx);
		await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2025', ...levels([1, 2, 3, 4]) }, now: at });
		const rubric = await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id });
		const partnerships = rubric.find((r) => r.domain.key === 'partnerships')!;
		expect([partnerships.timesRated, partnerships.values.levels]).toEqual([1, 'Emerging | Inicial\nDeveloping | En desarrollo\nEstablished | Consolidado\nExemplary | Ejemplar']);
		const renamed = await saveRubricDomain({
			db, actor: staff, ecosystemId: eco.id, domainId: partnerships.domain.id,
			input: { name: 'Community partnerships', name_es: 'Alianzas comunitarias', levels: 'Beginning | Comienzo\nGrowing\nStrong | Sólido\nLeading | Líder' }
		});
		expect(renamed).toEqual({ ok: true, value: { id: partnerships.domain.id } });
		const page = await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' });
		const domain = page.domains.find((d) => d.key === 'partnerships')!;
		expect([domain.name, domain.levels[2]]).toEqual(['Community partnerships', { label: 'Strong', label_es: 'Sólido' }]);
		expect(page.assessments[0]!.levels.partnerships).toBe(3);
		expect(await auditActions(db, eco.id)).toContain('school.rubric.update');
	});

	it('refuses to add or drop levels of a domain once rated, but lets an unrated domain change its scale and adds new domains', async () => {
		const { db, eco, lee, staff } = await setup(get().ctx);
		await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2025', ...levels([1, 2, 3, 4]) }, now: at });
		const rubric = await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id });
		const equity = rubric.find((r) => r.domain.key === 'equity_access')!;
		const fewer = await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, domainId: equity.domain.id, input: { name: 'Equity and access', levels: 'Low\nHigh' } });
		expect(fewer).toEqual({ ok: false, issues: [{ field: 'levels', message: '1 self-assessment has rated this domain on its 4 levels, so it keeps 4 levels; you may rename them.' }] });
		expect((await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id })).find((r) => r.domain.key === 'equity_access')!.domain.levels).toEqual(defaultLevels);

		const added = await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Family engagement', name_es: 'Participación familiar', levels: 'Starting\nGrowing\nThriving' } });
		expect(added.ok).toBe(true);
		const fresh = (await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id })).find((r) => r.domain.key === 'family_engagement')!;
		expect([fresh.timesRated, fresh.domain.levels.length]).toEqual([0, 3]);
		expect((await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, domainId: fresh.domain.id, input: { name: 'Family engagement', levels: 'Starting\nGrowing\nThriving\nLeading\nModel' } })).ok).toBe(true);
		expect(await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, input: { name: 'partnerships', levels: 'A\nB' } })).toEqual({ ok: false, issues: [{ field: 'name', message: 'Another domain of the rubric already has that name.' }] });
		expect(await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, input: { name: 'One level', levels: 'Only' } })).toEqual({ ok: false, issues: [{ field: 'levels', message: 'Give between 2 and 7 levels, one per line, lowest first.' }] });
		// Past assessments did not rate the new domain; growth shows it as not rated, nothing rewritten.
		const page = await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.growth.domains.find((d) => d.key === 'family_engagement')).toEqual({ key: 'family_engagement', byYear: [null], change: null });
		expect(page.growth.domains.find((d) => d.key === 'equity_access')!.byYear).toEqual([4]);
	});

	it('lets backbone staff rename a school and change its grade bands, which changes the PD it is shown', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		expect((await getSchoolForEdit({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park' })).values).toEqual({ name: 'Kestrel Park STEM Academy', grade_bands: '9-12' });
		expect(await updateSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', input: { name: ' ', grade_bands: [] } })).toEqual({
			ok: false,
			issues: [
				{ field: 'name', message: 'The name needs at least 3 characters.' },
				{ field: 'grade_bands', message: 'Choose at least one grade band the school serves.' }
			]
		});
		expect(await updateSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', input: { name: 'Kestrel Park STEM Academy (6-12)', grade_bands: ['6-8', '9-12'] } })).toEqual({ ok: true, value: { slug: 'kestrel-park' } });
		const page = await getSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect([page.school.name, page.school.grade_bands]).toEqual(['Kestrel Park STEM Academy (6-12)', '["6-8","9-12"]']);
		expect(await auditActions(db, eco.id)).toEqual(['school.update']);
	});

	it('refuses the school team, partner staff and other ecosystems’ staff', async () => {
		const { ctx } = get();
		const { db, eco, lee } = await setup(ctx);
		const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: (await makePartner(db, eco.id)).id });
		const elsewhere = await makeEcosystem(db);
		const foreignStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: elsewhere.id });
		const domainId = (await repo.listDomains(db, eco.id))[0]!.id;
		for (const actor of [lee, partnerAdmin, foreignStaff]) {
			await expect(updateSchool({ db, actor, ecosystemId: eco.id, slug: 'kestrel-park', input: { name: 'Taken over', grade_bands: ['k-2'] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(saveRubricDomain({ db, actor, ecosystemId: eco.id, domainId, input: { name: 'Taken over', levels: 'A\nB\nC\nD' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getRubricForEdit({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		expect((await repo.listDomains(db, eco.id))[0]!.name).toBe('Leadership and culture');
		expect(await auditActions(db, eco.id)).toEqual([]);
	});
});
