import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { insertResult, insertStrategy } from '../agenda/agenda.repository.js';
import { resultSchema, strategySchema } from '../agenda/agenda.js';
import {
	addProjectGoal,
	addProjectMilestone,
	addProjectPartner,
	completeProjectMilestone,
	createProject,
	downloadProjectFile,
	getProject,
	listProjects,
	postProjectUpdate,
	prepareProjectForm,
	uploadProjectFile
} from './projects.service.js';

const project = (lead: string, o: Record<string, unknown> = {}) => ({
	lead,
	title: 'Robotics for every middle school',
	summary: 'Three partners bring after-school robotics clubs to six middle schools in North Philadelphia.',
	lead_role: 'Runs the clubs and trains coaches',
	...o
});
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describeEachDatabase('projects service', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const [lead, lab, district, outside] = [
			await makePartner(db, eco.id, { name: 'Brick and Bolt' }),
			await makePartner(db, eco.id, { name: 'Helix Lab' }),
			await makePartner(db, eco.id, { name: 'School District' }),
			await makePartner(db, eco.id, { name: 'Outside Org' })
		];
		const leadAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: lead.id, name: 'Keisha Lead' });
		const labMember = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: lab.id, name: 'Lab Member' });
		const outsider = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: outside.id });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const resultId = await insertResult(db, eco.id, 'more-stem-careers', resultSchema.parse({ title: 'More STEM careers', statement: 'Black and Latinx youth enter STEM careers at parity.' }), 1);
		const strategyId = await insertStrategy(db, eco.id, strategySchema.parse({ result_id: resultId, title: 'Expand out-of-school STEM' }), 1);
		return { ctx, db, eco, lead, lab, district, outside, leadAdmin, labMember, outsider, staff, strategyId };
	}

	it('runs a project with several partners, goals tied to the agenda, milestones, updates and files', async () => {
		const s = await setup();
		const made = await createProject({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id, input: project(s.lead.slug) });
		if (!made.ok) throw new Error(JSON.stringify(made.issues));
		const slug = made.value.slug;
		const base = { db: s.db, ecosystemId: s.eco.id, slug };
		expect(await addProjectPartner({ ...base, actor: s.leadAdmin, input: { partner: s.lab.slug, role: 'Lends robotics kits and mentors' } })).toEqual({ ok: true, value: null });
		expect(await addProjectPartner({ ...base, actor: s.staff, input: { partner: s.district.slug, role: 'Hosts the clubs', role_es: 'Acoge los clubes' } })).toEqual({ ok: true, value: null });
		expect(await addProjectPartner({ ...base, actor: s.leadAdmin, input: { partner: s.lab.slug, role: 'Again' } })).toEqual({ ok: false, issues: [{ field: 'partner', message: 'Helix Lab is already in this project.' }] });
		expect(await addProjectGoal({ ...base, actor: s.leadAdmin, input: { text: '120 students in weekly clubs by June', strategy: s.strategyId } })).toEqual({ ok: true, value: null });
		expect(await addProjectGoal({ ...base, actor: s.leadAdmin, input: { text: 'A goal on a strategy of nowhere', strategy: 'not-a-strategy' } })).toMatchObject({ ok: false, issues: [{ field: 'strategy' }] });
		expect(await addProjectMilestone({ ...base, actor: s.leadAdmin, input: { title: 'Kits delivered to six schools', owner: s.lab.slug, due_on: '2027-01-15' } })).toEqual({ ok: true, value: null });
		expect(await addProjectMilestone({ ...base, actor: s.leadAdmin, input: { title: 'Outsider owns this', owner: s.outside.slug, due_on: '2027-01-15' } })).toMatchObject({ ok: false, issues: [{ field: 'owner' }] });
		expect(await postProjectUpdate({ ...base, actor: s.labMember, input: { body: 'Forty kits are packed.' } })).toEqual({ ok: true, value: null });
		const uploaded = await uploadProjectFile({ ...base, actor: s.labMember, file: { name: 'kit list.pdf', bytes: pdf } });
		if (!uploaded.ok) throw new Error('not uploaded');
		expect(await uploadProjectFile({ ...base, actor: s.labMember, file: { name: 'virus.pdf', bytes: new TextEncoder().encode('MZ not a pdf') } })).toMatchObject({ ok: false, issues: [{ field: 'file' }] });

		// The lab's member sees the inside, completes the lab's milestone, downloads the file.
		const inside = await getProject({ ...base, actor: s.labMember });
		expect(inside.partners.map((p) => [p.name, p.role])).toEqual([['Brick and Bolt', 'Runs the clubs and trains coaches'], ['Helix Lab', 'Lends robotics kits and mentors'], ['School District', 'Hosts the clubs']]);
		expect(inside.goals).toMatchObject([{ text: '120 students in weekly clubs by June', strategy_title: 'Expand out-of-school STEM' }]);
		expect(inside.inside!.milestones).toMatchObject([{ title: 'Kits delivered to six schools', owner_name: 'Helix Lab', canComplete: true }]);
		expect(inside.inside!.updates).toMatchObject([{ author_name: 'Lab Member', body: 'Forty kits are packed.' }]);
		expect(inside.inside!.files).toMatchObject([{ filename: 'kit list.pdf', content_type: 'application/pdf' }]);
		expect([inside.canManage, inside.canContribute]).toEqual([false, true]);
		await completeProjectMilestone({ ...base, actor: s.labMember, milestoneId: inside.inside!.milestones[0]!.id });
		await completeProjectMilestone({ ...base, actor: s.labMember, milestoneId: inside.inside!.milestones[0]!.id });
		expect((await getProject({ ...base, actor: s.labMember })).inside!.milestones[0]!.done_at).toEqual(expect.any(String));
		const file = await downloadProjectFile({ ...base, actor: s.labMember, fileId: uploaded.value.id });
		expect([file.filename, file.contentType, file.data]).toEqual(['kit list.pdf', 'application/pdf', pdf]);

		// The public sees what it is and who is in it, never milestones, updates or files.
		const seen = await getProject({ ...base, actor: publicActor });
		expect(seen.inside).toBeNull();
		expect(seen.partners).toHaveLength(3);
		expect(JSON.stringify(seen)).not.toContain('Forty kits');
		expect(await listProjects({ db: s.db, ecosystemId: s.eco.id })).toMatchObject([{ slug, lead_name: 'Brick and Bolt', partners: 3 }]);
		expect(await auditActions(s.db, s.eco.id)).toEqual([
			'project.create', 'project.file', 'project.goal', 'project.milestone', 'project.milestone.done', 'project.partner', 'project.partner', 'project.update'
		]);
	});

	it('keeps managing to the lead partner’s admins and the backbone, and contributing to the project’s partners', async () => {
		const s = await setup();
		await expect(createProject({ db: s.db, actor: s.labMember, ecosystemId: s.eco.id, input: project(s.lab.slug) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(createProject({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id, input: project(s.lab.slug) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(createProject({ db: s.db, actor: publicActor, ecosystemId: s.eco.id, input: project(s.lead.slug) })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		const bad = await createProject({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, input: { lead: 'nobody', title: 'x' } });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['title', 'summary', 'lead_role']);
		expect((await prepareProjectForm({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id })).partners.map((p) => p.name)).toEqual(['Brick and Bolt']);
		const made = await createProject({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, input: project(s.lead.slug) });
		if (!made.ok) throw new Error('not made');
		const base = { db: s.db, ecosystemId: s.eco.id, slug: made.value.slug };
		await addProjectPartner({ ...base, actor: s.leadAdmin, input: { partner: s.lab.slug, role: 'Mentors' } });
		await addProjectMilestone({ ...base, actor: s.staff, input: { title: 'Coaches trained', owner: s.lead.slug, due_on: '2027-02-01' } });
		// A member of a project partner contributes but does not manage, nor complete another partner's milestone.
		await expect(addProjectGoal({ ...base, actor: s.labMember, input: { text: 'A goal' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const milestone = (await getProject({ ...base, actor: s.labMember })).inside!.milestones[0]!;
		expect(milestone.canComplete).toBe(false);
		await expect(completeProjectMilestone({ ...base, actor: s.labMember, milestoneId: milestone.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		// A partner outside the project sees only the public part and cannot post or download.
		expect((await getProject({ ...base, actor: s.outsider })).inside).toBeNull();
		await expect(postProjectUpdate({ ...base, actor: s.outsider, input: { body: 'Hello' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(uploadProjectFile({ ...base, actor: s.outsider, file: { name: 'a.pdf', bytes: pdf } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const educator = await makeActor(s.ctx, { role: 'educator', ecosystemId: s.eco.id });
		await expect(postProjectUpdate({ ...base, actor: educator, input: { body: 'Hello' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await postProjectUpdate({ ...base, actor: s.labMember, input: { body: ' ' } })).toMatchObject({ ok: false, issues: [{ field: 'body' }] });
		// The same title gets a new address.
		const again = await createProject({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, input: project(s.lead.slug) });
		expect(again).toEqual({ ok: true, value: { slug: `${made.value.slug}-2` } });
	});

	describe('tenancy', () => {
		it('keeps projects, their files and their strategies inside their ecosystem', async () => {
			const s = await setup();
			const made = await createProject({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id, input: project(s.lead.slug) });
			if (!made.ok) throw new Error('not made');
			const uploaded = await uploadProjectFile({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id, slug: made.value.slug, file: { name: 'plan.pdf', bytes: pdf } });
			if (!uploaded.ok) throw new Error('not uploaded');
			const elsewhere = await makeEcosystem(s.db);
			const theirAdmin = await makeActor(s.ctx, { role: 'backbone_admin', ecosystemId: elsewhere.id });
			await expect(getProject({ db: s.db, actor: theirAdmin, ecosystemId: elsewhere.id, slug: made.value.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect(downloadProjectFile({ db: s.db, actor: theirAdmin, ecosystemId: elsewhere.id, slug: made.value.slug, fileId: uploaded.value.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			expect(await listProjects({ db: s.db, ecosystemId: elsewhere.id })).toEqual([]);
			// A strategy of another ecosystem cannot be tied to a goal here.
			const otherResult = await insertResult(s.db, elsewhere.id, 'r', resultSchema.parse({ title: 'Other result', statement: 'Another ecosystem’s result statement.' }), 1);
			const otherStrategy = await insertStrategy(s.db, elsewhere.id, strategySchema.parse({ result_id: otherResult, title: 'Their strategy' }), 1);
			expect(await addProjectGoal({ db: s.db, actor: s.leadAdmin, ecosystemId: s.eco.id, slug: made.value.slug, input: { text: 'Tie to theirs', strategy: otherStrategy } })).toMatchObject({ ok: false, issues: [{ field: 'strategy' }] });
		});
	});
});
