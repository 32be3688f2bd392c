import { expect, it } from 'vitest';
import ICAL from 'ical.js';
import { describeEachDatabase } from '../testing/databases.js';
import { eventInput, makeActor, makeEcosystem, makeEvent, makePartner, registrationInput, uniqueEmail } from '../testing/factories.js';
import { smtpSuite } from '../testing/smtp.js';
import { publicActor } from '../auth/roles.js';
import { insertGroup, putGroupMember } from '../groups/groups.repository.js';
import * as repo from './events.repository.js';
import { eventsCalendar } from './events-calendar.js';
import {
	cancelEvent,
	createEvent,
	decideProposedEvent,
	getEventForEdit,
	getPublicEvent,
	getRegistrationByToken,
	listFeedEvents,
	listPartnerProposals,
	listUpcomingEvents,
	registerForEvent,
	updateEvent,
	type PublicEvent
} from './events.service.js';

const origin = 'http://localhost';

/** What a calendar program reads from our .ics text: SEQUENCE and STATUS of the one event. */
function calendarFields(events: PublicEvent[]) {
	const text = eventsCalendar({ name: 'Test', events, eventUrl: () => 'http://localhost/x', title: (e) => e.title, description: () => '' });
	const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
	return { sequence: vevent.getFirstPropertyValue('sequence'), status: vevent.getFirstPropertyValue('status') };
}

