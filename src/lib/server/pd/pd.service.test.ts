import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, makeUser } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import * as repo from './pd.repository.js';
import { takeRequestBudget } from '../http/request-budget.js';
import { offeringFromForm } from './pd.js';
import {
	cancelRegistration,
	complete,
	createCreditType,
	createOffering,
	getCertificate,
	getMyLearning,
	getOffering,
	getRoster,
	listCatalog,
	listManagedOfferings,
	prepareOfferingForm,
	register,
	setAttendance,
	submitEvaluation,
	transcriptCsv,
	verifyCertificate,
	listUpcomingPdSessions,
	setPublished,
	revokeCertificate,
	VERIFY_LIMIT
} from './pd.service.js';

/** A 6-hour workshop in two 3-hour sessions, as the provider's form sends it. */
function workshopForm(overrides: Record<string, string | undefined> = {}) {
	return offeringFromForm(
		{
			provider: 'backbone',
			title: 'Sensors in the biology lab',
			topic: 'Data collection with probes',
			audience: 'classroom_teachers',
			subject: 'science',
			format: 'workshop',
			hours: '6',
			capacity: '20',
			publish: 'yes',
			'sessions.0.date': '2027-03-04',
			'sessions.0.start': '16:00',
			'sessions.0.end': '19:00',
			'sessions.1.date': '2027-03-11',
			'sessions.1.start': '16:00',
			'sessions.1.end': '19:00',
			...overrides
		},
		['9-12']
	);
}

