import type { Selectable } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { EventRegistrationTable, EventTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import type { EventStatus, RegistrationStatus } from './events.js';

export type EventRow = Selectable<EventTable>;
export type RegistrationRow = Selectable<EventRegistrationTable>;

export type NewEvent = Omit<EventRow, 'id' | 'ecosystem_id' | 'seats_taken' | 'registrations_made' | 'created_at' | 'updated_at' | 'approved_at' | 'sequence' | 'status_note' | 'decided_at' | 'visibility' | 'group_id'> &
	Partial<Pick<EventRow, 'visibility' | 'group_id'>>;

export async function insertEvent(db: Executor, ecosystemId: string, values: NewEvent): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('event')
		.values({ ...values, id, ecosystem_id: ecosystemId, approved_at: values.status === 'published' ? now : null, created_at: now, updated_at: now })
		.execute();
	return id;
}

export async function eventSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('event').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function findEventBySlug(db: Executor, ecosystemId: string, slug: string): Promise<EventRow | undefined> {
	return db.selectFrom('event').selectAll().where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function findEventById(db: Executor, ecosystemId: string, id: string): Promise<EventRow | undefined> {
	return db.selectFrom('event').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function listEvents(
	db: Executor,
	ecosystemId: string,
	filter: { statuses: EventStatus[]; endingAfter?: string; startingFrom?: string; startingBefore?: string; groupId?: string; limit?: number }
): Promise<EventRow[]> {
	let query = db.selectFrom('event').selectAll().where('ecosystem_id', '=', ecosystemId).where('status', 'in', filter.statuses);
	if (filter.endingAfter) query = query.where('ends_at', '>', filter.endingAfter);
	if (filter.startingFrom) query = query.where('starts_at', '>=', filter.startingFrom);
	if (filter.startingBefore) query = query.where('starts_at', '<', filter.startingBefore);
	if (filter.groupId) query = query.where('group_id', '=', filter.groupId);
	return query.orderBy('starts_at').orderBy('id').limit(filter.limit ?? 500).execute();
}

export type EventChanges = Pick<EventRow, 'title' | 'title_es' | 'description_md' | 'description_md_es' | 'audience' | 'audience_es' | 'format' | 'location' | 'online_url' | 'starts_at' | 'ends_at' | 'capacity' | 'questions_json' | 'reminder_hours' | 'visibility' | 'group_id'>;

/** Staff edit an event; `bumpSequence` when calendars must replace their copy (time or place). */
export async function updateEventRow(db: Executor, ecosystemId: string, id: string, values: EventChanges, bumpSequence: boolean): Promise<void> {
	await db
		.updateTable('event')
		.set((eb) => ({ ...values, updated_at: nowIso(), ...(bumpSequence ? { sequence: eb('sequence', '+', 1) } : {}) }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.execute();
}

/**
 * Cancels a published event (or declines a proposal) with a note, bumping the calendar
 * SEQUENCE; answers whether it moved (false: it was not in status `from` any more).
 */
export async function closeEvent(db: Executor, ecosystemId: string, id: string, from: EventStatus, note: string | null): Promise<boolean> {
	const now = nowIso();
	const result = await db
		.updateTable('event')
		.set((eb) => ({ status: 'cancelled', status_note: note, decided_at: now, updated_at: now, sequence: eb('sequence', '+', 1) }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function setStatusNote(db: Executor, ecosystemId: string, id: string, note: string | null): Promise<void> {
	await db.updateTable('event').set({ status_note: note }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}

/** After a change of time, seat holders get a reminder for the new time. */
export async function resetReminders(db: Executor, ecosystemId: string, eventId: string): Promise<void> {
	await db.updateTable('event_registration').set({ reminder_sent_at: null }).where('ecosystem_id', '=', ecosystemId).where('event_id', '=', eventId).execute();
}

/** The admins of a partner (who hear about its proposals), with their language. */
export async function listPartnerAdmins(db: Executor, ecosystemId: string, partnerId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.select(['user.name', 'user.email', 'user.locale'])
		.where('membership.ecosystem_id', '=', ecosystemId)
		.where('membership.partner_id', '=', partnerId)
		.where('membership.role', '=', 'partner_admin')
		.orderBy('user.email')
		.execute();
}

/** Events proposed by one partner, newest first: the partner's own view of its proposals. */
export async function listPartnerProposals(db: Executor, ecosystemId: string, partnerId: string): Promise<EventRow[]> {
	return db.selectFrom('event').selectAll().where('ecosystem_id', '=', ecosystemId).where('proposed_by_partner_id', '=', partnerId).orderBy('created_at', 'desc').orderBy('starts_at').limit(200).execute();
}

/** Moves an event between statuses only from the one expected; answers whether it moved. */
export async function changeEventStatus(db: Executor, ecosystemId: string, id: string, from: EventStatus, to: EventStatus): Promise<boolean> {
	const now = nowIso();
	const result = await db
		.updateTable('event')
		.set({ status: to, updated_at: now, ...(to === 'published' ? { approved_at: now, decided_at: now } : {}) })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * The first write of every change to an event's registrations. Updating the event row makes
 * PostgreSQL hold its lock until the transaction ends, so registrations, cancellations and
 * promotions for one event happen one after another (SQLite has a single writer anyway).
 * Returns the registration's place in line, or undefined when the event is not open.
 */
export async function takePlaceInLine(db: Executor, ecosystemId: string, eventId: string): Promise<number | undefined> {
	const row = await db
		.updateTable('event')
		.set((eb) => ({ registrations_made: eb('registrations_made', '+', 1) }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', eventId)
		.where('status', '=', 'published')
		.returning('registrations_made')
		.executeTakeFirst();
	return row ? Number(row.registrations_made) : undefined;
}

/** Locks the event row for the rest of the transaction without changing it (see takePlaceInLine). */
export async function lockEvent(db: Executor, ecosystemId: string, eventId: string): Promise<void> {
	await db
		.updateTable('event')
		.set((eb) => ({ seats_taken: eb.ref('seats_taken') }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', eventId)
		.execute();
}

/** Takes one seat if one is free: the capacity check and the increment are one statement. */
export async function takeSeat(db: Executor, ecosystemId: string, eventId: string): Promise<boolean> {
	const result = await db
		.updateTable('event')
		.set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', eventId)
		.where((eb) => eb.or([eb('capacity', 'is', null), eb('seats_taken', '<', eb.ref('capacity'))]))
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function releaseSeat(db: Executor, ecosystemId: string, eventId: string): Promise<void> {
	await db
		.updateTable('event')
		.set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', eventId)
		.where('seats_taken', '>', 0)
		.execute();
}

export type NewRegistration = Pick<
	RegistrationRow,
	'event_id' | 'user_id' | 'name' | 'email' | 'locale' | 'status' | 'position' | 'answers_json' | 'accessibility_request' | 'language_request' | 'token_hash'
>;

export async function insertRegistration(db: Executor, ecosystemId: string, values: NewRegistration): Promise<string> {
	const id = newId();
	await db
		.insertInto('event_registration')
		.values({ ...values, id, ecosystem_id: ecosystemId, created_at: nowIso() })
		.execute();
	return id;
}

export async function findLiveRegistration(db: Executor, ecosystemId: string, eventId: string, email: string): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('event_registration')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.where('email', '=', email)
		.where('cancelled_at', 'is', null)
		.executeTakeFirst();
}

export async function findRegistrationByTokenHash(db: Executor, ecosystemId: string, tokenHash: string): Promise<RegistrationRow | undefined> {
	return db.selectFrom('event_registration').selectAll().where('ecosystem_id', '=', ecosystemId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findRegistrationById(db: Executor, ecosystemId: string, id: string): Promise<RegistrationRow | undefined> {
	return db.selectFrom('event_registration').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

/** Cancels a live registration; false when it was already cancelled (a second click). */
export async function cancelRegistrationRow(db: Executor, ecosystemId: string, id: string): Promise<boolean> {
	const result = await db
		.updateTable('event_registration')
		.set({ status: 'cancelled', cancelled_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('cancelled_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function firstWaitlisted(db: Executor, ecosystemId: string, eventId: string): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('event_registration')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.where('status', '=', 'waitlisted')
		.orderBy('position')
		.limit(1)
		.executeTakeFirst();
}

/** Gives a wait-listed person the seat just taken for them, with a new private-link hash. */
export async function promoteRegistration(db: Executor, ecosystemId: string, id: string, tokenHash: string): Promise<void> {
	await db
		.updateTable('event_registration')
		.set({ status: 'confirmed', promoted_at: nowIso(), token_hash: tokenHash })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', 'waitlisted')
		.execute();
}

export async function listRegistrations(
	db: Executor,
	ecosystemId: string,
	eventId: string,
	statuses: RegistrationStatus[] = ['confirmed', 'waitlisted', 'cancelled']
): Promise<RegistrationRow[]> {
	return db
		.selectFrom('event_registration')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.where('status', 'in', statuses)
		.orderBy('position')
		.execute();
}

export async function countRegistrations(db: Executor, ecosystemId: string, eventId: string): Promise<Record<RegistrationStatus, number>> {
	const rows = await db
		.selectFrom('event_registration')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.groupBy('status')
		.execute();
	const counts: Record<RegistrationStatus, number> = { confirmed: 0, waitlisted: 0, cancelled: 0 };
	for (const row of rows) counts[row.status] = Number(row.n);
	return counts;
}

/** Checks a confirmed attendee in (or undoes it); answers whether a row changed. */
export async function setCheckedIn(db: Executor, ecosystemId: string, eventId: string, registrationId: string, at: string | null): Promise<boolean> {
	const result = await db
		.updateTable('event_registration')
		.set({ checked_in_at: at })
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.where('id', '=', registrationId)
		.where('status', '=', 'confirmed')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Confirmed registrations of published events whose reminder time has come and which have not started. */
export async function dueReminders(db: Executor, ecosystemId: string, now: string) {
	const rows = await db
		.selectFrom('event_registration as r')
		.innerJoin('event as e', 'e.id', 'r.event_id')
		.select(['r.id as registration_id', 'r.email', 'r.name', 'r.locale', 'e.id as event_id', 'e.starts_at', 'e.reminder_hours'])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('e.ecosystem_id', '=', ecosystemId)
		.where('r.status', '=', 'confirmed')
		.where('r.reminder_sent_at', 'is', null)
		.where('e.status', '=', 'published')
		.where('e.reminder_hours', '>', 0)
		.where('e.starts_at', '>', now)
		.execute();
	return rows.filter((row) => Date.parse(row.starts_at) - Number(row.reminder_hours) * 3600_000 <= Date.parse(now));
}

/** Marks a reminder as sent; false if another run already did (so it is never sent twice). */
export async function markReminderSent(db: Executor, ecosystemId: string, registrationId: string): Promise<boolean> {
	const result = await db
		.updateTable('event_registration')
		.set({ reminder_sent_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', registrationId)
		.where('reminder_sent_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function setTokenHash(db: Executor, ecosystemId: string, registrationId: string, tokenHash: string): Promise<void> {
	await db.updateTable('event_registration').set({ token_hash: tokenHash }).where('ecosystem_id', '=', ecosystemId).where('id', '=', registrationId).execute();
}

export async function countCheckedIn(db: Executor, ecosystemId: string, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('event_registration')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('event_id', '=', eventId)
		.where('checked_in_at', 'is not', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertSeries(db: Executor, ecosystemId: string, rule: { repeat: string; occurrences: number }): Promise<string> {
	const id = newId();
	await db.insertInto('event_series').values({ id, ecosystem_id: ecosystemId, rule_json: JSON.stringify(rule), created_at: nowIso() }).execute();
	return id;
}

export async function listSeriesEvents(db: Executor, ecosystemId: string, seriesId: string): Promise<EventRow[]> {
	return db.selectFrom('event').selectAll().where('ecosystem_id', '=', ecosystemId).where('series_id', '=', seriesId).orderBy('starts_at').execute();
}

/**
 * For the annual report: events held between `from` and `to` (published, not cancelled, started
 * in that span and already over at `now`), their confirmed registrations and the people checked in.
 */
export async function countEventsHeld(db: Executor, ecosystemId: string, { from, to, now }: { from: string; to: string; now: string }): Promise<{ events: number; registrations: number; checkedIn: number }> {
	const held = db
		.selectFrom('event')
		.select('event.id')
		.where('event.ecosystem_id', '=', ecosystemId)
		.where('event.status', '=', 'published')
		.where('event.starts_at', '>=', from)
		.where('event.starts_at', '<', to)
		.where('event.ends_at', '<=', now);
	const [events, people] = await Promise.all([
		db
			.selectFrom(held.as('h'))
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('event_registration as r')
			.select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('r.checked_in_at').as('checked')])
			.where('r.ecosystem_id', '=', ecosystemId)
			.where('r.status', '=', 'confirmed')
			.where('r.event_id', 'in', held)
			.executeTakeFirstOrThrow()
	]);
	return { events: Number(events.n), registrations: Number(people.n), checkedIn: Number(people.checked) };
}