describeEachDatabase('events that change after people registered', (get) => {
	const suite = smtpSuite(get);
	const mailTo = (email: string) => suite.received.filter((m) => m.to.includes(email));
	const linkIn = (body: string) => /\/events\/registration\/([\w-]+)/.exec(body)![1]!;

	async function eventWithPeople(capacity = 2) {
		const { ctx } = suite;
		const eco = await makeEcosystem(ctx.db.kysely);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const created = await createEvent({ db: ctx.db.kysely, actor: staff, ecosystemId: eco.id, input: eventInput({ title: 'Mentor training', capacity: String(capacity) }) });
		if (!created.ok) throw new Error(JSON.stringify(created.issues));
		const emails = [uniqueEmail('seat1'), uniqueEmail('seat2'), uniqueEmail('wait'), uniqueEmail('gone')];
		for (const email of emails) await registerForEvent({ ctx, actor: publicActor, ecosystemId: eco.id, slug: created.value.slug, input: registrationInput({ email }), locale: email.startsWith('wait') ? 'es' : 'en', origin });
		return { ctx, eco, staff, slug: created.value.slug, id: created.value.id, emails };
	}
	/** The edit form as the browser posts it back (empty fields arrive as undefined, see formToObject). */
	const editValues = async (ctx: typeof suite.ctx, staff: Awaited<ReturnType<typeof makeActor>>, ecosystemId: string, slug: string) =>
		Object.fromEntries(Object.entries((await getEventForEdit({ db: ctx.db.kysely, actor: staff, ecosystemId, slug })).values).map(([k, v]) => [k, v === '' ? undefined : v]));

	it('emails everyone still registered about a new time, with a working link, and bumps the calendar SEQUENCE; a wording change emails nobody', async () => {
		const { ctx, eco, staff, slug, id, emails } = await eventWithPeople(3);
		const [seat1, seat2, wait, gone] = emails as [string, string, string, string];
		// The fourth person is wait-listed too (3 seats: seat1, seat2, wait hold them); they cancel.
		const goneToken = linkIn(mailTo(gone)[0]!.body);
		const { cancelRegistrationByToken } = await import('./events.service.js');
		await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: goneToken, origin });
		const before = suite.received.length;

		const values = await editValues(ctx, staff, eco.id, slug);
		expect(values.starts_local).toBe('2031-03-18T18:00');
		const wording = await updateEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { ...values, description_md: 'Bring a laptop.' }, origin });
		expect(wording).toEqual({ ok: true, value: { notified: 0, promoted: 0, changed: { time: false, place: false } } });
		expect(suite.received.length).toBe(before);
		expect((await repo.findEventById(ctx.db.kysely, eco.id, id))!.sequence).toBe(0);

		const moved = await updateEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { ...values, starts_local: '2031-03-25T18:30', ends_local: '2031-03-25T20:00' }, origin });
		expect(moved).toEqual({ ok: true, value: { notified: 3, promoted: 0, changed: { time: true, place: false } } });
		for (const email of [seat1, seat2, wait]) {
			const changed = mailTo(email).filter((m) => /^(Changed|Cambio): /.test(m.subject));
			expect(changed, email).toHaveLength(1);
			expect(changed[0]!.body).toMatch(email === wait ? /Cambió el horario\.[\s\S]*25 de marzo de 2031/ : /The time changed\.[\s\S]*March 25, 2031, 6:30/);
			const view = await getRegistrationByToken({ db: ctx.db.kysely, ecosystemId: eco.id, token: linkIn(changed[0]!.body) });
			expect(view.registration.email).toBe(email);
		}
		expect(mailTo(gone).filter((m) => m.subject.startsWith('Changed'))).toEqual([]);
		const event = await getPublicEvent({ db: ctx.db.kysely, ecosystemId: eco.id, slug });
		expect(event.starts_at).toBe('2031-03-25T22:30:00.000Z');
		expect(calendarFields([event])).toEqual({ sequence: 1, status: 'CONFIRMED' });
	});

	it('refuses fewer seats than people holding one, and promotes from the waiting list when seats are added', async () => {
		const { ctx, eco, staff, slug, emails } = await eventWithPeople(2);
		const values = await editValues(ctx, staff, eco.id, slug);
		expect(await updateEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { ...values, capacity: '1' }, origin })).toMatchObject({
			ok: false,
			issues: [{ field: 'capacity', message: expect.stringContaining('2 people already hold a seat') }]
		});
		const more = await updateEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { ...values, capacity: '3' }, origin });
		expect(more).toMatchObject({ ok: true, value: { notified: 0, promoted: 1 } });
		const kinds = await ctx.db.kysely.selectFrom('outbox').select('kind').where('to_address', '=', emails[2]!).orderBy('created_at').execute();
		expect(kinds.map((k) => k.kind)).toEqual(['event_waitlisted', 'event_promoted']);
		expect((await repo.listRegistrations(ctx.db.kysely, eco.id, (await repo.findEventBySlug(ctx.db.kysely, eco.id, slug))!.id, ['confirmed'])).map((r) => r.email).sort()).toEqual(emails.slice(0, 3).sort());
	});

	it('cancels with a reason emailed to everyone registered; the .ics says CANCELLED, the feed keeps it so calendars drop it, and nobody can register', async () => {
		const { ctx, eco, staff, slug, emails } = await eventWithPeople(2);
		expect(await cancelEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { reason: '' }, origin })).toMatchObject({ ok: false, issues: [{ field: 'reason' }] });
		expect(await cancelEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { reason: 'The library is closed for repairs.' }, origin })).toEqual({ ok: true, value: { notified: 4 } });
		for (const email of emails) {
			const mail = mailTo(email).filter((m) => /^(Cancelled|Cancelado): /.test(m.subject));
			expect(mail, email).toHaveLength(1);
			expect(mail[0]!.body).toContain('The library is closed for repairs.');
		}
		await expect(getPublicEvent({ db: ctx.db.kysely, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
		const shown = await getPublicEvent({ db: ctx.db.kysely, ecosystemId: eco.id, slug, includeCancelled: true });
		expect(shown).toMatchObject({ status: 'cancelled', status_note: 'The library is closed for repairs.' });
		expect(calendarFields([shown])).toEqual({ sequence: 1, status: 'CANCELLED' });
		expect((await listFeedEvents({ db: ctx.db.kysely, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' })).map((e) => e.status)).toEqual(['cancelled']);
		expect(await listUpcomingEvents({ db: ctx.db.kysely, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' })).toEqual([]);
		await expect(registerForEvent({ ctx, actor: publicActor, ecosystemId: eco.id, slug, input: registrationInput(), locale: 'en', origin })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
		await expect(cancelEvent({ ctx, actor: staff, ecosystemId: eco.id, slug, input: { reason: 'Again, twice.' }, origin })).rejects.toMatchObject({ code: 'EVENT_CANCELLED' });
		const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: (await makePartner(ctx.db.kysely, eco.id)).id });
		await expect(updateEvent({ ctx, actor: partnerAdmin, ecosystemId: eco.id, slug, input: {}, origin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});

	it('declines a partner’s proposal only with a reason, emails the partner’s admins, and shows the partner status and comment', async () => {
		const { ctx } = suite;
		const eco = await makeEcosystem(ctx.db.kysely);
		const partner = await makePartner(ctx.db.kysely, eco.id);
		const otherPartner = await makePartner(ctx.db.kysely, eco.id);
		const adminEmail = uniqueEmail('partneradmin');
		const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, email: adminEmail });
		const outsider = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: otherPartner.id });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const first = await createEvent({ db: ctx.db.kysely, actor: partnerAdmin, ecosystemId: eco.id, input: eventInput({ title: 'Robotics open house' }) });
		const second = await createEvent({ db: ctx.db.kysely, actor: partnerAdmin, ecosystemId: eco.id, input: eventInput({ title: 'Coding club showcase' }) });
		if (!first.ok || !second.ok) throw new Error('expected proposals');

		expect(await decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: first.value.slug, decision: 'decline', comment: ' ', origin })).toMatchObject({ ok: false, issues: [{ field: 'reason' }] });
		expect(await decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: first.value.slug, decision: 'decline', comment: 'It overlaps the STEM fair; choose another week.', origin })).toEqual({ ok: true, value: { notified: 1 } });
		expect(await decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: second.value.slug, decision: 'approve', origin })).toEqual({ ok: true, value: { notified: 1 } });
		const mail = mailTo(adminEmail);
		expect(mail.map((m) => m.subject).sort()).toEqual(['Your proposed event is approved: Coding club showcase', 'Your proposed event was declined: Robotics open house']);
		expect(mail.find((m) => m.subject.includes('declined'))!.body).toContain('It overlaps the STEM fair; choose another week.');

		const mine = await listPartnerProposals({ db: ctx.db.kysely, actor: partnerAdmin, ecosystemId: eco.id });
		expect(mine.map((p) => [p.title, p.status, p.status_note]).sort()).toEqual([
			['Coding club showcase', 'published', null],
			['Robotics open house', 'cancelled', 'It overlaps the STEM fair; choose another week.']
		]);
		expect(await listPartnerProposals({ db: ctx.db.kysely, actor: outsider, ecosystemId: eco.id })).toEqual([]);
		await expect(listPartnerProposals({ db: ctx.db.kysely, actor: publicActor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
	});

	it('shows members-only events to people with a role, and a group’s meetings to its members only', async () => {
		const { ctx } = suite;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const other = await makeEcosystem(db);
		const groupId = await insertGroup(db, eco.id, { slug: 'youth-council', name: 'Youth council', name_es: null, purpose_md: 'x', purpose_md_es: null, visibility: 'invitation' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const member = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		const inGroup = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await putGroupMember(db, eco.id, groupId, inGroup.userId, 'member');
		const stranger = await makeActor(ctx, { role: 'educator', ecosystemId: other.id });
		await makeEvent(db, eco.id, { title: 'Open house' });
		const membersOnly = await createEvent({ db, actor: staff, ecosystemId: eco.id, input: eventInput({ title: 'Partner huddle', visibility: 'members' }) });
		const meeting = await createEvent({ db, actor: staff, ecosystemId: eco.id, input: eventInput({ title: 'Council meeting', visibility: 'group', group: 'youth-council' }) });
		expect(await createEvent({ db, actor: staff, ecosystemId: eco.id, input: eventInput({ visibility: 'group' }) })).toMatchObject({ ok: false, issues: [{ field: 'group' }] });
		expect(await createEvent({ db, actor: staff, ecosystemId: eco.id, input: eventInput({ visibility: 'group', group: 'no-such-group' }) })).toMatchObject({ ok: false, issues: [{ field: 'group' }] });
		if (!membersOnly.ok || !meeting.ok) throw new Error('expected events');
		const titles = async (actor: typeof staff | typeof publicActor) => (await listUpcomingEvents({ db, ecosystemId: eco.id, actor, now: '2030-01-01T00:00:00.000Z' })).map((e) => e.title).sort();
		expect(await titles(publicActor)).toEqual(['Open house']);
		expect(await titles(stranger)).toEqual(['Open house']);
		expect(await titles(member)).toEqual(['Open house', 'Partner huddle']);
		expect(await titles(inGroup)).toEqual(['Council meeting', 'Open house', 'Partner huddle']);
		expect(await titles(staff)).toEqual(['Council meeting', 'Open house', 'Partner huddle']);
		expect((await listFeedEvents({ db, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' })).map((e) => e.title)).toEqual(['Open house']);

		await expect(getPublicEvent({ db, ecosystemId: eco.id, slug: membersOnly.value.slug, actor: publicActor })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		await expect(getPublicEvent({ db, ecosystemId: eco.id, slug: meeting.value.slug, actor: member })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
		await expect(registerForEvent({ ctx, actor: publicActor, ecosystemId: eco.id, slug: membersOnly.value.slug, input: registrationInput(), locale: 'en', origin })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		await expect(registerForEvent({ ctx, actor: member, ecosystemId: eco.id, slug: meeting.value.slug, input: registrationInput(), locale: 'en', origin })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
		expect(await registerForEvent({ ctx, actor: inGroup, ecosystemId: eco.id, slug: meeting.value.slug, input: registrationInput(), locale: 'en', origin })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
		expect(await registerForEvent({ ctx, actor: member, ecosystemId: eco.id, slug: membersOnly.value.slug, input: registrationInput(), locale: 'en', origin })).toMatchObject({ ok: true });
	});
});