describeEachDatabase('professional development service', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Test STEM Collective' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const creditTypeId = await repo.insertCreditType(db, eco.id, { code: 'act48', name: 'PA Act 48 hours' });
		return { db, eco, staff, creditTypeId };
	}

	async function publishedWorkshop(ctx: AppContext, overrides: Record<string, string | undefined> = {}) {
		const base = await setup(ctx);
		const outcome = await createOffering({ db: base.db, actor: base.staff, ecosystemId: base.eco.id, input: workshopForm({ credit_type_id: base.creditTypeId, ...overrides }) });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
		return { ...base, slug: outcome.value.slug, offeringId: outcome.value.id };
	}

	describe('publishing offerings', () => {
		it('lets backbone staff publish a two-session workshop that appears in the catalog, and records it', async () => {
			const { db, eco, slug } = await publishedWorkshop(get().ctx);
			const catalog = await listCatalog({ db, ecosystemId: eco.id });
			expect(catalog.map((o) => [o.slug, o.hours, o.credit_type_name, o.seatsLeft, o.partner_name])).toEqual([[slug, 6, 'PA Act 48 hours', 20, null]]);
			const page = await getOffering({ db, actor: publicActor, ecosystemId: eco.id, slug });
			expect(page.sessions.map((s) => [s.starts_at, s.ends_at])).toEqual([
				['2027-03-04T16:00:00.000Z', '2027-03-04T19:00:00.000Z'],
				['2027-03-11T16:00:00.000Z', '2027-03-11T19:00:00.000Z']
			]);
			expect(await auditActions(db, eco.id)).toEqual(['pd.offering.create']);
		});

		it('lists upcoming sessions of published offerings for the events calendar, and nothing past, unpublished or elsewhere', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx);
			const other = await publishedWorkshop(ctx);
			const between = new Date('2027-03-05T00:00:00Z');
			expect((await listUpcomingPdSessions({ db, ecosystemId: eco.id, now: between })).map((s) => [s.slug, s.starts_at])).toEqual([[slug, '2027-03-11T16:00:00.000Z']]);
			expect(await listUpcomingPdSessions({ db, ecosystemId: eco.id, now: new Date('2027-04-01T00:00:00Z') })).toEqual([]);
			await setPublished({ db, actor: staff, ecosystemId: eco.id, slug, published: false });
			expect(await listUpcomingPdSessions({ db, ecosystemId: eco.id, now: between })).toEqual([]);
			expect((await listUpcomingPdSessions({ db, ecosystemId: other.eco.id, now: between })).map((s) => s.slug)).toEqual([other.slug]);
		});

		it('lets a partner admin publish for their own partner only', async () => {
			const { ctx } = get();
			const { db, eco } = await setup(ctx);
			const [own, other] = [await makePartner(db, eco.id, { name: 'Own Robotics' }), await makePartner(db, eco.id)];
			const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id });
			expect((await prepareOfferingForm({ db, actor: admin, ecosystemId: eco.id })).providers).toEqual({ backbone: false, partners: [{ id: own.id, name: 'Own Robotics' }] });
			const mine = await createOffering({ db, actor: admin, ecosystemId: eco.id, input: workshopForm({ provider: own.id }) });
			expect(mine.ok).toBe(true);
			await expect(createOffering({ db, actor: admin, ecosystemId: eco.id, input: workshopForm({ provider: other.id }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createOffering({ db, actor: admin, ecosystemId: eco.id, input: workshopForm({ provider: 'backbone' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listManagedOfferings({ db, actor: admin, ecosystemId: eco.id })).map((o) => o.partner_name)).toEqual(['Own Robotics']);
		});

		it('asks a partner admin without two-factor sign-in to set it up (rosters are personal data)', async () => {
			const { ctx } = get();
			const { db, eco } = await setup(ctx);
			const own = await makePartner(db, eco.id);
			const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id, twoFactor: false });
			await expect(prepareOfferingForm({ db, actor: admin, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});

		it('refuses educators and sends signed-out visitors to sign in', async () => {
			const { ctx } = get();
			const { db, eco } = await setup(ctx);
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(prepareOfferingForm({ db, actor: educator, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createOffering({ db, actor: educator, ecosystemId: eco.id, input: workshopForm() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createOffering({ db, actor: publicActor, ecosystemId: eco.id, input: workshopForm() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect(await listCatalog({ db, ecosystemId: eco.id })).toEqual([]);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { db, eco, staff } = await setup(get().ctx);
			const outcome = await createOffering({ db, actor: staff, ecosystemId: eco.id, input: workshopForm({ title: '', hours: 'six', capacity: '0', 'sessions.1.end': '15:00' }) });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['title', 'hours', 'capacity', 'sessions.1.end']);
			expect(await repo.listOfferingsOf(db, eco.id, 'all')).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses a credit type or partner from another ecosystem', async () => {
			const { ctx } = get();
			const { db, eco, staff } = await setup(ctx);
			const elsewhere = await setup(ctx);
			const foreignPartner = await makePartner(db, elsewhere.eco.id);
			const outcome = await createOffering({ db, actor: staff, ecosystemId: eco.id, input: workshopForm({ credit_type_id: elsewhere.creditTypeId }) });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['credit_type_id']);
			const foreign = await createOffering({ db, actor: staff, ecosystemId: eco.id, input: workshopForm({ provider: foreignPartner.id }) });
			expect(foreign.ok ? [] : foreign.issues.map((i) => i.field)).toEqual(['provider']);
		});

		it('hides drafts from the catalog and from educators, but not from the people running them', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx, { publish: undefined });
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			expect(await listCatalog({ db, ecosystemId: eco.id })).toEqual([]);
			await expect(getOffering({ db, actor: educator, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
			await expect(register({ db, actor: educator, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
			expect((await getOffering({ db, actor: staff, ecosystemId: eco.id, slug })).manager).toBe(true);
		});
	});

	describe('registration and capacity', () => {
		it('registers an educator once, and cancelling frees the seat', async () => {
			const { ctx } = get();
			const { db, eco, slug } = await publishedWorkshop(ctx, { capacity: '1' });
			const [lee, kim] = [await makeActor(ctx, { role: 'educator', ecosystemId: eco.id }), await makeActor(ctx, { role: 'educator', ecosystemId: eco.id })];
			expect((await register({ db, actor: lee, ecosystemId: eco.id, slug })).ok).toBe(true);
			const again = await register({ db, actor: lee, ecosystemId: eco.id, slug });
			expect(again.ok ? '' : again.issues[0]!.message).toBe('You are already registered for this offering.');
			const full = await register({ db, actor: kim, ecosystemId: eco.id, slug });
			expect(full.ok ? '' : full.issues[0]!.message).toBe('This offering is full: every seat is taken.');
			expect((await cancelRegistration({ db, actor: lee, ecosystemId: eco.id, slug })).ok).toBe(true);
			expect((await register({ db, actor: kim, ecosystemId: eco.id, slug })).ok).toBe(true);
			expect((await getOffering({ db, actor: kim, ecosystemId: eco.id, slug })).seatsLeft).toBe(0);
			expect(await auditActions(db, eco.id)).toEqual(['pd.offering.create', 'pd.registration.cancel', 'pd.registration.create', 'pd.registration.create']);
		});

		it('has the database refuse a registration past capacity, even written directly', async () => {
			const { ctx } = get();
			const { db, eco, offeringId } = await publishedWorkshop(ctx, { capacity: '2' });
			const users = [await makeUser(ctx), await makeUser(ctx), await makeUser(ctx)];
			await repo.insertRegistration(db, eco.id, offeringId, users[0]!.id);
			await repo.insertRegistration(db, eco.id, offeringId, users[1]!.id);
			const third = await repo.insertRegistration(db, eco.id, offeringId, users[2]!.id).catch((e: unknown) => e);
			expect(repo.isCapacityFull(third)).toBe(true);
			expect(await repo.countActiveRegistrations(db, eco.id, offeringId)).toBe(2);
		});

		it('has the database refuse re-activating a cancelled registration into a full offering', async () => {
			const { ctx } = get();
			const { db, eco, offeringId } = await publishedWorkshop(ctx, { capacity: '1' });
			const [a, b] = [await makeUser(ctx), await makeUser(ctx)];
			const first = await repo.insertRegistration(db, eco.id, offeringId, a.id);
			await repo.cancelRegistration(db, eco.id, first);
			await repo.insertRegistration(db, eco.id, offeringId, b.id);
			const revived = await db.updateTable('pd_registration').set({ cancelled_at: null }).where('id', '=', first).execute().catch((e: unknown) => e);
			expect(repo.isCapacityFull(revived)).toBe(true);
			expect(await repo.countActiveRegistrations(db, eco.id, offeringId)).toBe(1);
		});

		it('gives the last seat to exactly one of many educators registering at once', async () => {
			const { ctx } = get();
			const { db, eco, slug, offeringId } = await publishedWorkshop(ctx, { capacity: '3' });
			const educators = await Promise.all(Array.from({ length: 8 }, () => makeActor(ctx, { role: 'educator', ecosystemId: eco.id })));
			const outcomes = await Promise.all(educators.map((actor) => register({ db, actor, ecosystemId: eco.id, slug })));
			expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
			expect(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? '' : o.issues[0]!.message))).toEqual(Array(5).fill('This offering is full: every seat is taken.'));
			expect(await repo.countActiveRegistrations(db, eco.id, offeringId)).toBe(3);
		});
	});

	describe('attendance, completion and the certificate', () => {
		it('follows Ms. Lee from registration to a verified certificate and a transcript', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx);
			const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, name: 'Angela Lee' });
			const registered = await register({ db, actor: lee, ecosystemId: eco.id, slug });
			if (!registered.ok) throw new Error('registration failed');
			const tooSoon = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: {} });
			expect(tooSoon.ok ? '' : tooSoon.issues[0]!.message).toBe('You attended 0 of 2 sessions; completion needs 2.');

			const roster = await getRoster({ db, actor: staff, ecosystemId: eco.id, slug });
			expect(roster.roster.map((r) => [r.name, r.attended])).toEqual([['Angela Lee', [false, false]]]);
			for (const session of roster.sessions) {
				expect(await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug, input: { session_id: session.id, registration_id: registered.value.registrationId } })).toEqual({ ok: true, value: null });
			}
			// A second check-in to the same session changes nothing.
			await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug, input: { session_id: roster.sessions[0]!.id, registration_id: registered.value.registrationId } });
			expect((await getRoster({ db, actor: staff, ecosystemId: eco.id, slug })).roster[0]!.attended).toEqual([true, true]);

			const done = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: {} });
			if (!done.ok) throw new Error(JSON.stringify(done.issues));
			expect(done.value.code).toMatch(/^PD-[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

			const certificate = await getCertificate({ db, actor: lee, ecosystemId: eco.id, code: done.value.code });
			expect(certificate).toMatchObject({
				educator_name: 'Angela Lee',
				offering_title: 'Sensors in the biology lab',
				hours: 6,
				credit_type_name: 'PA Act 48 hours',
				issuer_name: 'Test STEM Collective',
				first_session_on: '2027-03-04',
				last_session_on: '2027-03-11'
			});
			const verified = await verifyCertificate({ db, code: done.value.code.toLowerCase(), client: `test-${eco.id}` });
			expect(verified).toMatchObject({ found: true, valid: true, educatorName: 'Angela Lee', hours: 6, ecosystemName: 'Test STEM Collective' });

			const learning = await getMyLearning({ db, actor: lee, ecosystemId: eco.id });
			const year = Number(new Date().toISOString().slice(0, 4));
			expect(learning.transcript.map((y) => [y.year, y.hours, y.byCredit])).toEqual([[year, 6, [{ credit: 'PA Act 48 hours', hours: 6 }]]]);
			expect(learning.registrations.map((r) => [r.offering_slug, r.certificate_code])).toEqual([[slug, done.value.code]]);
			const csv = await transcriptCsv({ db, actor: lee, ecosystemId: eco.id });
			expect(csv.split('\r\n')).toEqual([
				'year,offering,provider,hours,credit_type,completed_on,verification_code',
				`${year},Sensors in the biology lab,Test STEM Collective,6,PA Act 48 hours,${certificate.issued_at.slice(0, 10)},${done.value.code}`,
				''
			]);
			expect(await auditActions(db, eco.id)).toEqual([
				'pd.attendance.check_in', 'pd.attendance.check_in', 'pd.offering.create', 'pd.registration.complete', 'pd.registration.create'
			]);
			const again = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: {} });
			expect(again.ok).toBe(false);
			await expect(cancelRegistration({ db, actor: lee, ecosystemId: eco.id, slug })).resolves.toMatchObject({ ok: false });
		});

		it('completes at the attendance threshold and asks for a reflection when the offering does', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx, { attendance_threshold: '50', reflection_required: 'yes' });
			const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const registered = await register({ db, actor: lee, ecosystemId: eco.id, slug });
			if (!registered.ok) throw new Error('registration failed');
			const { sessions } = await getRoster({ db, actor: staff, ecosystemId: eco.id, slug });
			await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug, input: { session_id: sessions[1]!.id, registration_id: registered.value.registrationId } });
			const noReflection = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: { reflection: 'Nice.' } });
			expect(noReflection.ok ? [] : noReflection.issues.map((i) => i.field)).toEqual(['reflection']);
			expect(await repo.listCertificatesOfUser(db, eco.id, lee.userId)).toEqual([]);
			const done = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: { reflection: 'I will run the probeware lab with my ninth graders this spring.' } });
			expect(done.ok).toBe(true);
		});

		it('undoes a mistaken check-in and refuses sessions or people of another offering', async () => {
			const { ctx } = get();
			const first = await publishedWorkshop(ctx);
			const { db, eco, staff } = first;
			const second = await createOffering({ db, actor: staff, ecosystemId: eco.id, input: workshopForm({ title: 'Another workshop' }) });
			if (!second.ok) throw new Error('second offering');
			const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const registered = await register({ db, actor: lee, ecosystemId: eco.id, slug: first.slug });
			if (!registered.ok) throw new Error('registration failed');
			const own = await getRoster({ db, actor: staff, ecosystemId: eco.id, slug: first.slug });
			const other = await getRoster({ db, actor: staff, ecosystemId: eco.id, slug: second.value.slug });
			const wrong = await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug: second.value.slug, input: { session_id: own.sessions[0]!.id, registration_id: registered.value.registrationId } });
			expect(wrong.ok ? [] : wrong.issues.map((i) => i.field)).toEqual(['session_id', 'registration_id']);
			const input = { session_id: own.sessions[0]!.id, registration_id: registered.value.registrationId };
			await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug: first.slug, input });
			await setAttendance({ db, actor: staff, ecosystemId: eco.id, slug: first.slug, input: { ...input, present: 'no' } });
			expect((await getRoster({ db, actor: staff, ecosystemId: eco.id, slug: first.slug })).roster[0]!.attended).toEqual([false, false]);
			expect(other.roster).toEqual([]);
		});

		it('keeps rosters and check-in to the offering’s provider', async () => {
			const { ctx } = get();
			const { db, eco } = await setup(ctx);
			const [own, other] = [await makePartner(db, eco.id), await makePartner(db, eco.id)];
			const ownAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id });
			const otherMember = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: other.id });
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const created = await createOffering({ db, actor: ownAdmin, ecosystemId: eco.id, input: workshopForm({ provider: own.id }) });
			if (!created.ok) throw new Error('offering');
			expect((await getRoster({ db, actor: ownAdmin, ecosystemId: eco.id, slug: created.value.slug })).roster).toEqual([]);
			for (const actor of [otherMember, educator]) {
				await expect(getRoster({ db, actor, ecosystemId: eco.id, slug: created.value.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
				await expect(setAttendance({ db, actor, ecosystemId: eco.id, slug: created.value.slug, input: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			}
		});

		it('lets only the holder (or backbone staff) download a certificate', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx, { format: 'self_paced', 'sessions.0.date': undefined, 'sessions.0.start': undefined, 'sessions.0.end': undefined, 'sessions.1.date': undefined, 'sessions.1.start': undefined, 'sessions.1.end': undefined });
			const [lee, kim] = [await makeActor(ctx, { role: 'educator', ecosystemId: eco.id }), await makeActor(ctx, { role: 'educator', ecosystemId: eco.id })];
			await register({ db, actor: lee, ecosystemId: eco.id, slug });
			const done = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: {} });
			if (!done.ok) throw new Error(JSON.stringify(done.issues));
			expect((await getCertificate({ db, actor: staff, ecosystemId: eco.id, code: done.value.code })).user_id).toBe(lee.userId);
			await expect(getCertificate({ db, actor: kim, ecosystemId: eco.id, code: done.value.code })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getCertificate({ db, actor: lee, ecosystemId: eco.id, code: 'PD-0000-0000-0000-0000-0000' })).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
		});
	});

	describe('revocation', () => {
		it('the provider revokes a certificate with a reason; verification then says revoked and the transcript drops it', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx, { format: 'self_paced', 'sessions.0.date': undefined, 'sessions.0.start': undefined, 'sessions.0.end': undefined, 'sessions.1.date': undefined, 'sessions.1.start': undefined, 'sessions.1.end': undefined });
			const lee = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const registered = await register({ db, actor: lee, ecosystemId: eco.id, slug });
			const done = await complete({ db, actor: lee, ecosystemId: eco.id, slug, input: {} });
			if (!registered.ok || !done.ok) throw new Error('setup');
			const registration_id = registered.value.registrationId;
			expect(await revokeCertificate({ db, actor: staff, ecosystemId: eco.id, slug, input: { registration_id: 'nobody', reason: 'x' } })).toEqual({
				ok: false,
				issues: [
					{ field: 'registration_id', message: 'Choose a person whose certificate for this offering is still valid.' },
					{ field: 'reason', message: 'Give the reason in 5 to 500 characters.' }
				]
			});
			await expect(revokeCertificate({ db, actor: lee, ecosystemId: eco.id, slug, input: { registration_id, reason: 'Issued by mistake.' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await revokeCertificate({ db, actor: staff, ecosystemId: eco.id, slug, input: { registration_id, reason: 'Issued by mistake.' } })).toEqual({ ok: true, value: null });
			expect(await verifyCertificate({ db, code: done.value.code, client: `revoke-${eco.id}` })).toMatchObject({ found: true, valid: false });
			expect((await getMyLearning({ db, actor: lee, ecosystemId: eco.id })).transcript).toEqual([]);
			expect((await getRoster({ db, actor: staff, ecosystemId: eco.id, slug })).roster[0]).toMatchObject({ certificate_code: done.value.code, certificate_revoked_at: expect.any(String) });
			// Revoking twice is refused with the same clear message, and audited once.
			expect(await revokeCertificate({ db, actor: staff, ecosystemId: eco.id, slug, input: { registration_id, reason: 'Again, by mistake.' } })).toMatchObject({ ok: false });
			expect((await auditActions(db, eco.id)).filter((a) => a === 'pd.certificate.revoke')).toHaveLength(1);
		});
	});

	describe('verification', () => {
		it('answers not found for unknown or malformed codes and refuses a client past its budget', async () => {
			const { db } = get();
			const client = `budget-${Math.random()}`;
			expect(await verifyCertificate({ db, code: 'PD-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', client })).toEqual({ found: false, code: 'PD-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
			expect(await verifyCertificate({ db, code: '<script>', client })).toEqual({ found: false, code: '<script>' });
			for (let i = 2; i < VERIFY_LIMIT; i++) await verifyCertificate({ db, code: 'PD-1', client });
			await expect(verifyCertificate({ db, code: 'PD-1', client })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
			// Another client still has its own budget.
			expect(await verifyCertificate({ db, code: 'PD-1', client: `${client}-other` })).toMatchObject({ found: false });
		});

		it('starts a fresh budget in the next window', async () => {
			const { db } = get();
			const key = `window-${Math.random()}`;
			const t0 = new Date('2027-01-01T00:00:00Z');
			expect(await takeRequestBudget(db, key, 1, 60_000, t0)).toBe(true);
			expect(await takeRequestBudget(db, key, 1, 60_000, new Date('2027-01-01T00:00:30Z'))).toBe(false);
			expect(await takeRequestBudget(db, key, 1, 60_000, new Date('2027-01-01T00:01:00Z'))).toBe(true);
		});
	});

	describe('evaluations', () => {
		it('takes one evaluation per completion and shows the provider averages only from three answers', async () => {
			const { ctx } = get();
			const { db, eco, staff, slug } = await publishedWorkshop(ctx, { format: 'self_paced', 'sessions.0.date': undefined, 'sessions.0.start': undefined, 'sessions.0.end': undefined, 'sessions.1.date': undefined, 'sessions.1.start': undefined, 'sessions.1.end': undefined });
			const people = await Promise.all([1, 2, 3].map(() => makeActor(ctx, { role: 'educator', ecosystemId: eco.id })));
			const early = await submitEvaluation({ db, actor: people[0]!, ecosystemId: eco.id, slug, input: { overall: '5', relevance: '5', will_use: '5' } });
			expect(early.ok ? '' : early.issues[0]!.message).toBe('You can evaluate an offering once you have completed it.');
			for (const [i, actor] of people.entries()) {
				await register({ db, actor, ecosystemId: eco.id, slug });
				await complete({ db, actor, ecosystemId: eco.id, slug, input: {} });
				if (i < 2) expect((await submitEvaluation({ db, actor, ecosystemId: eco.id, slug, input: { overall: '5', relevance: '4', will_use: String(3 + i), comment: i ? 'Loved the probes' : '' } })).ok).toBe(true);
			}
			expect((await getRoster({ db, actor: staff, ecosystemId: eco.id, slug })).evaluations).toEqual({ n: 2, shown: false });
			const bad = await submitEvaluation({ db, actor: people[2]!, ecosystemId: eco.id, slug, input: { overall: '9', relevance: '', will_use: '3' } });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['overall', 'relevance']);
			await submitEvaluation({ db, actor: people[2]!, ecosystemId: eco.id, slug, input: { overall: '2', relevance: '4', will_use: '5' } });
			const twice = await submitEvaluation({ db, actor: people[2]!, ecosystemId: eco.id, slug, input: { overall: '2', relevance: '4', will_use: '5' } });
			expect(twice.ok).toBe(false);
			expect((await getRoster({ db, actor: staff, ecosystemId: eco.id, slug })).evaluations).toEqual({ n: 3, shown: true, overall: 4, relevance: 4, will_use: 4, comments: ['Loved the probes'] });
		});
	});

	describe('credit types', () => {
		it('lets backbone staff add credit types with unique codes, and refuses partners', async () => {
			const { ctx } = get();
			const { db, eco, staff } = await setup(ctx);
			const partner = await makePartner(db, eco.id);
			const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			expect((await createCreditType({ db, actor: staff, ecosystemId: eco.id, input: { code: 'or_pdu', name: 'Oregon PDUs' } })).ok).toBe(true);
			const dup = await createCreditType({ db, actor: staff, ecosystemId: eco.id, input: { code: 'act48', name: 'Again' } });
			expect(dup.ok ? [] : dup.issues.map((i) => i.field)).toEqual(['code']);
			await expect(createCreditType({ db, actor: admin, ecosystemId: eco.id, input: { code: 'x1', name: 'Nope' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await repo.listCreditTypes(db, eco.id)).map((c) => c.code).sort()).toEqual(['act48', 'or_pdu']);
		});
	});

	describe('tenant isolation', () => {
		it('never reaches another ecosystem’s offerings, registrations or certificates', async () => {
			const { ctx } = get();
			const home = await publishedWorkshop(ctx);
			const away = await setup(ctx);
			const lee = await makeActor(ctx, { role: 'educator', ecosystemId: home.eco.id });
			await register({ db: home.db, actor: lee, ecosystemId: home.eco.id, slug: home.slug });
			const awayEducator = await makeActor(ctx, { role: 'educator', ecosystemId: away.eco.id });
			await expect(getOffering({ db: home.db, actor: awayEducator, ecosystemId: away.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
			await expect(register({ db: home.db, actor: awayEducator, ecosystemId: away.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
			await expect(register({ db: home.db, actor: awayEducator, ecosystemId: home.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getRoster({ db: home.db, actor: away.staff, ecosystemId: away.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'OFFERING_NOT_FOUND' });
			await expect(getRoster({ db: home.db, actor: away.staff, ecosystemId: home.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await listCatalog({ db: home.db, ecosystemId: away.eco.id })).toEqual([]);
			expect(await repo.countActiveRegistrations(home.db, home.eco.id, home.offeringId)).toBe(1);
			expect(await auditActions(home.db, away.eco.id)).toEqual([]);
		});
	});
});
