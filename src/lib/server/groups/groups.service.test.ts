import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp.js';
import { publicActor, type SignedInActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import {
	addGroupMember,
	createGroup,
	downloadGroupFile,
	getGroup,
	getThread,
	joinGroup,
	leaveGroup,
	listVisibleGroups,
	replyToThread,
	startThread,
	uploadGroupFile
} from './groups.service.js';

const origin = 'http://localhost';
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');

describeEachDatabase('working groups service', (get) => {
	const received: ReceivedMail[] = [];
	let smtp: TestSmtp | undefined;
	let ctx: AppContext;
	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	/** An ecosystem with staff, a lead, an educator, and a group of the given visibility. */
	async function setUp(visibility: 'public' | 'members' | 'invitation', leadName = 'Lena Lead') {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Portland STEM' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const lead = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: leadName });
		const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Eddie Educator' });
		const outcome = await createGroup({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Measurement workgroup', purpose_md: 'Shared evaluation.', visibility, lead_email: lead.email } });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
		return { db, eco, staff, lead, educator, slug: outcome.value.slug };
	}

	describe('groups and membership', () => {
		it('lets staff create a group with a lead; members join public groups, and only the lead or staff add people to invitation-only ones', async () => {
			const { db, eco, staff, lead, educator, slug } = await setUp('invitation');
			expect(slug).toBe('measurement-workgroup');
			expect((await getGroup({ db, actor: lead, ecosystemId: eco.id, slug })).members.map((p) => [p.name, p.role])).toEqual([['Lena Lead', 'lead']]);
			// Invitation-only: invisible to other members, and not joinable.
			expect(await listVisibleGroups({ db, actor: educator, ecosystemId: eco.id })).toEqual([]);
			await expect(getGroup({ db, actor: educator, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
			await expect(joinGroup({ db, actor: educator, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
			expect(await addGroupMember({ db, actor: lead, ecosystemId: eco.id, slug, input: { email: educator.email.toUpperCase() } })).toEqual({ ok: true, value: { name: 'Eddie Educator' } });
			expect((await listVisibleGroups({ db, actor: educator, ecosystemId: eco.id })).map((g) => [g.slug, g.isMember, g.members])).toEqual([[slug, true, 2]]);
			const page = await getGroup({ db, actor: educator, ecosystemId: eco.id, slug });
			expect(page.can).toEqual({ join: false, leave: true, post: true, manage: false });
			expect(page.members.every((p) => p.email === null)).toBe(true);
			await expect(addGroupMember({ db, actor: educator, ecosystemId: eco.id, slug, input: { email: staff.email } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await leaveGroup({ db, actor: educator, ecosystemId: eco.id, slug });
			await expect(leaveGroup({ db, actor: lead, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await auditActions(db, eco.id)).toEqual(['group.add_member', 'group.create', 'group.leave']);
		});

		it('shows public groups to everyone and members-only groups to members of the ecosystem', async () => {
			const { db, eco, educator, slug } = await setUp('public');
			expect((await getGroup({ db, actor: publicActor, ecosystemId: eco.id, slug })).can).toEqual({ join: false, leave: false, post: false, manage: false });
			await joinGroup({ db, actor: educator, ecosystemId: eco.id, slug });
			await expect(joinGroup({ db, actor: educator, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const members = await setUp('members');
			await expect(getGroup({ db, actor: publicActor, ecosystemId: members.eco.id, slug: members.slug })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect(await listVisibleGroups({ db, actor: publicActor, ecosystemId: members.eco.id })).toEqual([]);
			expect((await listVisibleGroups({ db, actor: members.educator, ecosystemId: members.eco.id })).map((g) => g.slug)).toEqual([members.slug]);
		});

		it('refuses group creation to everyone but backbone staff, and checks the lead and every field', async () => {
			const { db, eco, educator } = await setUp('public');
			await expect(createGroup({ db, actor: educator, ecosystemId: eco.id, input: { name: 'Youth council', visibility: 'public' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const bad = await createGroup({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Y', visibility: 'secret', lead_email: 'nope' } });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['name', 'visibility', 'lead_email']);
			const stranger = await createGroup({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Youth council', visibility: 'public', lead_email: 'stranger@example.org' } });
			expect(stranger).toEqual({ ok: false, issues: [{ field: 'lead_email', message: 'The lead must already have a role in this ecosystem.' }] });
		});
	});

	describe('discussions', () => {
		it('a reply notifies the mentioned member by email and earlier participants, never the author', async () => {
			const { db, eco, lead, educator, slug } = await setUp('members');
			const quiet = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Quinn Quiet' });
			for (const person of [educator, quiet]) await joinGroup({ db, actor: person, ecosystemId: eco.id, slug });
			const started = await startThread({ ctx, actor: lead, ecosystemId: eco.id, slug, input: { title: 'Survey timing', body: 'When do we field the spring survey?' }, origin });
			if (!started.ok) throw new Error('expected ok');
			const handle = educator.email.split('@')[0];
			const before = received.length;
			const reply = await replyToThread({ ctx, actor: quiet, ecosystemId: eco.id, slug, threadId: started.value.threadId, input: { body: `April works. @${handle} can you check the school calendar?` }, origin });
			expect(reply.ok).toBe(true);
			const sent = received.slice(before);
			expect(sent.map((mail) => [mail.to[0], mail.subject]).sort()).toEqual(
				[
					[educator.email, 'Quinn Quiet mentioned you in Measurement workgroup'],
					[lead.email, 'New reply in “Survey timing”']
				].sort()
			);
			const mention = sent.find((mail) => mail.to.includes(educator.email))!;
			expect(mention.body).toContain(`${origin}/e/${eco.slug}/groups/${slug}/threads/${started.value.threadId}`);
			expect(mention.body).toContain('can you check the school calendar?');
			expect(mention.headers['from']).toMatch(/^Portland STEM </);
			const thread = await getThread({ db, actor: educator, ecosystemId: eco.id, slug, threadId: started.value.threadId });
			expect(thread.posts.map((p) => p.author)).toEqual(['Lena Lead', 'Quinn Quiet']);
		});

		it('lets only group members post, and lists every problem', async () => {
			const { db, eco, lead, educator, slug } = await setUp('public');
			await expect(startThread({ ctx, actor: educator, ecosystemId: eco.id, slug, input: { title: 'Hello', body: 'Hi' }, origin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(startThread({ ctx, actor: publicActor, ecosystemId: eco.id, slug, input: { title: 'Hello', body: 'Hi' }, origin })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const bad = await startThread({ ctx, actor: lead, ecosystemId: eco.id, slug, input: { title: 'H' }, origin });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['title', 'body']);
			expect((await getGroup({ db, actor: lead, ecosystemId: eco.id, slug })).threads).toEqual([]);
		});
	});

	describe('files', () => {
		it('stores checked files for members and serves them to people who can see the group', async () => {
			const { db, eco, lead, educator, slug } = await setUp('members');
			const outcome = await uploadGroupFile({ db, actor: lead, ecosystemId: eco.id, slug, file: { name: '../Spring plan.pdf', bytes: pdf } });
			if (!outcome.ok) throw new Error('expected ok');
			expect(outcome.value.filename).toBe('Spring plan.pdf');
			const file = await downloadGroupFile({ db, actor: educator, ecosystemId: eco.id, slug, fileId: outcome.value.id });
			expect(file).toMatchObject({ filename: 'Spring plan.pdf', contentType: 'application/pdf' });
			expect(Buffer.from(file.data).equals(Buffer.from(pdf))).toBe(true);
			const refused = await uploadGroupFile({ db, actor: lead, ecosystemId: eco.id, slug, file: { name: 'page.html', bytes: new TextEncoder().encode('<script>') } });
			expect(refused.ok ? [] : refused.issues.map((i) => i.field)).toEqual(['file']);
			await expect(uploadGroupFile({ db, actor: educator, ecosystemId: eco.id, slug, file: { name: 'a.pdf', bytes: pdf } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(downloadGroupFile({ db, actor: publicActor, ecosystemId: eco.id, slug, fileId: outcome.value.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect((await getGroup({ db, actor: educator, ecosystemId: eco.id, slug })).files.map((f) => [f.filename, Number(f.size), f.uploader])).toEqual([['Spring plan.pdf', pdf.length, 'Lena Lead']]);
		});
	});

	describe('tenant isolation', () => {
		it('never reaches another ecosystem’s groups, threads or files', async () => {
			const theirs = await setUp('public');
			const started = await startThread({ ctx, actor: theirs.lead, ecosystemId: theirs.eco.id, slug: theirs.slug, input: { title: 'Ours', body: 'Private to us' }, origin });
			const uploaded = await uploadGroupFile({ db: theirs.db, actor: theirs.lead, ecosystemId: theirs.eco.id, slug: theirs.slug, file: { name: 'x.pdf', bytes: pdf } });
			if (!started.ok || !uploaded.ok) throw new Error('expected ok');
			const mine = await makeEcosystem(ctx.db.kysely);
			const partner = await makePartner(ctx.db.kysely, mine.id);
			const myStaff: SignedInActor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: mine.id, partnerId: partner.id });
			const db = ctx.db.kysely;
			await expect(getGroup({ db, actor: myStaff, ecosystemId: mine.id, slug: theirs.slug })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
			await expect(joinGroup({ db, actor: myStaff, ecosystemId: theirs.eco.id, slug: theirs.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getThread({ db, actor: myStaff, ecosystemId: mine.id, slug: theirs.slug, threadId: started.value.threadId })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
			await expect(downloadGroupFile({ db, actor: myStaff, ecosystemId: mine.id, slug: theirs.slug, fileId: uploaded.value.id })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
			expect(await auditActions(db, mine.id)).toEqual([]);
		});
	});
});
