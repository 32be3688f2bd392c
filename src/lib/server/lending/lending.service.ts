import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import { publicActor, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, isUniqueViolation, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { nowIso, slugify } from '../util.js';
import { partnerActedFor, partnersActorActsFor } from '../partners/acting-for.js';
import { todayUtc } from '../opportunities/opportunities.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import * as m from '../../paraglide/messages.js';
import * as repo from './lending.repository.js';
import { addDays, availabilityByDay, CALENDAR_DAYS, daysBetween, freeUnits, handoverSchema, itemSchema, reservationSchema } from './lending.js';

type Db = Kysely<Database>;

export async function listCatalog({ db, ecosystemId }: { db: Db; ecosystemId: string }) {
	return repo.listItems(db, ecosystemId);
}

/** An item with its availability calendar: how many units are free each day for eight weeks. */
export async function getItem({ db, ecosystemId, slug, today = todayUtc() }: { db: Db; ecosystemId: string; slug: string; today?: string }) {
	const item = await repo.findItemBySlug(db, ecosystemId, slug);
	if (!item) throw new DomainError('LENDING_ITEM_NOT_FOUND');
	const last = addDays(today, CALENDAR_DAYS - 1);
	const booked = await repo.bookingsBetween(db, ecosystemId, item.id, today, last);
	return { item, calendar: availabilityByDay(item.quantity, daysBetween(today, last), booked) };
}

const lendingPartners = (db: Db, actor: Actor, ecosystemId: string) => partnersActorActsFor(db, actor, ecosystemId, 'partner.lending.manage');

export async function prepareItemForm({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await lendingPartners(db, actor, ecosystemId);
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	return { partners: partners.map((p) => ({ slug: p.slug, name: p.name })) };
}

/** A partner lists equipment it lends; one unit row per physical unit is created with it. */
export async function addItem({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	input,
	isDemo = false
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	input: unknown;
	isDemo?: boolean;
}): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerActedFor(db, actor, ecosystemId, partnerSlug, 'partner.lending.manage');
	const parsed = validate(itemSchema, input);
	if (!parsed.ok) return parsed;
	if (!partner) return invalid([{ field: 'partner', message: 'Choose the partner organisation that lends this.' }]);
	const value = parsed.value;
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string }>> => {
			const base = slugify(value.name) || 'item';
			let slug = base;
			for (let n = 2; slug === 'new' || slug === 'loans' || (await repo.itemSlugInUse(trx, ecosystemId, slug)); n++) slug = `${base}-${n}`;
			const id = await repo.insertItem(trx, { ecosystemId, partnerId: partner.id, slug, input: value, isDemo });
			await recordAudit(trx, { actor, ecosystemId, action: 'lending.item.add', entityType: 'lending_item', entityId: id, summary: `${partner.name} lends ${value.quantity} × “${value.name}”` });
			return ok({ slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

/**
 * Another reservation committed between our read and our write: the booking key refused ours
 * (unique violation), SQLite refused a stale write snapshot (SQLITE_BUSY / BUSY_SNAPSHOT), or
 * PostgreSQL aborted a serialization or deadlock. Reading again shows what is really left.
 */
function isWriteConflict(error: unknown): boolean {
	if (isUniqueViolation(error)) return true;
	for (let e = error as { code?: unknown; errcode?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
		if (e.code === '40001' || e.code === '40P01' || e.errcode === 5 || e.errcode === 517) return true;
		if (typeof e.message === 'string' && /database is locked/.test(e.message)) return true;
		e = e.cause as typeof e;
	}
	return false;
}

/**
 * An educator reserves units of an item for a date range. The same physical units are kept for
 * the whole loan. The database refuses a second booking of a unit on a day, so of two people
 * racing for the last kit one gets it and the other is told what is left.
 */
export async function reserveItem({
	db,
	actor,
	ecosystemId,
	slug,
	input,
	today = todayUtc()
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	today?: string;
}): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.lending.reserve', { ecosystemId });
	const item = await repo.findItemBySlug(db, ecosystemId, slug);
	if (!item) throw new DomainError('LENDING_ITEM_NOT_FOUND');
	const parsed = validate(reservationSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	const problems = [];
	if (v.starts_on < today) problems.push({ field: 'starts_on', message: 'The first day cannot be in the past.' });
	if (v.quantity > item.quantity) problems.push({ field: 'quantity', message: `${item.partner_name} lends ${item.quantity} of these in all.` });
	if (problems.length) return invalid(problems);
	const days = daysBetween(v.starts_on, v.ends_on);
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
			const booked = await repo.bookingsBetween(trx, ecosystemId, item.id, v.starts_on, v.ends_on);
			const free = freeUnits(item.quantity, days, booked);
			if (free.length < v.quantity) {
				return invalid([
					{
						field: 'quantity',
						message:
							free.length === 0
								? `None is free for every day from ${v.starts_on} to ${v.ends_on}. Check the calendar for other dates.`
								: `Only ${free.length} ${free.length === 1 ? 'is' : 'are'} free for every day from ${v.starts_on} to ${v.ends_on}.`
					}
				]);
			}
			const id = await repo.insertReservation(trx, {
				ecosystemId,
				itemId: item.id,
				userId: actor.userId,
				startsOn: v.starts_on,
				endsOn: v.ends_on,
				purpose: v.purpose,
				units: free.slice(0, v.quantity),
				days
			});
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: 'lending.reserve',
				entityType: 'lending_reservation',
				entityId: id,
				summary: `Reserved ${v.quantity} × “${item.name}” from ${v.starts_on} to ${v.ends_on}`
			});
			return ok({ id });
		});
	for (let tries = 1; ; tries++) {
		try {
			return await attempt();
		} catch (error) {
			if (!isWriteConflict(error) || tries >= 5) throw error;
		}
	}
}

async function reservationFor(db: Db, actor: Actor, ecosystemId: string, id: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const reservation = await repo.findReservation(db, ecosystemId, id);
	if (!reservation) throw new DomainError('RESERVATION_NOT_FOUND');
	return { ...reservation, viewer: actor };
}

/** The borrower, or the lending partner, cancels a reservation not yet picked up; its days are freed. */
export async function cancelReservation({ db, actor, ecosystemId, reservationId }: { db: Db; actor: Actor; ecosystemId: string; reservationId: string }): Promise<void> {
	const r = await reservationFor(db, actor, ecosystemId, reservationId);
	if (r.user_id !== r.viewer.userId) requireAccess(actor, 'partner.lending.manage', { ecosystemId, partnerId: r.partner_id });
	await db.transaction().execute(async (trx) => {
		if ((await repo.updateReservation(trx, ecosystemId, r.id, ['reserved'], { status: 'cancelled' })) === 0) throw new DomainError('RESERVATION_STATE');
		await repo.releaseBookings(trx, ecosystemId, r.id, r.starts_on);
		await recordAudit(trx, { actor, ecosystemId, action: 'lending.cancel', entityType: 'lending_reservation', entityId: r.id, summary: `Cancelled a reservation of “${r.item_name}”` });
	});
}

/** The lending partner hands the equipment over (pick-up) or takes it back (return), with a condition note. */
export async function recordHandover({
	db,
	actor,
	ecosystemId,
	reservationId,
	kind,
	input,
	today = todayUtc()
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	reservationId: string;
	kind: 'pickup' | 'return';
	input: unknown;
	today?: string;
}): Promise<Outcome<null>> {
	const r = await reservationFor(db, actor, ecosystemId, reservationId);
	requireAccess(actor, 'partner.lending.manage', { ecosystemId, partnerId: r.partner_id });
	const parsed = validate(handoverSchema, input);
	if (!parsed.ok) return parsed;
	if (kind === 'return' && !parsed.value.condition) return invalid([{ field: 'condition', message: 'Choose the condition it came back in.' }]);
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const changed =
			kind === 'pickup'
				? await repo.updateReservation(trx, ecosystemId, r.id, ['reserved'], { status: 'picked_up', pickup_note: parsed.value.note, picked_up_at: now })
				: await repo.updateReservation(trx, ecosystemId, r.id, ['picked_up'], { status: 'returned', return_note: parsed.value.note, return_condition: parsed.value.condition!, returned_at: now });
		if (changed === 0) throw new DomainError('RESERVATION_STATE');
		// An early return frees the days still ahead for other borrowers.
		if (kind === 'return') await repo.releaseBookings(trx, ecosystemId, r.id, addDays(today, 1));
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: kind === 'pickup' ? 'lending.pickup' : 'lending.return',
			entityType: 'lending_reservation',
			entityId: r.id,
			summary: `${kind === 'pickup' ? 'Handed over' : 'Took back'} “${r.item_name}”${kind === 'return' ? ` (${parsed.value.condition})` : ''}`
		});
		return ok(null);
	});
}

