import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { ItemInput } from './lending.js';

const itemColumns = [
	'i.id', 'i.ecosystem_id', 'i.partner_id', 'p.name as partner_name', 'p.slug as partner_slug', 'i.slug', 'i.name', 'i.name_es',
	'i.description', 'i.description_es', 'i.quantity', 'i.condition', 'i.pickup_location', 'i.is_demo'
] as const;

function items(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('lending_item as i')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'i.partner_id').onRef('p.ecosystem_id', '=', 'i.ecosystem_id'))
		.select(itemColumns)
		.where('i.ecosystem_id', '=', ecosystemId);
}

export async function listItems(db: Executor, ecosystemId: string) {
	return items(db, ecosystemId).orderBy('i.name').execute();
}

export async function findItemBySlug(db: Executor, ecosystemId: string, slug: string) {
	return items(db, ecosystemId).where('i.slug', '=', slug).executeTakeFirst();
}
export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItemBySlug>>>;

export async function itemSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('lending_item').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

/** The item and one unit row per physical unit: the rows bookings must point at. */
export async function insertItem(db: Executor, values: { ecosystemId: string; partnerId: string; slug: string; input: ItemInput; isDemo?: boolean }): Promise<string> {
	const id = newId();
	const now = nowIso();
	const v = values.input;
	await db
		.insertInto('lending_item')
		.values({
			id,
			ecosystem_id: values.ecosystemId,
			partner_id: values.partnerId,
			slug: values.slug,
			name: v.name,
			name_es: v.name_es ?? null,
			description: v.description,
			description_es: v.description_es ?? null,
			quantity: v.quantity,
			condition: v.condition,
			pickup_location: v.pickup_location,
			is_demo: values.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	await db
		.insertInto('lending_unit')
		.values(Array.from({ length: v.quantity }, (_, i) => ({ ecosystem_id: values.ecosystemId, item_id: id, unit_no: i + 1 })))
		.execute();
	return id;
}

export async function bookingsBetween(db: Executor, ecosystemId: string, itemId: string, first: string, last: string) {
	return db
		.selectFrom('lending_booking')
		.select(['unit_no', 'day'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('item_id', '=', itemId)
		.where('day', '>=', first)
		.where('day', '<=', last)
		.execute();
}

export async function insertReservation(
	db: Executor,
	values: { ecosystemId: string; itemId: string; userId: string; startsOn: string; endsOn: string; purpose: string; units: number[]; days: string[] }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('lending_reservation')
		.values({
			id,
			ecosystem_id: values.ecosystemId,
			item_id: values.itemId,
			user_id: values.userId,
			quantity: values.units.length,
			starts_on: values.startsOn,
			ends_on: values.endsOn,
			purpose: values.purpose,
			status: 'reserved',
			pickup_note: null,
			return_note: null,
			return_condition: null,
			picked_up_at: null,
			returned_at: null,
			reminded_at: null,
			created_at: nowIso()
		})
		.execute();
	await db
		.insertInto('lending_booking')
		.values(values.units.flatMap((unit_no) => values.days.map((day) => ({ ecosystem_id: values.ecosystemId, item_id: values.itemId, unit_no, day, reservation_id: id }))))
		.execute();
	return id;
}

const reservationColumns = [
	'r.id', 'r.item_id', 'i.name as item_name', 'i.name_es as item_name_es', 'i.slug as item_slug', 'i.partner_id', 'p.name as partner_name',
	'r.user_id', 'u.name as borrower_name', 'u.email as borrower_email', 'r.quantity', 'r.starts_on', 'r.ends_on', 'r.purpose', 'r.status',
	'r.pickup_note', 'r.return_note', 'r.return_condition', 'r.picked_up_at', 'r.returned_at', 'r.reminded_at', 'r.created_at'
] as const;

function reservations(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('lending_reservation as r')
		.innerJoin('lending_item as i', 'i.id', 'r.item_id')
		.innerJoin('partner as p', 'p.id', 'i.partner_id')
		.innerJoin('user as u', 'u.id', 'r.user_id')
		.select(reservationColumns)
		.where('r.ecosystem_id', '=', ecosystemId);
}

export async function findReservation(db: Executor, ecosystemId: string, id: string) {
	return reservations(db, ecosystemId).where('r.id', '=', id).executeTakeFirst();
}

export async function listReservationsOfUser(db: Executor, ecosystemId: string, userId: string) {
	return reservations(db, ecosystemId).where('r.user_id', '=', userId).orderBy('r.starts_on', 'desc').execute();
}

export async function listReservationsOfPartner(db: Executor, ecosystemId: string, partnerId: string) {
	return reservations(db, ecosystemId).where('i.partner_id', '=', partnerId).orderBy('r.starts_on', 'desc').execute();
}

export async function updateReservation(
	db: Executor,
	ecosystemId: string,
	id: string,
	from: string[],
	values: Partial<{ status: string; pickup_note: string; return_note: string; return_condition: string | null; picked_up_at: string; returned_at: string; reminded_at: string }>
): Promise<number> {
	const result = await db
		.updateTable('lending_reservation')
		.set(values)
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', 'in', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Frees the days of a reservation from `fromDay` on (all of them when cancelled, the rest when returned early). */
export async function releaseBookings(db: Executor, ecosystemId: string, reservationId: string, fromDay: string): Promise<void> {
	await db.deleteFrom('lending_booking').where('ecosystem_id', '=', ecosystemId).where('reservation_id', '=', reservationId).where('day', '>=', fromDay).execute();
}

/** Loans still out after their last day and not reminded today, in every ecosystem (the sweep). */
export async function listOverdue(db: Executor, today: string) {
	return db
		.selectFrom('lending_reservation as r')
		.innerJoin('lending_item as i', 'i.id', 'r.item_id')
		.innerJoin('user as u', 'u.id', 'r.user_id')
		.select(['r.id', 'r.ecosystem_id', 'r.ends_on', 'i.name as item_name', 'i.name_es as item_name_es', 'u.email', 'u.name', 'u.locale'])
		.where('r.status', '=', 'picked_up')
		.where('r.ends_on', '<', today)
		.where((eb) => eb.or([eb('r.reminded_at', 'is', null), eb('r.reminded_at', '<', today)]))
		.execute();
}
