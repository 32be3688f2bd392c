import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { eventInput, makeActor, makeEcosystem, makeEvent, makePartner, registrationInput, uniqueEmail } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import * as repo from './events.repository.js';
import {
	ALREADY_REGISTERED,
	attendanceCsv,
	cancelRegistrationByToken,
	checkIn,
	createEvent,
	decideProposedEvent,
	getPublicEvent,
	getRegistrationByToken,
	listAttendees,
	listOtherDates,
	listUpcomingEvents,
	registerForEvent,
	sendDueReminders
} from './events.service.js';

const origin = 'http://localhost';

describeEachDatabase('events service', (get) => {
	const register = (ctx: AppContext, ecosystemId: string, slug: string, input: Record<string, unknown> = registrationInput(), locale: 'en' | 'es' = 'en') =>
		registerForEvent({ ctx, actor: publicActor, ecosystemId, slug, input, locale, origin });

	const outbox = (ctx: AppContext, to: string) =>
		ctx.db.kysely.selectFrom('outbox').select(['kind', 'subject', 'body_text', 'status']).where('to_address', '=', to).orderBy('created_at').execute();

	async function statuses(ctx: AppContext, ecosystemId: string, eventId: string) {
		const rows = await repo.listRegistrations(ctx.db.kysely, ecosystemId, eventId);
		return rows.map((r) => [r.email, r.status]);
	}

	describe('creating and approving', () => {
		it('publishes an event created by backbone staff, in the ecosystem’s time zone, and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			await db.updateTable('ecosystem').set({ time_zone: 'America/Los_Angeles' }).where('id', '=', eco.id).execute();
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createEvent({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: eventInput({ title: 'Collaboratory meetup', format: 'hybrid', online_url: 'https://meet.example.org/abc', capacity: '30', questions: 'School or program *\nDietary needs', starts_local: '2031-07-10T18:00', ends_local: '2031-07-10T19:30' })
			});
			expect(outcome).toEqual({ ok: true, value: { id: expect.any(String), slug: 'collaboratory-meetup-2031-07-10', status: 'published', dates: 1 } });
			const event = await getPublicEvent({ db, ecosystemId: eco.id, slug: 'collaboratory-meetup-2031-07-10' });
			expect(event).toMatchObject({ starts_at: '2031-07-11T01:00:00.000Z', ends_at: '2031-07-11T02:30:00.000Z', time_zone: 'America/Los_Angeles', capacity: 30, seatsLeft: 30 });
			expect(event.questions).toEqual([
				{ id: 'q1', label: 'School or program', label_es: null, required: true },
				{ id: 'q2', label: 'Dietary needs', label_es: null, required: false }
			]);
			expect('online_url' in event).toBe(false);
			expect(await auditActions(db, eco.id)).toEqual(['event.create']);
		});

		it('keeps a partner admin’s event pending until backbone staff approve it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createEvent({ db, actor: partnerAdmin, ecosystemId: eco.id, input: eventInput({ title: 'Family robotics night' }) });
			if (!outcome.ok) throw new Error('expected ok');
			expect(outcome.value.status).toBe('pending');
			expect(await repo.findEventById(db, eco.id, outcome.value.id)).toMatchObject({ status: 'pending', proposed_by_partner_id: partner.id, approved_at: null });
			expect(await listUpcomingEvents({ db, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' })).toEqual([]);
			await expect(getPublicEvent({ db, ecosystemId: eco.id, slug: outcome.value.slug })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
			await expect(register(ctx, eco.id, outcome.value.slug)).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });

			await expect(decideProposedEvent({ ctx, actor: partnerAdmin, ecosystemId: eco.id, slug: outcome.value.slug, decision: 'approve', origin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: outcome.value.slug, decision: 'approve', origin });
			expect((await listUpcomingEvents({ db, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' })).map((e) => e.title)).toEqual(['Family robotics night']);
			await expect(decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: outcome.value.slug, decision: 'decline', comment: 'Overlaps the science fair', origin })).rejects.toMatchObject({ code: 'EVENT_NOT_PENDING' });
			expect(await auditActions(db, eco.id)).toEqual(['event.approve', 'event.propose']);
		});

		it.each(['partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'educator' ? null : partner.id });
			await expect(createEvent({ db, actor, ecosystemId: eco.id, input: eventInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createEvent({ db, actor: publicActor, ecosystemId: eco.id, input: eventInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});

		it('lists every problem at once and stores nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createEvent({ db, actor: staff, ecosystemId: eco.id, input: { title: 'X', format: 'online', starts_local: '2031-01-01T10:00', ends_local: '2031-01-01T09:00', capacity: '-3' } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['title', 'capacity', 'online_url', 'ends_local']);
			expect(await repo.listEvents(db, eco.id, { statuses: ['pending', 'published', 'cancelled'] })).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});
	});

	describe('recurring events', () => {
		it('creates one event per date of a monthly series, each with its own seats and registrations, approved together', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createEvent({
				db,
				actor: partnerAdmin,
				ecosystemId: eco.id,
				input: eventInput({ title: 'Collaboratory monthly', starts_local: '2031-01-09T18:00', ends_local: '2031-01-09T19:30', capacity: '1', repeat: 'monthly', occurrences: '3' })
			});
			expect(outcome).toMatchObject({ ok: true, value: { slug: 'collaboratory-monthly-2031-01-09', status: 'pending', dates: 3 } });
			await decideProposedEvent({ ctx, actor: staff, ecosystemId: eco.id, slug: 'collaboratory-monthly-2031-01-09', decision: 'approve', origin });
			const dates = await listUpcomingEvents({ db, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' });
			// The 2nd Thursday of January, February and March at 18:00 New York time (daylight time from 9 March).
			expect(dates.map((e) => [e.slug, e.starts_at, e.ends_at])).toEqual([
				['collaboratory-monthly-2031-01-09', '2031-01-09T23:00:00.000Z', '2031-01-10T00:30:00.000Z'],
				['collaboratory-monthly-2031-02-13', '2031-02-13T23:00:00.000Z', '2031-02-14T00:30:00.000Z'],
				['collaboratory-monthly-2031-03-13', '2031-03-13T22:00:00.000Z', '2031-03-13T23:30:00.000Z']
			]);
			expect(new Set(dates.map((e) => e.series_id)).size).toBe(1);
			expect((await listOtherDates({ db, ecosystemId: eco.id, event: dates[0]!, now: '2030-01-01T00:00:00.000Z' })).map((e) => e.slug)).toEqual([dates[1]!.slug, dates[2]!.slug]);
			const email = uniqueEmail('series');
			expect(await register(ctx, eco.id, dates[0]!.slug, registrationInput({ email }))).toMatchObject({ ok: true, value: { status: 'confirmed' } });
			expect(await register(ctx, eco.id, dates[1]!.slug, registrationInput({ email }))).toMatchObject({ ok: true, value: { status: 'confirmed' } });
			expect(await register(ctx, eco.id, dates[0]!.slug)).toMatchObject({ ok: true, value: { status: 'waitlisted' } });
		});
	});

	describe('registering, the waiting list and cancelling', () => {
		it('confirms until the event is full, then wait-lists; a cancellation promotes the first person waiting and emails them', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db, { name: 'Philly STEM' });
			const event = await makeEvent(db, eco.id, { capacity: 2, title: 'Maker night' });
			const [a, b, c, d] = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c'), uniqueEmail('d')];
			const results = [];
			for (const email of [a, b, c, d]) results.push(await register(ctx, eco.id, event.slug, registrationInput({ email, name: 'Pat' })));
			expect(results.map((r) => (r.ok ? r.value.status : r.issues))).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
			expect((await getPublicEvent({ db, ecosystemId: eco.id, slug: event.slug })).seatsLeft).toBe(0);
			expect((await outbox(ctx, a)).map((m) => [m.kind, m.subject, m.status])).toEqual([['event_confirmed', 'You are registered: Maker night', 'held']]);
			expect((await outbox(ctx, c))[0]).toMatchObject({ kind: 'event_waitlisted', subject: 'You are on the waiting list: Maker night' });

			const tokenOfA = results[0]!.ok ? results[0]!.value.token : '';
			expect((await outbox(ctx, a))[0]!.body_text).toContain(`${origin}/e/${eco.slug}/events/registration/${tokenOfA}`);
			expect(await getRegistrationByToken({ db, ecosystemId: eco.id, token: results[3]!.ok ? results[3]!.value.token : '' })).toMatchObject({ waitlistPlace: 2 });

			expect(await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: tokenOfA, origin })).toEqual({ cancelled: true, promoted: 1 });
			expect(await statuses(ctx, eco.id, event.id)).toEqual([
				[a, 'cancelled'],
				[b, 'confirmed'],
				[c, 'confirmed'],
				[d, 'waitlisted']
			]);
			const promotedMail = await outbox(ctx, c);
			expect(promotedMail.map((m) => m.kind)).toEqual(['event_waitlisted', 'event_promoted']);
			expect(promotedMail[1]!.subject).toBe('A seat opened up: you are registered for Maker night');
			// The promotion email carries a fresh private link; the one from the waiting-list email stops working.
			const newToken = /\/events\/registration\/([A-Za-z0-9_-]+)/.exec(promotedMail[1]!.body_text)![1]!;
			expect(await getRegistrationByToken({ db, ecosystemId: eco.id, token: newToken })).toMatchObject({ registration: { email: c, status: 'confirmed' }, waitlistPlace: null });
			await expect(getRegistrationByToken({ db, ecosystemId: eco.id, token: results[2]!.ok ? results[2]!.value.token : '' })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });

			// Cancelling again changes nothing; cancelling from the waiting list frees no seat.
			expect(await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: tokenOfA, origin })).toEqual({ cancelled: false, promoted: 0 });
			expect(await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: results[3]!.ok ? results[3]!.value.token : '', origin })).toEqual({ cancelled: true, promoted: 0 });
			expect(await repo.findEventById(db, eco.id, event.id)).toMatchObject({ seats_taken: 2 });
			expect(await auditActions(db, eco.id)).toEqual(['event.cancel_registration', 'event.cancel_registration', 'event.register', 'event.register', 'event.register', 'event.register']);
		});

		it('lets someone who cancelled register again, but refuses a second live registration for one email', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id);
			const email = uniqueEmail('twice');
			const first = await register(ctx, eco.id, event.slug, registrationInput({ email }));
			expect(await register(ctx, eco.id, event.slug, registrationInput({ email: email.toUpperCase() }))).toEqual({ ok: false, issues: [{ field: 'email', message: ALREADY_REGISTERED }] });
			await cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token: first.ok ? first.value.token : '', origin });
			expect(await register(ctx, eco.id, event.slug, registrationInput({ email }))).toMatchObject({ ok: true, value: { status: 'confirmed' } });
		});

		it('requires answers to required questions, keeps support requests, and writes mail in the registrant’s language', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, {
				title: 'Family STEM night',
				title_es: 'Noche STEM en familia',
				questions_json: JSON.stringify([{ id: 'q1', label: 'School', label_es: 'Escuela', required: true }])
			});
			const missing = await register(ctx, eco.id, event.slug, registrationInput({ name: '' }));
			expect(missing.ok ? [] : missing.issues.map((i) => i.field)).toEqual(['name', 'answers.q1']);
			const email = uniqueEmail('es');
			const outcome = await register(
				ctx,
				eco.id,
				event.slug,
				registrationInput({ email, answers: { q1: 'Lincoln' }, accessibility_request: 'Wheelchair seating', language_request: 'Spanish interpretation' }),
				'es'
			);
			expect(outcome.ok).toBe(true);
			expect(await repo.listRegistrations(db, eco.id, event.id)).toMatchObject([
				{ email, locale: 'es', answers_json: '{"q1":"Lincoln"}', accessibility_request: 'Wheelchair seating', language_request: 'Spanish interpretation' }
			]);
			expect((await outbox(ctx, email))[0]!.subject).toBe('Tienes tu lugar: Noche STEM en familia');
		});

		it('shows the online link only to people holding a seat', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { format: 'online', location: null, online_url: 'https://meet.example.org/secret', capacity: 1 });
			const seat = await register(ctx, eco.id, event.slug);
			const waiting = await register(ctx, eco.id, event.slug);
			if (!seat.ok || !waiting.ok) throw new Error('expected ok');
			expect((await getRegistrationByToken({ db, ecosystemId: eco.id, token: seat.value.token })).onlineUrl).toBe('https://meet.example.org/secret');
			expect((await getRegistrationByToken({ db, ecosystemId: eco.id, token: waiting.value.token })).onlineUrl).toBeNull();
			expect(JSON.stringify(await listUpcomingEvents({ db, ecosystemId: eco.id, now: '2030-01-01T00:00:00.000Z' }))).not.toContain('secret');
			const mails = await ctx.db.kysely.selectFrom('outbox').select(['kind', 'body_text']).where('ecosystem_id', '=', eco.id).orderBy('created_at').execute();
			expect(mails.map((m) => [m.kind, m.body_text.includes('https://meet.example.org/secret')])).toEqual([
				['event_confirmed', true],
				['event_waitlisted', false]
			]);
		});

		it('refuses registrations for an event that has ended', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { starts_at: '2020-01-01T10:00:00.000Z', ends_at: '2020-01-01T11:00:00.000Z' });
			expect(await register(ctx, eco.id, event.slug)).toEqual({ ok: false, issues: [{ field: 'form', message: 'This event has already taken place.' }] });
		});
	});

	describe('capacity under concurrent registrations', () => {
		it.each([
			[200, 20],
			[1000, 100]
		])('%i people registering at once for %i seats: exactly the capacity is confirmed, the rest wait in a single line', async (people, seats) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { capacity: seats });
			const outcomes = await Promise.all(Array.from({ length: people }, () => register(ctx, eco.id, event.slug)));
			const confirmed = outcomes.filter((o) => o.ok && o.value.status === 'confirmed');
			expect(confirmed).toHaveLength(seats);
			expect(outcomes.filter((o) => o.ok && o.value.status === 'waitlisted')).toHaveLength(people - seats);
			const rows = await repo.listRegistrations(db, eco.id, event.id);
			expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(seats);
			expect(new Set(rows.map((r) => r.position)).size).toBe(people);
			// Seats went to the first in line.
			expect(Math.max(...rows.filter((r) => r.status === 'confirmed').map((r) => r.position))).toBeLessThan(Math.min(...rows.filter((r) => r.status === 'waitlisted').map((r) => r.position)));
			expect(await repo.findEventById(db, eco.id, event.id)).toMatchObject({ seats_taken: seats });

			// Half the seat holders cancel at once: as many people are promoted, never more.
			const tokens = confirmed.slice(0, seats / 2).map((o) => (o.ok ? o.value.token : ''));
			const cancels = await Promise.all(tokens.map((token) => cancelRegistrationByToken({ ctx, ecosystemId: eco.id, token, origin })));
			expect(cancels.reduce((sum, c) => sum + c.promoted, 0)).toBe(seats / 2);
			const after = await repo.countRegistrations(db, eco.id, event.id);
			expect(after).toEqual({ confirmed: seats, waitlisted: people - seats - seats / 2, cancelled: seats / 2 });
			expect(await repo.findEventById(db, eco.id, event.id)).toMatchObject({ seats_taken: seats });
		}, 120_000);

		it('the database itself refuses more seats than the capacity', async () => {
			const { db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { capacity: 1 });
			await db.updateTable('event').set({ seats_taken: 1 }).where('id', '=', event.id).execute();
			await expect(db.updateTable('event').set({ seats_taken: 2 }).where('id', '=', event.id).execute()).rejects.toThrow();
		});
	});

	describe('attendance', () => {
		it('lets staff with two-factor sign-in check confirmed attendees in and export the list as CSV', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { capacity: 1, questions_json: JSON.stringify([{ id: 'q1', label: 'School', label_es: null, required: false }]) });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			await register(ctx, eco.id, event.slug, registrationInput({ name: 'Ana Díaz', email: 'ana@example.org', answers: { q1: '=HYPERLINK("x")' }, language_request: 'Spanish' }));
			await register(ctx, eco.id, event.slug, registrationInput({ name: 'Ben, Jr.', email: 'ben@example.org' }));
			const { registrations } = await listAttendees({ db, actor: staff, ecosystemId: eco.id, slug: event.slug });
			await checkIn({ db, actor: staff, ecosystemId: eco.id, slug: event.slug, registrationId: registrations[0]!.id });
			await expect(checkIn({ db, actor: staff, ecosystemId: eco.id, slug: event.slug, registrationId: registrations[1]!.id })).rejects.toMatchObject({
				code: 'REGISTRATION_NOT_FOUND'
			});
			const { csv, filename } = await attendanceCsv({ db, actor: staff, ecosystemId: eco.id, slug: event.slug });
			expect(filename).toBe(`${event.slug}-attendance.csv`);
			const lines = csv.trimEnd().split('\r\n');
			expect(lines[0]).toBe('name,email,status,place_in_line,registered_at,checked_in_at,accessibility_request,language_request,School');
			expect(lines[1]).toMatch(/^Ana Díaz,ana@example\.org,confirmed,1,[^,]+,\d{4}-[^,]+,,Spanish,"'=HYPERLINK\(""x""\)"$/);
			expect(lines[2]).toMatch(/^"Ben, Jr\.",ben@example\.org,waitlisted,2,[^,]+,,,,$/);

			await checkIn({ db, actor: staff, ecosystemId: eco.id, slug: event.slug, registrationId: registrations[0]!.id, undo: true });
			expect((await repo.findRegistrationById(db, eco.id, registrations[0]!.id))!.checked_in_at).toBeNull();
			expect((await auditActions(db, eco.id)).filter((a) => a.startsWith('event.') && a.includes('check'))).toEqual(['event.check_in', 'event.undo_check_in']);
		});

		it('asks staff without two-factor sign-in to set it up, and refuses partner admins', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const event = await makeEvent(db, eco.id);
			const noTwoFactor = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, twoFactor: false });
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			await expect(listAttendees({ db, actor: noTwoFactor, ecosystemId: eco.id, slug: event.slug })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
			await expect(attendanceCsv({ db, actor: partnerAdmin, ecosystemId: eco.id, slug: event.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});
	});

	describe('tenant isolation', () => {
		it('never reaches another ecosystem’s events, registrations or attendees', async () => {
			const { ctx, db } = get();
			const [mine, theirs] = [await makeEcosystem(db), await makeEcosystem(db)];
			const theirEvent = await makeEvent(db, theirs.id, { capacity: 5 });
			const theirRegistration = await register(ctx, theirs.id, theirEvent.slug);
			if (!theirRegistration.ok) throw new Error('expected ok');
			const myStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: mine.id });
			const theirStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: theirs.id });

			await expect(getPublicEvent({ db, ecosystemId: mine.id, slug: theirEvent.slug })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
			await expect(register(ctx, mine.id, theirEvent.slug)).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
			await expect(getRegistrationByToken({ db, ecosystemId: mine.id, token: theirRegistration.value.token })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
			await expect(cancelRegistrationByToken({ ctx, ecosystemId: mine.id, token: theirRegistration.value.token, origin })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
			await expect(listAttendees({ db, actor: myStaff, ecosystemId: theirs.id, slug: theirEvent.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(listAttendees({ db, actor: myStaff, ecosystemId: mine.id, slug: theirEvent.slug })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
			await expect(checkIn({ db, actor: myStaff, ecosystemId: mine.id, slug: theirEvent.slug, registrationId: theirRegistration.value.id })).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });

			const mineEvent = await makeEvent(db, mine.id);
			await expect(checkIn({ db, actor: myStaff, ecosystemId: mine.id, slug: mineEvent.slug, registrationId: theirRegistration.value.id })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
			const { registrations } = await listAttendees({ db, actor: theirStaff, ecosystemId: theirs.id, slug: theirEvent.slug });
			expect(registrations.map((r) => [r.status, r.checked_in_at])).toEqual([['confirmed', null]]);
			expect(await auditActions(db, mine.id)).toEqual([]);
		});
	});

	describe('reminders', () => {
		it('emails confirmed attendees once when the reminder time comes, never the waiting list', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const event = await makeEvent(db, eco.id, { capacity: 1, reminder_hours: 24, starts_at: '2031-05-10T22:00:00.000Z', ends_at: '2031-05-10T23:00:00.000Z' });
			const noReminder = await makeEvent(db, eco.id, { reminder_hours: 0, starts_at: '2031-05-10T22:00:00.000Z', ends_at: '2031-05-10T23:00:00.000Z' });
			const [seat, waiting, other] = [uniqueEmail('seat'), uniqueEmail('waiting'), uniqueEmail('other')];
			await register(ctx, eco.id, event.slug, registrationInput({ email: seat }));
			await register(ctx, eco.id, event.slug, registrationInput({ email: waiting }));
			await register(ctx, eco.id, noReminder.slug, registrationInput({ email: other }));

			expect(await sendDueReminders({ ctx, origin, now: '2031-05-09T21:59:00.000Z' })).toBe(0);
			expect(await sendDueReminders({ ctx, origin, now: '2031-05-09T22:00:00.000Z' })).toBe(1);
			expect(await sendDueReminders({ ctx, origin, now: '2031-05-09T23:00:00.000Z' })).toBe(0);
			expect((await outbox(ctx, seat)).map((m) => m.kind)).toEqual(['event_confirmed', 'event_reminder']);
			expect((await outbox(ctx, waiting)).map((m) => m.kind)).toEqual(['event_waitlisted']);
			expect((await outbox(ctx, other)).map((m) => m.kind)).toEqual(['event_confirmed']);
		});
	});
});

