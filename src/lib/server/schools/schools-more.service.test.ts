import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import type { AppContext } from '../context.js';
import * as repo from './schools.repository.js';
import { defaultLevels, defaultRubric, sameSchoolName } from './schools.js';
import { createSchool, getRubricForEdit, getSchool, listMySchools, removeRubricDomain, saveRubricDomain, submitAssessment, updateSchool } from './schools.service.js';

const at = new Date('2026-09-01T00:00:00Z');

it('treats school names that differ only in case, accents, spacing or punctuation as the same school', () => {
	expect(sameSchoolName('Kestrel Park STEM Academy', '  kestrel park stem academy. ')).toBe(true);
	expect(sameSchoolName('Escuela Benito Juárez', 'ESCUELA BENITO JUAREZ')).toBe(true);
	expect(sameSchoolName('Math & Science High', 'Math and Science High')).toBe(true);
	expect(sameSchoolName('Kestrel Park STEM Academy', 'Kestrel Park STEM Academy II')).toBe(false);
});

describeEachDatabase('adding schools and removing rubric domains', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		for (const [position, d] of defaultRubric.entries()) await repo.insertDomain(db, eco.id, { ...d, levels: defaultLevels, position });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		return { db, eco, staff, lee };
	}

	it('adds a school with its grade bands and an address from its name, refuses duplicates and bad input, and audits it', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Kestrel Park STEM Academy', grade_bands: ['6-8', '9-12'] } })).toEqual({ ok: true, value: { slug: 'kestrel-park-stem-academy' } });
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'kestrel park  STEM academy!', grade_bands: ['9-12'] } })).toEqual({
			ok: false,
			issues: [{ field: 'name', message: 'This school is already listed: Kestrel Park STEM Academy.' }]
		});
		// A duplicate is reported with the other problems of the same form.
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Kestrel Park STEM Academy', grade_bands: [] } })).toEqual({
			ok: false,
			issues: [
				{ field: 'name', message: 'This school is already listed: Kestrel Park STEM Academy.' },
				{ field: 'grade_bands', message: 'Choose at least one grade band the school serves.' }
			]
		});
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'AB', grade_bands: [] } })).toEqual({
			ok: false,
			issues: [
				{ field: 'name', message: 'The name needs at least 3 characters.' },
				{ field: 'grade_bands', message: 'Choose at least one grade band the school serves.' }
			]
		});
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Delta Elementary', grade_bands: ['k-2', 'college'] } })).toEqual({ ok: false, issues: [{ field: 'grade_bands.1', message: 'Choose grade bands from the list.' }] });
		// A name whose address is taken by a page, or by a school renamed since, gets the next free address.
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Rubric', grade_bands: ['k-2'] } })).toEqual({ ok: true, value: { slug: 'rubric-school' } });
		await updateSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'rubric-school', input: { name: 'Harbor View Elementary', grade_bands: ['k-2'] } });
		expect(await createSchool({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Rubric', grade_bands: ['k-2'] } })).toEqual({ ok: true, value: { slug: 'rubric-school-2' } });
		// Renaming onto another school's name is refused too.
		expect(await updateSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'rubric-school-2', input: { name: 'Harbor view elementary', grade_bands: ['k-2'] } })).toEqual({
			ok: false,
			issues: [{ field: 'name', message: 'Another school already has this name: Harbor View Elementary.' }]
		});
		const schools = await listMySchools({ db, actor: staff, ecosystemId: eco.id });
		expect(schools.map((s) => [s.name, JSON.parse(s.grade_bands)])).toEqual([
			['Harbor View Elementary', ['k-2']],
			['Kestrel Park STEM Academy', ['6-8', '9-12']],
			['Rubric', ['k-2']]
		]);
		expect((await auditActions(db, eco.id)).filter((a) => a === 'school.create')).toHaveLength(3);
	});

	it('refuses adding schools to anyone but backbone staff', async () => {
		const { db, eco, lee } = await setup(get().ctx);
		await expect(createSchool({ db, actor: lee, ecosystemId: eco.id, input: { name: 'Sneaky School', grade_bands: ['k-2'] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const other = await setup(get().ctx);
		await expect(createSchool({ db, actor: other.staff, ecosystemId: eco.id, input: { name: 'Sneaky School', grade_bands: ['k-2'] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await listMySchools({ db, actor: (await setup(get().ctx)).staff, ecosystemId: eco.id }).catch((e: unknown) => e)).toMatchObject({ code: 'FORBIDDEN' });
	});

	it('removes a domain nobody rated, refuses one that self-assessments rated (with the count), and school pages follow', async () => {
		const { db, eco, staff, lee } = await setup(get().ctx);
		const schoolId = await repo.insertSchool(db, eco.id, { slug: 'kestrel-park', name: 'Kestrel Park STEM Academy', gradeBands: ['9-12'] });
		await repo.insertSchoolMember(db, eco.id, schoolId, lee.userId);
		const levels = Object.fromEntries(defaultRubric.map((d) => [`level.${d.key}`, '2']));
		expect((await submitAssessment({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2025', ...levels }, now: at })).ok).toBe(true);
		const added = await saveRubricDomain({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Family engagement', levels: 'Starting\nGrowing\nThriving' } });
		if (!added.ok) throw new Error('domain');
		const rubric = await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id });
		const partnerships = rubric.find((r) => r.domain.key === 'partnerships')!;

		expect(await removeRubricDomain({ db, actor: staff, ecosystemId: eco.id, domainId: partnerships.domain.id })).toEqual({
			ok: false,
			issues: [{ field: 'form', message: '“Partnerships” cannot be removed: 1 self-assessment has rated it, and removing it would erase part of those schools’ history. You may rename it instead.' }]
		});
		expect(await removeRubricDomain({ db, actor: staff, ecosystemId: eco.id, domainId: added.value.id })).toEqual({ ok: true, value: null });
		expect((await getRubricForEdit({ db, actor: staff, ecosystemId: eco.id })).map((r) => r.domain.key)).toEqual(defaultRubric.map((d) => d.key));
		expect(await removeRubricDomain({ db, actor: staff, ecosystemId: eco.id, domainId: added.value.id })).toMatchObject({ ok: false, issues: [{ field: 'form' }] });
		await expect(removeRubricDomain({ db, actor: lee, ecosystemId: eco.id, domainId: partnerships.domain.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		// The rated domain and its rating are untouched; the school's history still shows it.
		const page = await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.assessments[0]!.levels.partnerships).toBe(2);
		expect(await auditActions(db, eco.id)).toContain('school.rubric.remove');
		// The repository's own guard: a rated domain is never deleted, even if asked directly.
		expect(await repo.deleteDomain(db, eco.id, partnerships.domain.id)).toBe(0);
	});
});