/** A person's own loans, and, for partner staff and backbone staff, the loans of the equipment they lend. */
export async function listLoans({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const mine = await repo.listReservationsOfUser(db, ecosystemId, actor.userId);
	const partners = await lendingPartners(db, actor, ecosystemId);
	const lent = (await Promise.all(partners.map((p) => repo.listReservationsOfPartner(db, ecosystemId, p.id)))).flat();
	return { mine, lent, lends: partners.length > 0 };
}

/** Emails each borrower whose loan is past its last day, at most once a day (run by the server). */
export async function sendOverdueReminders({ ctx, today = todayUtc() }: { ctx: Pick<AppContext, 'mailer'> & { db: { kysely: Db } }; today?: string }): Promise<number> {
	const db = ctx.db.kysely;
	const overdue = await repo.listOverdue(db, today);
	const mails: OutgoingMessage[] = [];
	await db.transaction().execute(async (trx) => {
		for (const loan of overdue) {
			if ((await repo.updateReservation(trx, loan.ecosystem_id, loan.id, ['picked_up'], { reminded_at: today })) === 0) continue;
			const locale = loan.locale === 'es' ? 'es' : 'en';
			const item = locale === 'es' && loan.item_name_es ? loan.item_name_es : loan.item_name;
			mails.push({
				ecosystemId: loan.ecosystem_id,
				to: loan.email,
				subject: m.lending_mail_overdue_subject({ item }, { locale }),
				text: m.lending_mail_overdue_body({ name: loan.name, item, due: loan.ends_on }, { locale }),
				kind: 'lending_overdue'
			});
			await recordAudit(trx, { actor: publicActor, ecosystemId: loan.ecosystem_id, action: 'lending.remind', entityType: 'lending_reservation', entityId: loan.id, summary: `Reminded a borrower that “${loan.item_name}” was due ${loan.ends_on}` });
		}
	});
	for (const mail of mails) await ctx.mailer.send(mail);
	return mails.length;
}
