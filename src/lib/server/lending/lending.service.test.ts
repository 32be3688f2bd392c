import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor, type EcosystemRole } from '../auth/roles.js';
import { addItem, cancelReservation, getItem, listLoans, recordHandover, reserveItem, sendOverdueReminders } from './lending.service.js';

const TODAY = '2027-03-01';
const kit = { name: 'Microscope kit', quantity: '2', condition: 'good', pickup_location: 'Room 104' };

describeEachDatabase('lending service', (get) => {
	async function setup(quantity = '2') {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const lender = await makePartner(db, eco.id, { name: 'Cedar Hollow Fab Lab' });
		const actor = (role: EcosystemRole, partnerId: string | null = null) => makeActor(ctx, { role, ecosystemId: eco.id, partnerId });
		const staff = await actor('partner_member', lender.id);
		const added = await addItem({ db, actor: staff, ecosystemId: eco.id, partnerSlug: lender.slug, input: { ...kit, quantity } });
		if (!added.ok) throw new Error('item not added');
		return { ctx, db, eco, lender, staff, actor, slug: added.value.slug };
	}
	const reserve = (s: Awaited<ReturnType<typeof setup>>, actor: Parameters<typeof reserveItem>[0]['actor'], input: Record<string, string>) =>
		reserveItem({ db: s.db, actor, ecosystemId: s.eco.id, slug: s.slug, input, today: TODAY });

	it('lets partner staff list equipment for their partner only, and lists every problem', async () => {
		const s = await setup();
		const other = await makePartner(s.db, s.eco.id);
		await expect(addItem({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, partnerSlug: other.slug, input: kit })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const educator = await s.actor('educator');
		await expect(addItem({ db: s.db, actor: educator, ecosystemId: s.eco.id, partnerSlug: s.lender.slug, input: kit })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const bad = await addItem({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, partnerSlug: s.lender.slug, input: { name: 'X', quantity: '0', condition: 'shiny' } });
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['name', 'quantity', 'condition']);
		expect(await auditActions(s.db, s.eco.id)).toEqual(['lending.item.add']);
	});

	it('reserves without double-booking: overlapping loans share the stock, then are refused clearly', async () => {
		const s = await setup();
		const [lee, kim, ray] = [await s.actor('educator'), await s.actor('educator'), await s.actor('educator')];
		expect((await reserve(s, lee, { starts_on: '2027-03-02', ends_on: '2027-03-15', quantity: '1' })).ok).toBe(true);
		expect((await reserve(s, kim, { starts_on: '2027-03-10', ends_on: '2027-03-20', quantity: '1' })).ok).toBe(true);
		expect(await reserve(s, ray, { starts_on: '2027-03-14', ends_on: '2027-03-14', quantity: '1' })).toEqual({
			ok: false,
			issues: [{ field: 'quantity', message: 'None is free for every day from 2027-03-14 to 2027-03-14. Check the calendar for other dates.' }]
		});
		expect((await reserve(s, ray, { starts_on: '2027-03-16', ends_on: '2027-03-20', quantity: '1' })).ok).toBe(true);
		expect(await reserve(s, ray, { starts_on: '2027-03-01', ends_on: '2027-03-01', quantity: '3' })).toMatchObject({ ok: false, issues: [{ field: 'quantity', message: 'Cedar Hollow Fab Lab lends 2 of these in all.' }] });
		expect(await reserve(s, ray, { starts_on: '2027-02-20', ends_on: '2027-02-21', quantity: '1' })).toMatchObject({ ok: false, issues: [{ field: 'starts_on' }] });
		const { calendar } = await getItem({ db: s.db, ecosystemId: s.eco.id, slug: s.slug, today: TODAY });
		const free = Object.fromEntries(calendar.map((d) => [d.day, d.free]));
		expect([free['2027-03-01'], free['2027-03-05'], free['2027-03-12'], free['2027-03-18'], free['2027-03-21']]).toEqual([2, 1, 0, 0, 2]);
	});

	it('gives the last kit to exactly one of two educators reserving at the same moment, on separate connections', async () => {
		const s = await setup('1');
		const other = await get().openContext();
		const [lee, kim] = [await s.actor('educator'), await s.actor('educator')];
		for (let round = 0; round < 5; round++) {
			const day = `2027-04-${String(10 + round * 3).padStart(2, '0')}`;
			const input = { starts_on: day, ends_on: `2027-04-${String(11 + round * 3).padStart(2, '0')}`, quantity: '1' };
			const outcomes = await Promise.all([
				reserveItem({ db: s.db, actor: lee, ecosystemId: s.eco.id, slug: s.slug, input, today: TODAY }),
				reserveItem({ db: other.db.kysely, actor: kim, ecosystemId: s.eco.id, slug: s.slug, input, today: TODAY })
			]);
			expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
			expect(outcomes.find((o) => !o.ok)).toMatchObject({ ok: false, issues: [{ field: 'quantity', message: expect.stringContaining('None is free') }] });
		}
		const bookings = await s.db.selectFrom('lending_booking').select(['unit_no', 'day']).where('ecosystem_id', '=', s.eco.id).execute();
		expect(bookings).toHaveLength(10);
		expect(new Set(bookings.map((b) => b.day)).size).toBe(10);
	});

	it('the database itself refuses a booking of a unit that does not exist or is taken', async () => {
		const s = await setup('1');
		const lee = await s.actor('educator');
		const made = await reserve(s, lee, { starts_on: '2027-03-02', ends_on: '2027-03-02', quantity: '1' });
		if (!made.ok) throw new Error('not reserved');
		const item = await s.db.selectFrom('lending_item').select('id').where('slug', '=', s.slug).where('ecosystem_id', '=', s.eco.id).executeTakeFirstOrThrow();
		const row = (unit_no: number, day: string) => ({ ecosystem_id: s.eco.id, item_id: item.id, unit_no, day, reservation_id: made.value.id });
		await expect(s.db.insertInto('lending_booking').values(row(1, '2027-03-02')).execute()).rejects.toThrow();
		await expect(s.db.insertInto('lending_booking').values(row(2, '2027-03-03')).execute()).rejects.toThrow();
	});

	it('hands over and takes back with condition notes; an early return frees the days ahead', async () => {
		const s = await setup('1');
		const lee = await s.actor('educator');
		const made = await reserve(s, lee, { starts_on: '2027-03-01', ends_on: '2027-03-10', quantity: '1' });
		if (!made.ok) throw new Error('not reserved');
		const handover = (kind: 'pickup' | 'return', input: unknown, actor = s.staff) =>
			recordHandover({ db: s.db, actor, ecosystemId: s.eco.id, reservationId: made.value.id, kind, input, today: '2027-03-04' });
		await expect(handover('pickup', {}, lee)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(await handover('pickup', { note: 'All 12 slides in the box.' })).toEqual({ ok: true, value: null });
		expect(await handover('return', { note: 'Fine.' })).toMatchObject({ ok: false, issues: [{ field: 'condition' }] });
		expect(await handover('return', { note: 'One slide cracked.', condition: 'fair' })).toEqual({ ok: true, value: null });
		await expect(handover('return', { condition: 'fair' })).rejects.toMatchObject({ code: 'RESERVATION_STATE' });
		const loans = await listLoans({ db: s.db, actor: s.staff, ecosystemId: s.eco.id });
		expect(loans.lent).toMatchObject([{ status: 'returned', pickup_note: 'All 12 slides in the box.', return_note: 'One slide cracked.', return_condition: 'fair' }]);
		const kim = await s.actor('educator');
		expect((await reserveItem({ db: s.db, actor: kim, ecosystemId: s.eco.id, slug: s.slug, input: { starts_on: '2027-03-05', ends_on: '2027-03-10', quantity: '1' }, today: '2027-03-04' })).ok).toBe(true);
		expect(await auditActions(s.db, s.eco.id)).toEqual(['lending.item.add', 'lending.pickup', 'lending.reserve', 'lending.reserve', 'lending.return']);
	});

	it('lets the borrower cancel, freeing the days; others may not', async () => {
		const s = await setup('1');
		const [lee, kim] = [await s.actor('educator'), await s.actor('educator')];
		const made = await reserve(s, lee, { starts_on: '2027-03-02', ends_on: '2027-03-04', quantity: '1' });
		if (!made.ok) throw new Error('not reserved');
		await expect(cancelReservation({ db: s.db, actor: kim, ecosystemId: s.eco.id, reservationId: made.value.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await cancelReservation({ db: s.db, actor: lee, ecosystemId: s.eco.id, reservationId: made.value.id });
		expect((await reserve(s, kim, { starts_on: '2027-03-02', ends_on: '2027-03-04', quantity: '1' })).ok).toBe(true);
		expect((await listLoans({ db: s.db, actor: lee, ecosystemId: s.eco.id })).mine).toMatchObject([{ status: 'cancelled' }]);
	});

	it('emails overdue borrowers once a day', async () => {
		const s = await setup('1');
		const lee = await s.actor('educator');
		const made = await reserve(s, lee, { starts_on: '2027-03-01', ends_on: '2027-03-03', quantity: '1' });
		if (!made.ok) throw new Error('not reserved');
		await recordHandover({ db: s.db, actor: s.staff, ecosystemId: s.eco.id, reservationId: made.value.id, kind: 'pickup', input: {}, today: TODAY });
		const ctx = s.ctx;
		expect(await sendOverdueReminders({ ctx, today: '2027-03-03' })).toBe(0);
		expect(await sendOverdueReminders({ ctx, today: '2027-03-04' })).toBeGreaterThanOrEqual(1);
		const mine = () => s.db.selectFrom('outbox').select(['to_address', 'subject', 'kind']).where('ecosystem_id', '=', s.eco.id).execute();
		expect(await mine()).toEqual([{ to_address: lee.email, subject: 'Please return “Microscope kit”', kind: 'lending_overdue' }]);
		await sendOverdueReminders({ ctx, today: '2027-03-04' });
		expect(await mine()).toHaveLength(1);
		await sendOverdueReminders({ ctx, today: '2027-03-05' });
		expect(await mine()).toHaveLength(2);
	});

	describe('access and tenancy', () => {
		it('sends the public to sign in, and never reaches another ecosystem’s items or reservations', async () => {
			const s = await setup('1');
			await expect(reserve(s, publicActor, { starts_on: '2027-03-02', ends_on: '2027-03-02', quantity: '1' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const lee = await s.actor('educator');
			const made = await reserve(s, lee, { starts_on: '2027-03-02', ends_on: '2027-03-02', quantity: '1' });
			if (!made.ok) throw new Error('not reserved');
			const elsewhere = await makeEcosystem(s.db);
			const outsider = await makeActor(s.ctx, { role: 'backbone_admin', ecosystemId: elsewhere.id });
			await expect(reserveItem({ db: s.db, actor: outsider, ecosystemId: elsewhere.id, slug: s.slug, input: {}, today: TODAY })).rejects.toMatchObject({ code: 'LENDING_ITEM_NOT_FOUND' });
			await expect(cancelReservation({ db: s.db, actor: outsider, ecosystemId: elsewhere.id, reservationId: made.value.id })).rejects.toMatchObject({ code: 'RESERVATION_NOT_FOUND' });
			await expect(getItem({ db: s.db, ecosystemId: elsewhere.id, slug: s.slug })).rejects.toMatchObject({ code: 'LENDING_ITEM_NOT_FOUND' });
			expect((await listLoans({ db: s.db, actor: lee, ecosystemId: s.eco.id })).mine).toMatchObject([{ status: 'reserved' }]);
		});
	});
});
