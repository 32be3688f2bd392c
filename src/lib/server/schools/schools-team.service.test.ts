import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { insertOffering } from '../pd/pd.repository.js';
import type { OfferingInput } from '../pd/pd.js';
import { auditActions } from '../testing/assertions.js';
import type { AppContext } from '../context.js';
import * as repo from './schools.repository.js';
import { defaultLevels, defaultRubric } from './schools.js';
import { addSchoolMember, getSchool, listMySchools, removeSchoolMember, submitAssessment } from './schools.service.js';

let n = 0;
describeEachDatabase('school team membership', (get) => {
	let leeEmail = '';
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		for (const [position, d] of defaultRubric.entries()) await repo.insertDomain(db, eco.id, { ...d, levels: defaultLevels, position });
		await repo.insertSchool(db, eco.id, { slug: 'kestrel-park', name: 'Kestrel Park', gradeBands: ['6-8'] });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		leeEmail = `lee.${Date.now()}.${++n}@test.parity.example`;
		const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Lee Teacher', email: leeEmail });
		return { db, eco, staff, lee };
	}

	it('adds an ecosystem member to a school team by email, lists them, lets them assess, and removes them, auditing each change', async () => {
		const { db, eco, staff, lee } = await setup(get().ctx);
		expect(await listMySchools({ db, actor: lee, ecosystemId: eco.id })).toEqual([]);
		expect(await addSchoolMember({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', input: { email: `  ${leeEmail.toUpperCase()} ` } })).toEqual({ ok: true, value: { name: 'Lee Teacher' } });
		const page = await getSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.team).toEqual([{ userId: lee.userId, name: 'Lee Teacher', email: leeEmail }]);
		expect(page.canManageTeam).toBe(true);
		expect((await listMySchools({ db, actor: lee, ecosystemId: eco.id })).map((s) => s.slug)).toEqual(['kestrel-park']);
		expect((await getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' })).canManageTeam).toBe(false);
		expect(await removeSchoolMember({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', userId: lee.userId })).toEqual({ ok: true, value: null });
		expect(await listMySchools({ db, actor: lee, ecosystemId: eco.id })).toEqual([]);
		await expect(getSchool({ db, actor: lee, ecosystemId: eco.id, slug: 'kestrel-park' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await auditActions(db, eco.id)).toEqual(['school.team.add', 'school.team.remove']);
	});

	it('refuses a duplicate, a stranger, a bad address and removing someone not on the team, changing nothing', async () => {
		const { db, eco, staff, lee } = await setup(get().ctx);
		const strangerEmail = `stranger.${Date.now()}.${++n}@test.parity.example`;
		await makeActor(get().ctx, { email: strangerEmail, name: 'Stranger' });
		const add = (email: unknown) => addSchoolMember({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', input: { email } });
		expect(await add(leeEmail)).toMatchObject({ ok: true });
		expect(await add(leeEmail)).toEqual({ ok: false, issues: [{ field: 'email', message: 'Lee Teacher is already on the team of Kestrel Park.' }] });
		expect(await add(strangerEmail)).toEqual({
			ok: false,
			issues: [{ field: 'email', message: `Nobody with the email address ${strangerEmail} has a role in this ecosystem. Invite them to the ecosystem first.` }]
		});
		expect(await add('not-an-address')).toEqual({ ok: false, issues: [{ field: 'email', message: 'Enter the email address of a member of this ecosystem.' }] });
		expect(await removeSchoolMember({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', userId: staff.userId })).toEqual({
			ok: false,
			issues: [{ field: 'form', message: 'That person is not on this school’s team (any more); reload the page.' }]
		});
		const school = (await repo.findSchoolBySlug(db, eco.id, 'kestrel-park'))!;
		expect((await repo.listSchoolMembers(db, eco.id, school.id)).map((m) => m.userId)).toEqual([lee.userId]);
		expect(await auditActions(db, eco.id)).toEqual(['school.team.add']);
	});

	it('lets only backbone staff of this ecosystem change a team', async () => {
		const { db, eco, lee } = await setup(get().ctx);
		const other = await makeEcosystem(db);
		const otherStaff = await makeActor(get().ctx, { role: 'backbone_staff', ecosystemId: other.id });
		for (const actor of [lee, otherStaff]) {
			await expect(addSchoolMember({ db, actor, ecosystemId: eco.id, slug: 'kestrel-park', input: { email: leeEmail } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(removeSchoolMember({ db, actor, ecosystemId: eco.id, slug: 'kestrel-park', userId: lee.userId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		expect(await auditActions(db, eco.id)).toEqual([]);
	});
});

describeEachDatabase('partners and PD that can help each domain', (get) => {
	it('matches published PD and partners with active programs to domains and the school grade bands, lowest-rated domain first', async () => {
		const ctx = get().ctx;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		for (const [position, d] of defaultRubric.entries()) await repo.insertDomain(db, eco.id, { ...d, levels: defaultLevels, position });
		await repo.insertSchool(db, eco.id, { slug: 'kestrel-park', name: 'Kestrel Park', gradeBands: ['6-8'] });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const offer = async (slug: string, topic: string, bands: string[], publish = true) => {
			const input = { title: `PD ${slug}`, description_md: '', topic, audience: 'ost_educators', grade_bands: bands, subject: 'science', format: 'workshop', hours: 2, cost: 0, capacity: 20, attendance_threshold: 1, reflection_required: false, publish, sessions: [] };
			await insertOffering(db, eco.id, { slug, partnerId: null, createdBy: null, input: input as unknown as OfferingInput });
		};
		await offer('lesson-study', 'Lesson study for inquiry', ['6-8']);
		await offer('lesson-study-hs', 'Lesson study for inquiry', ['9-12']);
		await offer('lesson-draft', 'Lesson planning', ['6-8'], false);
		await offer('career-days', 'Career days with industry', ['6-8', '9-12']);
		const acme = await makePartner(db, eco.id, { name: 'Acme Engineering', sector: 'employer' });
		await makeProgram(db, eco.id, acme, { grade_min: '6', grade_max: '8', cost_kind: 'paid', fee_amount: '10' });
		const uni = await makePartner(db, eco.id, { name: 'Hill University', sector: 'higher_ed' });
		await makeProgram(db, eco.id, uni, { grade_min: '9', grade_max: '12' });
		const club = await makePartner(db, eco.id, { name: 'Maker Club', sector: 'community' });
		await makeProgram(db, eco.id, club, { grade_min: '5', grade_max: '7', formats: ['in_school'], cost_kind: 'free' });
		const year = Object.fromEntries(defaultRubric.flatMap((d) => [[`level.${d.key}`, d.key === 'partnerships' ? '1' : d.key === 'equity_access' ? '2' : '3']]));
		expect(await submitAssessment({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park', input: { year: '2026', ...year }, now: new Date('2026-09-01T00:00:00Z') })).toMatchObject({ ok: true });
		const page = await getSchool({ db, actor: staff, ecosystemId: eco.id, slug: 'kestrel-park' });
		expect(page.help.map((h) => ({ key: h.key, level: h.level, offerings: h.offerings.map((o) => o.slug), partners: h.partners.map((p) => p.name) }))).toEqual([
			{ key: 'partnerships', level: 1, offerings: ['career-days'], partners: ['Acme Engineering', 'Maker Club'] },
			{ key: 'equity_access', level: 2, offerings: [], partners: ['Maker Club'] },
			{ key: 'leadership_culture', level: 3, offerings: [], partners: [] },
			{ key: 'curriculum_instruction', level: 3, offerings: ['lesson-study'], partners: ['Maker Club'] }
		]);
	});
});
