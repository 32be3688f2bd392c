import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, uniqueEmail } from '../testing/factories.js';
import { smtpSuite } from '../testing/smtp.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { eventsCalendar } from '../events/events-calendar.js';
import * as repo from './pd.repository.js';
import { offeringFromForm } from './pd.js';
import { pdCalendarEntries, sessionUid } from './pd-calendar.js';
import {
	cancelStaffRegistration,
	createOffering,
	getOffering,
	getOfferingCalendar,
	getOfferingForEdit,
	getStaffRegistration,
	listFeedPdSessions,
	register,
	registerStaff,
	setPublished,
	updateOffering
} from './pd.service.js';

const origin = 'http://localhost';

describeEachDatabase('a partner coordinator registers her staff; PD sessions in calendars', (get) => {
	const suite = smtpSuite(get);
	const mailTo = (email: string) => suite.received.filter((m) => m.to.includes(email));

	/** A backbone workshop with `capacity` seats, and a partner with a coordinator (partner admin) and three staff. */
	async function world(capacity = '20') {
		const { ctx } = suite;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const staffer = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const created = await createOffering({
			db,
			actor: staffer,
			ecosystemId: eco.id,
			input: offeringFromForm(
				{
					provider: 'backbone', title: 'Sensors in the biology lab', title_es: 'Sensores en el laboratorio de biología', topic: 'Probes', audience: 'ost_educators',
					subject: 'science', format: 'workshop', hours: '6', capacity, publish: 'yes',
					'sessions.0.date': '2031-03-04', 'sessions.0.start': '16:00', 'sessions.0.end': '19:00', 'sessions.0.location': 'Room 4',
					'sessions.1.date': '2031-03-11', 'sessions.1.start': '16:00', 'sessions.1.end': '19:00'
				},
				['6-8']
			)
		});
		if (!created.ok) throw new Error(JSON.stringify(created.issues));
		const partner = await makePartner(db, eco.id, { name: 'Brick and Bolt' });
		const rosa = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, name: 'Rosa Coordinator', twoFactor: false });
		const team = [];
		for (const [i, name] of ['Ana Beltrán', 'Jordan Ellis', 'Sam Ortiz'].entries()) {
			team.push(await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id, name, email: uniqueEmail(`staff${i}`), twoFactor: false }));
		}
		await db.updateTable('user').set({ locale: 'es' }).where('id', '=', team[0]!.userId).execute();
		return { ctx, db, eco, staffer, partner, rosa, team, slug: created.value.slug, offeringId: created.value.id };
	}

	it('registers two staff at once: seats taken, each emailed (in their language) with the sessions and the .ics, audited, and shown to her', async () => {
		const w = await world();
		const [ana, jordan, sam] = w.team;
		const before = await getStaffRegistration({ db: w.db, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug });
		expect(before.staff.map((p) => p.name)).toEqual(['Ana Beltrán', 'Jordan Ellis', 'Rosa Coordinator', 'Sam Ortiz']);
		expect(before.seatsLeft).toBe(20);
		const outcome = await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId, jordan!.userId], origin });
		expect(outcome).toEqual({ ok: true, value: { registered: 2 } });

		const view = await getStaffRegistration({ db: w.db, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug });
		expect(view.seatsLeft).toBe(18);
		expect(view.staff.filter((p) => p.registration).map((p) => [p.name, p.registration!.registeredByName, p.registration!.cancellable])).toEqual([
			['Ana Beltrán', 'Rosa Coordinator', true],
			['Jordan Ellis', 'Rosa Coordinator', true]
		]);
		// The registered people see the seat as their own registration.
		expect((await getOffering({ db: w.db, actor: jordan!, ecosystemId: w.eco.id, slug: w.slug })).mine).toMatchObject({ attended: 0, completedAt: null });
		expect((await getOffering({ db: w.db, actor: sam!, ecosystemId: w.eco.id, slug: w.slug })).mine).toBeNull();

		const english = mailTo(jordan!.email);
		expect(english.map((m) => m.subject)).toEqual(['You are registered: Sensors in the biology lab']);
		expect(english[0]!.body).toContain('Rosa Coordinator registered you');
		expect(english[0]!.body).toContain('2031-03-04, 16:00–19:00 UTC, Room 4');
		expect(english[0]!.body).toContain(`${origin}/e/${w.eco.slug}/pd/${w.slug}/sessions.ics`);
		const spanish = mailTo(ana!.email);
		expect(spanish.map((m) => m.subject)).toEqual(['Está inscrito: Sensores en el laboratorio de biología']);
		expect(spanish[0]!.body).toContain('Rosa Coordinator lo inscribió');
		expect(mailTo(sam!.email)).toEqual([]);
		const outbox = await w.db.selectFrom('outbox').select('status').where('ecosystem_id', '=', w.eco.id).where('kind', '=', 'pd_staff_registered').execute();
		expect(outbox.map((o) => o.status)).toEqual(['sent', 'sent']);
		expect((await auditActions(w.db, w.eco.id)).filter((a) => a === 'pd.registration.create_for_staff')).toHaveLength(2);

		// Registering someone again is refused by name, and nothing changes.
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [sam!.userId, jordan!.userId], origin })).toEqual({
			ok: false,
			issues: [{ field: 'user_ids', message: 'Already registered for this offering: Jordan Ellis.' }]
		});
		expect(await repo.countActiveRegistrations(w.db, w.eco.id, w.offeringId)).toBe(2);
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [], origin })).toMatchObject({ ok: false, issues: [{ field: 'user_ids' }] });
	});

	it('cancels a registration she made (the person is emailed), but not one her staff made themselves', async () => {
		const w = await world();
		const [ana, jordan] = w.team;
		await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [jordan!.userId], origin });
		expect((await register({ db: w.db, actor: ana!, ecosystemId: w.eco.id, slug: w.slug })).ok).toBe(true);
		const view = await getStaffRegistration({ db: w.db, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug });
		const jordans = view.staff.find((p) => p.name === 'Jordan Ellis')!.registration!;
		const anas = view.staff.find((p) => p.name === 'Ana Beltrán')!.registration!;
		expect([anas.registeredByName, anas.cancellable]).toEqual([null, false]);
		expect(await cancelStaffRegistration({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, registrationId: anas.id, origin })).toEqual({
			ok: false,
			issues: [{ field: 'form', message: 'This person registered themselves; only they can cancel their registration.' }]
		});
		expect(await cancelStaffRegistration({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, registrationId: jordans.id, origin })).toEqual({ ok: true, value: null });
		expect(mailTo(jordan!.email).map((m) => m.subject)).toEqual(['You are registered: Sensors in the biology lab', 'Registration cancelled: Sensors in the biology lab']);
		expect((await getOffering({ db: w.db, actor: jordan!, ecosystemId: w.eco.id, slug: w.slug })).mine).toBeNull();
		expect(await repo.countActiveRegistrations(w.db, w.eco.id, w.offeringId)).toBe(1);
		expect(await auditActions(w.db, w.eco.id)).toContain('pd.registration.cancel_for_staff');
		// Cancelling twice finds nothing to cancel.
		await expect(cancelStaffRegistration({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, registrationId: jordans.id, origin })).rejects.toMatchObject({ code: 'PD_REGISTRATION_NOT_FOUND' });
	});

	it('keeps capacity: all or none of a batch gets a seat, with how many are left', async () => {
		const w = await world('2');
		const [ana, jordan, sam] = w.team;
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId, jordan!.userId, sam!.userId], origin })).toEqual({
			ok: false,
			issues: [{ field: 'user_ids', message: 'Only 2 seats are left; you chose 3. Choose fewer people.' }]
		});
		expect(await repo.countActiveRegistrations(w.db, w.eco.id, w.offeringId)).toBe(0);
		const outsider = await makeActor(w.ctx, { role: 'educator', ecosystemId: w.eco.id });
		expect((await register({ db: w.db, actor: outsider, ecosystemId: w.eco.id, slug: w.slug })).ok).toBe(true);
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId, jordan!.userId], origin })).toMatchObject({
			ok: false,
			issues: [{ message: 'Only 1 seat is left; you chose 2. Choose fewer people.' }]
		});
		expect((await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId], origin })).ok).toBe(true);
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [sam!.userId], origin })).toMatchObject({
			ok: false,
			issues: [{ message: 'This offering is full: every seat is taken.' }]
		});
		// The database trigger is the guard when the count read before the transaction is stale.
		await expect(repo.insertRegistration(w.db, w.eco.id, w.offeringId, sam!.userId, w.rosa.userId)).rejects.toSatisfy(repo.isCapacityFull);
		expect(mailTo(sam!.email)).toEqual([]);
	});

	it('refuses people outside her organisation, other partners’ admins for her staff, members who are not admins, and unpublished offerings', async () => {
		const w = await world();
		const [ana] = w.team;
		const other = await makePartner(w.db, w.eco.id);
		const otherAdmin = await makeActor(w.ctx, { role: 'partner_admin', ecosystemId: w.eco.id, partnerId: other.id, twoFactor: false });
		const educator = await makeActor(w.ctx, { role: 'educator', ecosystemId: w.eco.id });
		expect(await registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [otherAdmin.userId], origin })).toEqual({
			ok: false,
			issues: [{ field: 'user_ids', message: 'You can register only people on your own organisation’s staff; choose from the list.' }]
		});
		expect(await registerStaff({ ctx: w.ctx, actor: otherAdmin, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId], origin })).toMatchObject({ ok: false, issues: [{ field: 'user_ids' }] });
		expect((await getStaffRegistration({ db: w.db, actor: otherAdmin, ecosystemId: w.eco.id, slug: w.slug })).staff.map((p) => p.userId)).toEqual([otherAdmin.userId]);
		for (const actor of [ana!, educator, w.staffer, publicActor]) {
			await expect(registerStaff({ ctx: w.ctx, actor, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId], origin })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|UNAUTHENTICATED/) });
			await expect(getStaffRegistration({ db: w.db, actor, ecosystemId: w.eco.id, slug: w.slug })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|UNAUTHENTICATED/) });
		}
		expect((await getOffering({ db: w.db, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug })).coordinator).toBe(true);
		expect((await getOffering({ db: w.db, actor: ana!, ecosystemId: w.eco.id, slug: w.slug })).coordinator).toBe(false);
		await setPublished({ db: w.db, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug, published: false });
		await expect(registerStaff({ ctx: w.ctx, actor: w.rosa, ecosystemId: w.eco.id, slug: w.slug, userIds: [ana!.userId], origin })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
		expect(await repo.countActiveRegistrations(w.db, w.eco.id, w.offeringId)).toBe(0);
	});

	it('puts sessions in the feed with stable UIDs, bumps SEQUENCE when a session moves or changes place, and serves the offering’s .ics', async () => {
		const w = await world();
		const now = new Date('2031-03-01T00:00:00Z');
		const feed = await listFeedPdSessions({ db: w.db, ecosystemId: w.eco.id, now });
		expect(feed.map((s) => [s.slug, s.starts_at, s.sequence])).toEqual([
			[w.slug, '2031-03-04T16:00:00.000Z', 0],
			[w.slug, '2031-03-11T16:00:00.000Z', 0]
		]);
		const ids = feed.map((s) => s.id);
		const { values } = await getOfferingForEdit({ db: w.db, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug });
		const form = (changes: Record<string, string>) => {
			const all = { ...values, ...changes };
			const flat = Object.fromEntries(Object.entries(all).filter(([k, v]) => k !== 'grade_bands' && v !== '' && v !== undefined)) as Record<string, string>;
			return offeringFromForm(flat, (all.grade_bands ?? '').split(',').filter(Boolean));
		};
		// The second session moves an hour later; the first only changes room; a description edit changes no session.
		expect((await updateOffering({ ctx: w.ctx, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug, origin, input: form({ 'sessions.1.start': '17:00', 'sessions.1.end': '20:00' }) })).ok).toBe(true);
		expect((await updateOffering({ ctx: w.ctx, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug, origin, input: form({ 'sessions.1.start': '17:00', 'sessions.1.end': '20:00', 'sessions.0.location': 'Room 5' }) })).ok).toBe(true);
		expect((await updateOffering({ ctx: w.ctx, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug, origin, input: form({ 'sessions.1.start': '17:00', 'sessions.1.end': '20:00', 'sessions.0.location': 'Room 5', description_md: 'Bring a laptop.' }) })).ok).toBe(true);
		const after = await listFeedPdSessions({ db: w.db, ecosystemId: w.eco.id, now });
		expect(after.map((s) => [s.id, s.starts_at, s.location, s.sequence])).toEqual([
			[ids[0], '2031-03-04T16:00:00.000Z', 'Room 5', 1],
			[ids[1], '2031-03-11T17:00:00.000Z', '', 1]
		]);
		expect(await listFeedPdSessions({ db: w.db, ecosystemId: w.eco.id, now: new Date('2031-03-05T00:00:00Z') })).toHaveLength(1);

		const { sessions } = await getOfferingCalendar({ db: w.db, actor: publicActor, ecosystemId: w.eco.id, slug: w.slug });
		const text = eventsCalendar({
			name: 'Test',
			events: [],
			eventUrl: () => '',
			title: () => '',
			description: () => '',
			extra: pdCalendarEntries(sessions, { origin, ecosystemSlug: w.eco.slug, timeZone: 'America/New_York', locale: 'es' })
		}).replace(/\r\n /g, '').replace(/\r\n/g, '\n');
		expect(text.match(/^UID:.*$/gm)).toEqual([`UID:${sessionUid(ids[0]!)}`, `UID:${sessionUid(ids[1]!)}`]);
		expect(text.match(/^SEQUENCE:.*$/gm)).toEqual(['SEQUENCE:1', 'SEQUENCE:1']);
		// 17:00 UTC on 11 March 2031 is 13:00 in New York (daylight time from 9 March).
		expect(text).toContain('DTSTART;TZID=America/New_York:20310311T130000');
		expect(text).toContain('SUMMARY:Sensores en el laboratorio de biología');
		expect(text).toContain('LOCATION:Room 5');
		expect(text).toContain(`URL;VALUE=URI:${origin}/e/${w.eco.slug}/pd/${w.slug}`);

		// Withdrawn offerings leave the feed, and their .ics answers only to the people who run them.
		await setPublished({ db: w.db, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug, published: false });
		expect(await listFeedPdSessions({ db: w.db, ecosystemId: w.eco.id, now })).toEqual([]);
		await expect(getOfferingCalendar({ db: w.db, actor: publicActor, ecosystemId: w.eco.id, slug: w.slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
		expect((await getOfferingCalendar({ db: w.db, actor: w.staffer, ecosystemId: w.eco.id, slug: w.slug })).sessions).toHaveLength(2);
	});
});
