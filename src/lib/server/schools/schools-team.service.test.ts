import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import type { AppContext } from '../context.js';
import * as repo from './schools.repository.js';
import { defaultLevels, defaultRubric } from './schools.js';
import { addSchoolMember, getSchool, listMySchools, removeSchoolMember } from './schools.service.js';

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
