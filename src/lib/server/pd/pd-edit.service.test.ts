import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, uniqueEmail } from '../testing/factories.js';
import { smtpSuite } from '../testing/smtp.js';
import { auditActions } from '../testing/assertions.js';
import * as repo from './pd.repository.js';
import { offeringFromForm } from './pd.js';
import { createOffering, getOffering, getOfferingForEdit, register, setAttendance, updateOffering } from './pd.service.js';

const origin = 'http://localhost';

describeEachDatabase('editing a professional development offering', (get) => {
	const suite = smtpSuite(get);

	/** A partner's two-session workshop with `seats` educators registered. */
	async function partnerWorkshop(seats: number, capacity = '20') {
		const { ctx } = suite;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Own Robotics' });
		const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
		const created = await createOffering({
			db,
			actor: admin,
			ecosystemId: eco.id,
			input: offeringFromForm(
				{
					provider: partner.id, title: 'Sensors in the biology lab', topic: 'Probes', audience: 'classroom_teachers', subject: 'science',
					format: 'workshop', hours: '6', capacity, publish: 'yes',
					'sessions.0.date': '2031-03-04', 'sessions.0.start': '16:00', 'sessions.0.end': '19:00', 'sessions.0.location': 'Room 4',
					'sessions.1.date': '2031-03-11', 'sessions.1.start': '16:00', 'sessions.1.end': '19:00'
				},
				['9-12']
			)
		});
		if (!created.ok) throw new Error(JSON.stringify(created.issues));
		const educators = [];
		for (let i = 0; i < seats; i++) {
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id, email: uniqueEmail(`teacher${i}`) });
			if (i === 1) await db.updateTable('user').set({ locale: 'es' }).where('id', '=', educator.userId).execute();
			expect((await register({ db, actor: educator, ecosystemId: eco.id, slug: created.value.slug })).ok).toBe(true);
			educators.push(educator);
		}
		return { ctx, db, eco, partner, admin, slug: created.value.slug, id: created.value.id, educators };
	}

	/** The pre-filled edit form as the browser posts it back (empty fields arrive as undefined). */
	async function formValues(w: Awaited<ReturnType<typeof partnerWorkshop>>, changes: Record<string, string | undefined> = {}) {
		const { values } = await getOfferingForEdit({ db: w.db, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug });
		const all = { ...values, ...changes };
		const bands = (all.grade_bands ?? '').split(',').filter(Boolean);
		const flat = Object.fromEntries(Object.entries(all).filter(([k, v]) => k !== 'grade_bands' && v !== '' && v !== undefined)) as Record<string, string>;
		return offeringFromForm(flat, bands);
	}
	const mailTo = (email: string) => suite.received.filter((m) => m.to.includes(email));

	it('pre-fills the form with what is stored and saves a changed description, capacity and an added session without emailing anyone', async () => {
		const w = await partnerWorkshop(1);
		const form = await getOfferingForEdit({ db: w.db, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug });
		expect(form.values).toMatchObject({ title: 'Sensors in the biology lab', capacity: '20', hours: '6', grade_bands: '9-12', 'sessions.0.start': '16:00', 'sessions.0.location': 'Room 4', cost: '0.00' });
		const before = suite.received.length;
		const input = await formValues(w, {
			description_md: 'Bring a laptop.', title_es: 'Sensores en el laboratorio', capacity: '12', hours: '7.5',
			'sessions.2.date': '2031-03-18', 'sessions.2.start': '16:00', 'sessions.2.end': '17:30'
		});
		const outcome = await updateOffering({ ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input, origin });
		expect(outcome).toEqual({ ok: true, value: { slug: w.slug, notified: 0, moved: 0 } });
		const page = await getOffering({ db: w.db, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug });
		expect([page.offering.description_md, page.offering.title_es, page.offering.capacity, page.offering.hours, page.offering.published_at !== null]).toEqual(['Bring a laptop.', 'Sensores en el laboratorio', 12, 7.5, true]);
		expect(page.sessions.map((s) => s.starts_at)).toEqual(['2031-03-04T16:00:00.000Z', '2031-03-11T16:00:00.000Z', '2031-03-18T16:00:00.000Z']);
		expect(suite.received.length).toBe(before);
		expect(await auditActions(w.db, w.eco.id)).toContain('pd.offering.update');
	});

	it('refuses a capacity below the registrations already taken, with the count, and changes nothing', async () => {
		const w = await partnerWorkshop(3);
		const outcome = await updateOffering({ ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input: await formValues(w, { capacity: '2', title: 'Renamed' }), origin });
		expect(outcome).toEqual({ ok: false, issues: [{ field: 'capacity', message: '3 people are already registered, so the capacity cannot be lower than 3.' }] });
		const page = await getOffering({ db: w.db, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug });
		expect([page.offering.capacity, page.offering.title]).toEqual([20, 'Sensors in the biology lab']);
		expect((await updateOffering({ ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input: await formValues(w, { capacity: '3' }), origin })).ok).toBe(true);
	});

	it('emails every registered educator the new time when a session moves (Spanish for a Spanish reader), keeps check-ins, and skips cancelled people', async () => {
		const w = await partnerWorkshop(3);
		const sessions = await repo.listSessions(w.db, w.eco.id, w.id);
		const [first, second, third] = w.educators;
		expect((await setAttendance({ db: w.db, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input: { session_id: sessions[1]!.id, registration_id: (await repo.findActiveRegistration(w.db, w.eco.id, w.id, first!.userId))!.id } })).ok).toBe(true);
		await repo.cancelRegistration(w.db, w.eco.id, (await repo.findActiveRegistration(w.db, w.eco.id, w.id, third!.userId))!.id);
		const outcome = await updateOffering({
			ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, origin,
			input: await formValues(w, { 'sessions.1.date': '2031-03-12', 'sessions.1.start': '17:30', 'sessions.1.end': '20:30' })
		});
		expect(outcome).toEqual({ ok: true, value: { slug: w.slug, notified: 2, moved: 1 } });
		const english = mailTo(first!.email);
		expect(english.map((m) => m.subject)).toEqual(['New time: Sensors in the biology lab']);
		expect(english[0]!.body).toContain('2031-03-12, 17:30–20:30 UTC');
		expect(english[0]!.body).toContain(`${origin}/e/${w.eco.slug}/pd/${w.slug}`);
		expect(english[0]!.body).not.toContain('2031-03-04');
		const spanish = mailTo(second!.email);
		expect(spanish.map((m) => m.subject)).toEqual(['Nuevo horario: Sensors in the biology lab']);
		expect(spanish[0]!.body).toContain('2031-03-12, 17:30–20:30 UTC');
		expect(mailTo(third!.email)).toEqual([]);
		const outbox = await w.db.selectFrom('outbox').select(['to_address', 'status']).where('ecosystem_id', '=', w.eco.id).where('kind', '=', 'pd_session_moved').execute();
		expect(outbox.map((o) => o.status)).toEqual(['sent', 'sent']);
		// The session kept its id, so the check-in is still there.
		const after = await repo.listSessions(w.db, w.eco.id, w.id);
		expect(after.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
		expect(await repo.listAttendance(w.db, w.eco.id, w.id)).toEqual([{ session_id: sessions[1]!.id, registration_id: expect.any(String) }]);
	});

	it('refuses to drop an existing session and a session id from another offering', async () => {
		const w = await partnerWorkshop(0);
		const dropped = await formValues(w, {});
		const onlyFirst = { ...dropped, sessions: (dropped.sessions as unknown[]).slice(0, 1) };
		const outcome = await updateOffering({ ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input: onlyFirst, origin });
		expect(outcome).toEqual({ ok: false, issues: [{ field: 'sessions.0.date', message: 'A session that already exists cannot be removed here; change its date and time instead.' }] });
		const foreign = await formValues(w, { 'sessions.1.id': 'not-a-session-here' });
		expect(await updateOffering({ ctx: w.ctx, actor: w.admin, ecosystemId: w.eco.id, slug: w.slug, input: foreign, origin })).toMatchObject({ ok: false, issues: [{ field: 'sessions.1.date' }] });
		expect((await repo.listSessions(w.db, w.eco.id, w.id)).length).toBe(2);
	});

	it('lets backbone staff edit a partner’s offering and refuses another partner’s admin, an educator and someone without two-factor sign-in', async () => {
		const w = await partnerWorkshop(1);
		const staff = await makeActor(w.ctx, { role: 'backbone_staff', ecosystemId: w.eco.id });
		expect((await updateOffering({ ctx: w.ctx, actor: staff, ecosystemId: w.eco.id, slug: w.slug, input: await formValues(w, { topic: 'Probeware' }), origin })).ok).toBe(true);
		const other = await makePartner(w.db, w.eco.id);
		const refused = [
			await makeActor(w.ctx, { role: 'partner_admin', ecosystemId: w.eco.id, partnerId: other.id }),
			w.educators[0]!,
			await makeActor(w.ctx, { role: 'partner_admin', ecosystemId: w.eco.id, partnerId: w.partner.id, twoFactor: false })
		];
		const input = await formValues(w, { title: 'Taken over' });
		for (const actor of refused) {
			await expect(getOfferingForEdit({ db: w.db, actor, ecosystemId: w.eco.id, slug: w.slug })).rejects.toMatchObject({ code: expect.any(String) });
			await expect(updateOffering({ ctx: w.ctx, actor, ecosystemId: w.eco.id, slug: w.slug, input, origin })).rejects.toMatchObject({ code: expect.any(String) });
		}
		expect((await getOffering({ db: w.db, actor: staff, ecosystemId: w.eco.id, slug: w.slug })).offering.title).toBe('Sensors in the biology lab');
	});
});
