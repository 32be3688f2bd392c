import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import { decide, membershipIn, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { findEcosystemById, listEcosystems } from '../ecosystems/ecosystems.repository.js';
import { toCsv } from '../dashboard/dashboard-view.js';
import { validate } from '../validation.js';
import { nowIso, randomToken, sha256, slugify } from '../util.js';
import * as repo from './events.repository.js';
import type { EventRow, RegistrationRow } from './events.repository.js';
import { registrationMail, type EventMailKind } from './events-mail.js';
import { addMinutes, eventSchema, minutesBetween, occurrenceStarts, parseQuestions, registrationSchema, seatsLeft, zonedToUtc, type RegistrationQuestion, type RegistrationStatus } from './events.js';

type Locale = 'en' | 'es';

export function questionsOf(event: Pick<EventRow, 'questions_json'>): RegistrationQuestion[] {
	return JSON.parse(event.questions_json) as RegistrationQuestion[];
}

/** What anyone may see of an event: never the online link, which only seat holders get. */
export type PublicEvent = Omit<EventRow, 'online_url'> & { seatsLeft: number | null; questions: RegistrationQuestion[] };

function toPublic(event: EventRow): PublicEvent {
	const { online_url: _hidden, ...rest } = event;
	return { ...rest, seatsLeft: seatsLeft(event), questions: questionsOf(event) };
}

/** The private link a registrant gets by email: the token is never stored, only its hash. */
export function registrationUrl(origin: string, ecosystemSlug: string, token: string): string {
	return `${origin}/e/${ecosystemSlug}/events/registration/${token}`;
}

async function ecosystemOrThrow(db: Executor, ecosystemId: string) {
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return ecosystem;
}

// ---- Creating and approving ------------------------------------------------------------------

/**
 * Backbone staff publish events directly; a partner admin's event is a proposal that waits for
 * backbone approval (status 'pending') and is linked to their partner. A repeating event becomes
 * one event per date, joined by a series, so people register for each date separately.
 */
export async function createEvent({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<{ id: string; slug: string; status: 'pending' | 'published'; dates: number }>> {
	requireAccess(actor, 'ecosystem.events.propose', { ecosystemId });
	const parsed = validate(eventSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const publishes = decide(actor, 'ecosystem.events.manage', { ecosystemId }) === 'allow';
	const status: 'pending' | 'published' = publishes ? 'published' : 'pending';
	const attempt = () =>
		db.transaction().execute(async (trx) => {
			const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
			const length = minutesBetween(value.starts_local, value.ends_local);
			const starts = occurrenceStarts(value.starts_local, value.repeat, value.occurrences ?? 1);
			const seriesId = starts.length > 1 ? await repo.insertSeries(trx, ecosystemId, { repeat: value.repeat, occurrences: starts.length }) : null;
			const created: { id: string; slug: string }[] = [];
			for (const startLocal of starts) {
				const startsAt = zonedToUtc(startLocal, ecosystem.time_zone);
				const base = `${slugify(value.title) || 'event'}-${startLocal.slice(0, 10)}`;
				let slug = base;
				for (let n = 2; await repo.eventSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
				const id = await repo.insertEvent(trx, ecosystemId, {
					slug,
					title: value.title,
					title_es: value.title_es ?? null,
					description_md: value.description_md,
					description_md_es: value.description_md_es ?? null,
					audience: value.audience,
					audience_es: value.audience_es ?? null,
					format: value.format,
					location: value.format === 'online' ? null : (value.location ?? null),
					online_url: value.format === 'in_person' ? null : (value.online_url ?? null),
					starts_at: startsAt,
					ends_at: zonedToUtc(addMinutes(startLocal, length), ecosystem.time_zone),
					time_zone: ecosystem.time_zone,
					capacity: value.capacity ?? null,
					questions_json: JSON.stringify(parseQuestions(value.questions, value.questions_es)),
					reminder_hours: value.reminder_hours,
					status,
					proposed_by_partner_id: publishes ? null : (membershipIn(actor, ecosystemId)?.partnerId ?? null),
					created_by_user_id: actor.userId,
					series_id: seriesId,
					is_demo: 0
				});
				created.push({ id, slug });
			}
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: publishes ? 'event.create' : 'event.propose',
				entityType: 'event',
				entityId: created[0]!.id,
				summary: `${publishes ? 'Published' : 'Proposed'} the event “${value.title}”${created.length > 1 ? ` (${created.length} dates, ${value.repeat})` : ''}`
			});
			return ok({ id: created[0]!.id, slug: created[0]!.slug, status, dates: created.length });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

/** Backbone staff publish (approve) or decline a partner's proposed event. */
export async function decideProposedEvent({
	db,
	actor,
	ecosystemId,
	slug,
	decision
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	decision: 'approve' | 'decline';
}): Promise<void> {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const event = await repo.findEventBySlug(trx, ecosystemId, slug);
		if (!event) throw new DomainError('EVENT_NOT_FOUND');
		if (!(await repo.changeEventStatus(trx, ecosystemId, event.id, 'pending', decision === 'approve' ? 'published' : 'cancelled'))) {
			throw new DomainError('EVENT_NOT_PENDING');
		}
		// A proposed series is decided as a whole.
		for (const sibling of event.series_id ? await repo.listSeriesEvents(trx, ecosystemId, event.series_id) : []) {
			await repo.changeEventStatus(trx, ecosystemId, sibling.id, 'pending', decision === 'approve' ? 'published' : 'cancelled');
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: decision === 'approve' ? 'event.approve' : 'event.decline',
			entityType: 'event',
			entityId: event.id,
			summary: `${decision === 'approve' ? 'Approved' : 'Declined'} the proposed event “${event.title}”`
		});
	});
}

// ---- Reading ---------------------------------------------------------------------------------

/** Published events that have not ended, soonest first: the public list, calendar and feed. */
export async function listUpcomingEvents({ db, ecosystemId, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; now?: string }) {
	return (await repo.listEvents(db, ecosystemId, { statuses: ['published'], endingAfter: now })).map(toPublic);
}

export async function getPublicEvent({ db, ecosystemId, slug }: { db: Kysely<Database>; ecosystemId: string; slug: string }): Promise<PublicEvent> {
	const event = await repo.findEventBySlug(db, ecosystemId, slug);
	if (!event || event.status !== 'published') throw new DomainError('EVENT_NOT_FOUND');
	return toPublic(event);
}

/** The other upcoming dates of the event's series (empty for a one-off event). */
export async function listOtherDates({ db, ecosystemId, event, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; event: PublicEvent; now?: string }) {
	if (!event.series_id) return [];
	return (await repo.listSeriesEvents(db, ecosystemId, event.series_id)).filter((e) => e.id !== event.id && e.status === 'published' && e.ends_at > now).map(toPublic);
}

/** Staff: every event with its registration counts, pending proposals included. */
export async function listEventsForStaff({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const events = await repo.listEvents(db, ecosystemId, { statuses: ['pending', 'published', 'cancelled'] });
	return Promise.all(
		events.map(async (event) => ({ ...toPublic(event), counts: await repo.countRegistrations(db, ecosystemId, event.id), checkedIn: await repo.countCheckedIn(db, ecosystemId, event.id) }))
	);
}

// ---- Registering and cancelling --------------------------------------------------------------

export const ALREADY_REGISTERED = 'This email address is already registered for this event. Use the private link in your email to see or cancel that registration.';

/**
 * Anyone may register for a published event that has not ended. A seat is taken in the same
 * transaction as the registration (see repo.takeSeat), so capacity holds however many people
 * register at once; when the event is full the person joins the waiting list. The email with
 * the private link is written to the outbox in that transaction and sent after it commits.
 */
export async function registerForEvent({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	locale,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	locale: Locale;
	origin: string;
}): Promise<Outcome<{ id: string; status: RegistrationStatus; token: string }>> {
	const db = ctx.db.kysely;
	const event = await getPublicEvent({ db, ecosystemId, slug });
	if (event.ends_at <= nowIso()) return invalid([{ field: 'form', message: 'This event has already taken place.' }]);
	const parsed = validate(registrationSchema(event.questions), input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const token = randomToken();
	const outcome = await db.transaction().execute(async (trx) => {
		const position = await repo.takePlaceInLine(trx, ecosystemId, event.id);
		if (position === undefined) throw new DomainError('EVENT_NOT_FOUND');
		if (await repo.findLiveRegistration(trx, ecosystemId, event.id, value.email)) {
			return invalid<{ id: string; status: RegistrationStatus; token: string; mailId: string }>([{ field: 'email', message: ALREADY_REGISTERED }]);
		}
		const status: RegistrationStatus = (await repo.takeSeat(trx, ecosystemId, event.id)) ? 'confirmed' : 'waitlisted';
		const id = await repo.insertRegistration(trx, ecosystemId, {
			event_id: event.id,
			user_id: actor.kind === 'user' ? actor.userId : null,
			name: value.name,
			email: value.email,
			locale,
			status,
			position,
			answers_json: JSON.stringify(value.answers),
			accessibility_request: value.accessibility_request ?? null,
			language_request: value.language_request ?? null,
			token_hash: sha256(token)
		});
		const mailId = await queueMail(ctx, trx, { kind: status, eventId: event.id, ecosystemId, registration: { ...value, locale }, origin, token });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'event.register',
			entityType: 'event_registration',
			entityId: id,
			summary: `Registration (${status}) for “${event.title}”`
		});
		return ok({ id, status, token, mailId });
	});
	if (!outcome.ok) return outcome;
	await ctx.mailer.deliver([outcome.value.mailId]);
	const { mailId: _sent, ...value_ } = outcome.value;
	return ok(value_);
}

async function queueMail(
	ctx: AppContext,
	trx: Executor,
	args: { kind: EventMailKind; eventId: string; ecosystemId: string; registration: { name: string; email: string; locale: string }; origin: string; token: string }
): Promise<string> {
	const ecosystem = await ecosystemOrThrow(trx, args.ecosystemId);
	const event = await repo.findEventById(trx, args.ecosystemId, args.eventId);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	return ctx.mailer.queue(
		trx,
		registrationMail({
			kind: args.kind,
			event,
			ecosystem: { id: ecosystem.id, name: args.registration.locale === 'es' && ecosystem.name_es ? ecosystem.name_es : ecosystem.name },
			registration: args.registration,
			url: registrationUrl(args.origin, ecosystem.slug, args.token)
		})
	);
}

/**
 * Fills free seats from the waiting list in sign-up order. Each promoted person gets a new
 * private link (only hashes are stored, so the old one cannot be re-sent) in their email.
 * Must run inside a transaction that has locked the event row.
 */
async function promoteFromWaitlist(ctx: AppContext, trx: Executor, ecosystemId: string, eventId: string, origin: string): Promise<string[]> {
	const mailIds: string[] = [];
	for (;;) {
		const next = await repo.firstWaitlisted(trx, ecosystemId, eventId);
		if (!next || !(await repo.takeSeat(trx, ecosystemId, eventId))) return mailIds;
		const token = randomToken();
		await repo.promoteRegistration(trx, ecosystemId, next.id, sha256(token));
		mailIds.push(await queueMail(ctx, trx, { kind: 'promoted', eventId, ecosystemId, registration: next, origin, token }));
	}
}

export interface RegistrationView {
	registration: Pick<RegistrationRow, 'id' | 'name' | 'email' | 'status' | 'accessibility_request' | 'language_request' | 'created_at' | 'cancelled_at'>;
	event: PublicEvent;
	/** Only for a confirmed seat on an online or hybrid event. */
	onlineUrl: string | null;
	/** 1 for the first person waiting; null unless wait-listed. */
	waitlistPlace: number | null;
}

/** What the private link shows: the registration, its event, and the online link to seat holders. */
export async function getRegistrationByToken({ db, ecosystemId, token }: { db: Kysely<Database>; ecosystemId: string; token: string }): Promise<RegistrationView> {
	const registration = await repo.findRegistrationByTokenHash(db, ecosystemId, sha256(token));
	if (!registration) throw new DomainError('REGISTRATION_NOT_FOUND');
	const event = await repo.findEventById(db, ecosystemId, registration.event_id);
	if (!event) throw new DomainError('REGISTRATION_NOT_FOUND');
	const waiting = registration.status === 'waitlisted' ? await repo.listRegistrations(db, ecosystemId, event.id, ['waitlisted']) : [];
	return {
		registration,
		event: toPublic(event),
		onlineUrl: registration.status === 'confirmed' ? event.online_url : null,
		waitlistPlace: registration.status === 'waitlisted' ? waiting.findIndex((r) => r.id === registration.id) + 1 : null
	};
}

/**
 * The attendee cancels through their private link (no sign-in). A freed seat goes to the first
 * person waiting, who is emailed. Cancelling twice is harmless.
 */
export async function cancelRegistrationByToken({
	ctx,
	ecosystemId,
	token,
	origin
}: {
	ctx: AppContext;
	ecosystemId: string;
	token: string;
	origin: string;
}): Promise<{ cancelled: boolean; promoted: number }> {
	const db = ctx.db.kysely;
	const found = await repo.findRegistrationByTokenHash(db, ecosystemId, sha256(token));
	if (!found) throw new DomainError('REGISTRATION_NOT_FOUND');
	const result = await db.transaction().execute(async (trx) => {
		await repo.lockEvent(trx, ecosystemId, found.event_id);
		const current = await repo.findRegistrationById(trx, ecosystemId, found.id);
		if (!current || !(await repo.cancelRegistrationRow(trx, ecosystemId, current.id))) return { cancelled: false, mailIds: [] as string[] };
		if (current.status === 'confirmed') await repo.releaseSeat(trx, ecosystemId, current.event_id);
		const mailIds = await promoteFromWaitlist(ctx, trx, ecosystemId, current.event_id, origin);
		await recordAudit(trx, {
			actor: { kind: 'public' },
			ecosystemId,
			action: 'event.cancel_registration',
			entityType: 'event_registration',
			entityId: current.id,
			summary: `An attendee cancelled (was ${current.status}); ${mailIds.length} promoted from the waiting list`
		});
		return { cancelled: true, mailIds };
	});
	await ctx.mailer.deliver(result.mailIds);
	return { cancelled: result.cancelled, promoted: result.mailIds.length };
}

// ---- Attendance ------------------------------------------------------------------------------

async function eventForStaff(db: Executor, ecosystemId: string, slug: string): Promise<EventRow> {
	const event = await repo.findEventBySlug(db, ecosystemId, slug);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	return event;
}

/** Staff: everyone registered for an event (personal data: needs two-factor sign-in). */
export async function listAttendees({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	requireAccess(actor, 'ecosystem.events.attendance', { ecosystemId });
	const event = await eventForStaff(db, ecosystemId, slug);
	const registrations = await repo.listRegistrations(db, ecosystemId, event.id);
	return { event: { ...toPublic(event), online_url: event.online_url }, registrations };
}

/** Staff at the door check a confirmed attendee in, or undo a mistaken check-in. */
export async function checkIn({
	db,
	actor,
	ecosystemId,
	slug,
	registrationId,
	undo = false
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	registrationId: string;
	undo?: boolean;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.events.attendance', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const event = await eventForStaff(trx, ecosystemId, slug);
		if (!(await repo.setCheckedIn(trx, ecosystemId, event.id, registrationId, undo ? null : nowIso()))) throw new DomainError('REGISTRATION_NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: undo ? 'event.undo_check_in' : 'event.check_in',
			entityType: 'event_registration',
			entityId: registrationId,
			summary: `${undo ? 'Undid the check-in of' : 'Checked in'} an attendee of “${event.title}”`
		});
	});
}

/** Staff: the attendance list as CSV (one row per registration, answers as columns). */
export async function attendanceCsv({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	const { event, registrations } = await listAttendees({ db, actor, ecosystemId, slug });
	const header = ['name', 'email', 'status', 'place_in_line', 'registered_at', 'checked_in_at', 'accessibility_request', 'language_request', ...event.questions.map((q) => q.label)];
	const rows = registrations.map((r) => {
		const answers = JSON.parse(r.answers_json) as Record<string, string | undefined>;
		return [
			r.name,
			r.email,
			r.status,
			String(r.position),
			r.created_at,
			r.checked_in_at ?? '',
			r.accessibility_request ?? '',
			r.language_request ?? '',
			...event.questions.map((q) => answers[q.id] ?? '')
		];
	});
	return { filename: `${event.slug}-attendance.csv`, csv: toCsv({ header, rows }) };
}

// ---- Reminders -------------------------------------------------------------------------------

/**
 * Emails confirmed attendees whose event's reminder time has come (by default a day before).
 * Each reminder is marked sent in the same transaction that queues it, so running this again,
 * or twice at once, never sends a second reminder. Meant for a timer or cron.
 */
export async function sendDueReminders({ ctx, origin, now = nowIso() }: { ctx: AppContext; origin: string; now?: string }): Promise<number> {
	const db = ctx.db.kysely;
	const mailIds: string[] = [];
	for (const ecosystem of await listEcosystems(db)) {
		for (const due of await repo.dueReminders(db, ecosystem.id, now)) {
			const mailId = await db.transaction().execute(async (trx) => {
				if (!(await repo.markReminderSent(trx, ecosystem.id, due.registration_id))) return null;
				const token = randomToken();
				await repo.setTokenHash(trx, ecosystem.id, due.registration_id, sha256(token));
				return queueMail(ctx, trx, { kind: 'reminder', eventId: due.event_id, ecosystemId: ecosystem.id, registration: due, origin, token });
			});
			if (mailId) mailIds.push(mailId);
		}
	}
	await ctx.mailer.deliver(mailIds);
	return mailIds.length;
}

/** What the "Add an event" form needs: whether it publishes at once or proposes, and the time zone. */
export async function prepareEventForm({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.events.propose', { ecosystemId });
	const ecosystem = await ecosystemOrThrow(db, ecosystemId);
	return { publishes: decide(actor, 'ecosystem.events.manage', { ecosystemId }) === 'allow', timeZone: ecosystem.time_zone };
}
