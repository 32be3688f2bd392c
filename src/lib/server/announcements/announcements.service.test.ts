import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { createGroup, joinGroup, startThread } from '../groups/groups.service.js';
import { getPreferences, publishAnnouncement, runDigest, savePreferences, sendScheduledDigest, unsubscribeByToken } from './announcements.service.js';

const origin = 'http://localhost';
const tokenOf = (mail: ReceivedMail) => /\/unsubscribe\/([A-Za-z0-9_-]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1] ?? '';

describeEachDatabase('announcements and digests', (get) => {
	const received: ReceivedMail[] = [];
	let smtp: TestSmtp | undefined;
	let ctx: AppContext;
	const mailTo = (email: string, kind?: RegExp) => received.filter((m) => m.to.includes(email) && (!kind || kind.test(m.subject)));
	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	async function community() {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Metro STEM' });
		const employer = await makePartner(db, eco.id, { sector: 'employer' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, name: 'Sam Staff' });
		const digest = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Dee Digest' });
		const instant = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: employer.id, name: 'Ian Instant' });
		const silent = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Nell Never' });
		await savePreferences({ db, actor: instant, ecosystemId: eco.id, input: { announcements: 'immediate', groups: 'immediate' } });
		await savePreferences({ db, actor: silent, ecosystemId: eco.id, input: { announcements: 'never', groups: 'never' } });
		return { db, eco, staff, digest, instant, silent };
	}
	const publish = (actor: Awaited<ReturnType<typeof community>>['staff'], ecosystemId: string, input: Record<string, string>) =>
		publishAnnouncement({ ctx, actor, ecosystemId, input: { body_md: 'Details inside.', audience: 'ecosystem', ...input }, origin });

	it('emails “immediately” people at once with unsubscribe headers, and nobody who chose a digest or never', async () => {
		const { eco, staff, digest, instant, silent } = await community();
		expect(await publish(staff, eco.id, { title: 'Summer grant round open' })).toMatchObject({ ok: true, value: { emailed: 1 } });
		const [mail] = mailTo(instant.email);
		expect(mail!.subject).toBe('Summer grant round open');
		expect(mail!.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost\/unsubscribe\/[A-Za-z0-9_-]+>$/);
		expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		expect(mail!.headers['content-type']).toMatch(/^text\/plain/);
		expect(mail!.body).toContain(`http://localhost/e/${eco.slug}/notifications`);
		expect(mailTo(digest.email)).toEqual([]);
		expect(mailTo(silent.email)).toEqual([]);
	});

	it('a digest contains exactly what is new for that person, and the next digest only what came after', async () => {
		const { db, eco, staff, digest, instant } = await community();
		const group = await createGroup({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Mentor network', visibility: 'members', lead_email: instant.email } });
		if (!group.ok) throw new Error('expected ok');
		await savePreferences({ db, actor: digest, ecosystemId: eco.id, input: { announcements: 'digest', groups: 'digest' } });
		await joinGroup({ db, actor: digest, ecosystemId: eco.id, slug: group.value.slug });
		await publish(staff, eco.id, { title: 'Convening date set' });
		await publish(staff, eco.id, { title: 'Employer internship fair', audience: 'sector', sector: 'employer' });
		await startThread({ ctx, actor: instant, ecosystemId: eco.id, slug: group.value.slug, input: { title: 'Mentor matching', body: 'Who can host a mentor in May?' }, origin });

		// Dee and Sam (staff, on the default: announcements in the digest).
		expect(await runDigest({ ctx, origin, ecosystemId: eco.id })).toEqual({ sent: 2 });
		expect(mailTo(staff.email, /What is new/)[0]!.body).not.toContain('Mentor matching');
		const [first] = mailTo(digest.email, /What is new/);
		expect(first!.subject).toBe('What is new in Metro STEM this week');
		expect(first!.headers['from']).toMatch(/^Metro STEM </);
		expect(first!.body).toContain('- Convening date set');
		expect(first!.body).toContain('- Mentor matching (Mentor network)');
		expect(first!.body).toContain('Who can host a mentor in May?');
		expect(first!.body).not.toContain('Employer internship fair');
		expect(mailTo(instant.email, /What is new/)).toEqual([]);

		await publish(staff, eco.id, { title: 'Data walk next month' });
		expect(await runDigest({ ctx, origin, ecosystemId: eco.id })).toEqual({ sent: 2 });
		const second = mailTo(digest.email, /What is new/)[1]!;
		expect(second.body).toContain('- Data walk next month');
		expect(second.body).not.toContain('Convening date set');
		expect(second.body).not.toContain('Mentor matching');
		expect(await runDigest({ ctx, origin, ecosystemId: eco.id })).toEqual({ sent: 0 });
	});

	it('a digest run interrupted part-way and run again sends nobody a second digest, even when runs overlap', async () => {
		const { db, eco, staff } = await community();
		const people = [];
		for (let i = 0; i < 4; i++) people.push(await makeActor(ctx, { role: 'educator', ecosystemId: eco.id }));
		await publish(staff, eco.id, { title: 'Quarterly report published' });
		expect(await runDigest({ ctx, origin, ecosystemId: eco.id, limit: 2 })).toEqual({ sent: 2 });
		const rest = await Promise.all([runDigest({ ctx, origin, ecosystemId: eco.id }), runDigest({ ctx, origin, ecosystemId: eco.id })]);
		// Staff and the "digest" educator from community() get one too: everyone on the default.
		expect(rest[0]!.sent + rest[1]!.sent).toBe(people.length + 2 - 2);
		for (const person of people) expect(mailTo(person.email, /What is new/), person.email).toHaveLength(1);
		expect(await db.selectFrom('outbox').select('status').where('ecosystem_id', '=', eco.id).where('kind', '=', 'digest').execute()).toHaveLength(people.length + 2);
	});

	it('the scheduled digest sends only on Monday mornings in the ecosystem’s zone, once a week however often it runs', async () => {
		const { db, eco, staff, digest } = await community();
		// Tokyo keeps no summer time: Monday 7:00 there is always Sunday 22:00 UTC.
		await db.updateTable('ecosystem').set({ time_zone: 'Asia/Tokyo' }).where('id', '=', eco.id).execute();
		await publish(staff, eco.id, { title: 'Lab tour signups' });
		const weekly = () => mailTo(digest.email, /What is new/);
		const sundayUtc = new Date();
		sundayUtc.setUTCDate(sundayUtc.getUTCDate() + ((7 - sundayUtc.getUTCDay()) % 7 || 7));
		const at = (days: number, hourUtc: number) => new Date(Date.UTC(sundayUtc.getUTCFullYear(), sundayUtc.getUTCMonth(), sundayUtc.getUTCDate() + days, hourUtc));
		// Monday 6:00 in Tokyo: not yet.
		expect(await sendScheduledDigest({ ctx, origin, ecosystemId: eco.id, now: at(0, 21) })).toEqual({ due: 0, sent: 0 });
		expect(weekly()).toHaveLength(0);
		// 7:00 and every later hour that Monday (retries, a second server): one digest each.
		expect(await sendScheduledDigest({ ctx, origin, ecosystemId: eco.id, now: at(0, 22) })).toEqual({ due: 1, sent: 2 });
		// News after that digest waits for the next week's, even though this hour's run is due.
		await publish(staff, eco.id, { title: 'Late news' });
		await db.updateTable('announcement').set({ published_at: new Date(at(0, 22).getTime() + 30 * 60_000).toISOString() }).where('ecosystem_id', '=', eco.id).where('title', '=', 'Late news').execute();
		expect(await sendScheduledDigest({ ctx, origin, ecosystemId: eco.id, now: at(0, 23) })).toEqual({ due: 1, sent: 0 });
		expect(weekly()).toHaveLength(1);
		expect(weekly()[0]!.body).toContain('Lab tour signups');
		// Tuesday: not due. The next Monday: the next digest, with only what came after the first.
		await publish(staff, eco.id, { title: 'Robotics showcase' });
		await db.updateTable('announcement').set({ published_at: at(2, 12).toISOString() }).where('ecosystem_id', '=', eco.id).where('title', '=', 'Robotics showcase').execute();
		expect(await sendScheduledDigest({ ctx, origin, ecosystemId: eco.id, now: at(1, 22) })).toEqual({ due: 0, sent: 0 });
		expect(await sendScheduledDigest({ ctx, origin, ecosystemId: eco.id, now: at(7, 22) })).toEqual({ due: 1, sent: 2 });
		expect(weekly()).toHaveLength(2);
		expect(weekly()[1]!.body).toContain('Robotics showcase');
		expect(weekly()[1]!.body).toContain('Late news');
		expect(weekly()[1]!.body).not.toContain('Lab tour signups');
	});

	it('unsubscribing with the link in an email stops the next digest and all other mail from that ecosystem', async () => {
		const { db, eco, staff, digest } = await community();
		await publish(staff, eco.id, { title: 'First news' });
		await runDigest({ ctx, origin, ecosystemId: eco.id });
		const token = tokenOf(mailTo(digest.email, /What is new/)[0]!);
		await unsubscribeByToken({ db, token });
		await unsubscribeByToken({ db, token });
		expect(await getPreferences({ db, actor: digest, ecosystemId: eco.id })).toEqual({ announcements: 'never', groups: 'never' });
		await publish(staff, eco.id, { title: 'Second news' });
		await runDigest({ ctx, origin, ecosystemId: eco.id });
		expect(mailTo(digest.email, /What is new/)).toHaveLength(1);
		await expect(unsubscribeByToken({ db, token: 'not-a-token' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect((await auditActions(db, eco.id)).filter((a) => a === 'notifications.unsubscribe')).toHaveLength(2);
	});

	describe('rules', () => {
		it('lets only backbone staff publish, lists every problem, and checks the group', async () => {
			const { db, eco, staff, digest } = await community();
			await expect(publish(digest, eco.id, { title: 'Mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(publishAnnouncement({ ctx, actor: publicActor, ecosystemId: eco.id, input: {}, origin })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const bad = await publishAnnouncement({ ctx, actor: staff, ecosystemId: eco.id, input: { title: 'X', audience: 'sector' }, origin });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['title', 'body_md']);
			const noSector = await publish(staff, eco.id, { title: 'For a sector', audience: 'sector' });
			expect(noSector.ok ? [] : noSector.issues.map((i) => i.field)).toEqual(['sector']);
			const other = await makeEcosystem(db);
			const otherStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: other.id });
			const theirGroup = await createGroup({ db, actor: otherStaff, ecosystemId: other.id, input: { name: 'Their group', visibility: 'public' } });
			if (!theirGroup.ok) throw new Error('expected ok');
			expect(await publish(staff, eco.id, { title: 'To their group', audience: 'group', group: theirGroup.value.slug })).toEqual({
				ok: false,
				issues: [{ field: 'group', message: 'Choose a group of this ecosystem.' }]
			});
			expect(await savePreferences({ db, actor: digest, ecosystemId: eco.id, input: { announcements: 'hourly' } })).toMatchObject({ ok: false });
			await expect(savePreferences({ db, actor: otherStaff, ecosystemId: eco.id, input: { announcements: 'never', groups: 'never' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});
	});
});
